-- PostGraphile 5's page: a random partner by primary key.
local bench = dofile("bench/wrk/common.lua")
bench.run("pg5-page", function()
  return '{"id":"' .. bench.pick(bench.partners) .. '"}'
end)
