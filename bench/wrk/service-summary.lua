-- The service's PartnerSummaries: 10 random partners (global ids) per request.
local bench = dofile("bench/wrk/common.lua")
bench.run("service-summary", function()
  return '{"partnerIds":' .. bench.json_strings(10, function() return bench.global_id("Partner", bench.pick(bench.partners)) end) .. '}'
end)
