-- PostGraphile 5's detail: a random review by primary key.
local bench = dofile("bench/wrk/common.lua")
bench.run("pg5-detail", function()
  return '{"id":"' .. bench.pick(bench.reviews) .. '"}'
end)
