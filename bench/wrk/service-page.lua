-- The service's ReviewPage: a random partner (global id), first 20 reviews.
local bench = dofile("bench/wrk/common.lua")
bench.run("service-page", function()
  return '{"partnerId":"' .. bench.global_id("Partner", bench.pick(bench.partners)) .. '","first":20}'
end)
