-- PostGraphile 4's summary: 10 random partners by primary key ($p0..$p9, BigInt as a string).
local bench = dofile("bench/wrk/common.lua")
bench.run("pg4-summary", function()
  local items = {}
  for i = 0, 9 do items[#items + 1] = '"p' .. i .. '":"' .. bench.pick(bench.partners) .. '"' end
  return "{" .. table.concat(items, ",") .. "}"
end)
