-- The service's ReviewPage filtered by a search in the texts (ReviewFilter.text): a random partner,
-- first 20, one of four words the bench data's pros and cons hold in different shares. The service
-- only: PostGraphile's schema has no text search to compare with.
local bench = dofile("bench/wrk/common.lua")
local words = { "verpakking", "geleverd", "contact", "laat" }
bench.run("service-search", function()
  return '{"partnerId":"' .. bench.global_id("Partner", bench.pick(bench.partners)) .. '","first":20,"filter":{"text":"'
      .. words[math.random(1, #words)] .. '"}}'
end)
