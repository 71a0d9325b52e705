-- The service's ReviewPage filtered on a topic (ReviewFilter.topic): a random partner, first 20,
-- a random one of the six configured topics. The service only (PostGraphile has nothing like it).
local bench = dofile("bench/wrk/common.lua")
local topics = { "verpakking", "levering", "productkwaliteit", "productinformatie", "klantenservice", "prijs" }
bench.run("service-topic", function()
  return '{"partnerId":"' .. bench.global_id("Partner", bench.pick(bench.partners)) .. '","first":20,"filter":{"topic":"'
      .. topics[math.random(1, #topics)] .. '"}}'
end)
