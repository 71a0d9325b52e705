-- PostGraphile 4's page: a random partner by primary key.
local bench = dofile("bench/wrk/common.lua")
bench.run("pg4-page", function()
  return '{"id":"' .. bench.pick(bench.partners) .. '"}'
end)
