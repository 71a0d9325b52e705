-- bench/caches.sh: a crawler asks random partners' scores as of random days of the last two years.
local bench = dofile("bench/wrk/common.lua")
bench.run("service-crawler", function()
  local day = os.date("!%Y-%m-%dT12:00:00Z", os.time() - math.random(1, 730) * 86400)
  return '{"id":"' .. bench.global_id("Partner", math.random(1, bench.partners)) .. '","asOf":"' .. day .. '"}'
end)
