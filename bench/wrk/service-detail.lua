-- The service's ReviewDetail: a random review (global id).
local bench = dofile("bench/wrk/common.lua")
bench.run("service-detail", function()
  return '{"id":"' .. bench.global_id("Review", bench.pick(bench.reviews)) .. '"}'
end)
