-- Shared by the wrk scripts in this directory (run wrk from the repository root):
--   PARTNERS=100 REVIEWS=50000 wrk -t1 -c16 -d20s --latency -s bench/wrk/service-page.lua http://127.0.0.1:18090/graphql
-- Each script gives its document's name and a function that makes the variables of one request
-- (random partner/review ids, 1..PARTNERS and 1..REVIEWS, as bench/load.mjs picks them). This
-- file posts them, counts bad answers per thread in response(), and done() prints one line:
--   BENCH requests=.. seconds=.. rps=.. served_rps=.. p50_ms=.. p99_ms=.. served_p50_ms=.. served_p99_ms=.. shed=.. http_errors=.. graphql_errors=.. socket_errors=..
-- served_rps: answers with data (not shed, no error) per second. shed: 503 (the service's load shedding); http_errors: any other status but 200; graphql_errors:
-- a 200 whose body has an "errors" member; socket_errors: connect/read/write errors and timeouts.
-- p50_ms/p99_ms: wrk's own, of all answers (the refusals too). served_p50_ms/served_p99_ms: of the
-- served answers alone, with SERVED_LATENCY=1 (bench/sweep.sh: at 1,024 connections refusals are
-- held for a second and would otherwise be most of the p99): each request carries its number as
-- X-Request-Id (off by default, as the service would otherwise skip making a request id), which
-- the service sends back (observability.RequestIds); the time from making the request to its
-- answer is taken with clock_gettime through LuaJIT's FFI (wrk's Lua has no clock of its own), in
-- 0.1 ms steps. n/a for a server that does not send the header back (the PostGraphiles).
local M = {}

local ffi = require("ffi")
ffi.cdef [[
  typedef struct { long tv_sec; long tv_nsec; } bench_timespec;
  int clock_gettime(int clock, bench_timespec *now);
]]
local clock_now = ffi.new("bench_timespec")
local CLOCK_MONOTONIC = 1
local function now_us()
  ffi.C.clock_gettime(CLOCK_MONOTONIC, clock_now)
  return tonumber(clock_now.tv_sec) * 1e6 + tonumber(clock_now.tv_nsec) / 1e3
end

-- The latency in ms below which a share q (0..1) of the counts in hist (0.1 ms step -> count) lies:
-- the upper end of the step where the share is reached.
local function percentile(hist, total, q)
  local steps = {}
  for step in pairs(hist) do steps[#steps + 1] = step end
  table.sort(steps)
  local seen = 0
  for _, step in ipairs(steps) do
    seen = seen + hist[step]
    if seen >= q * total then return (step + 1) / 10 end
  end
  return 0
end

M.partners = tonumber(os.getenv("PARTNERS") or "100")
M.reviews = tonumber(os.getenv("REVIEWS") or "50000")

-- Partners and reviews are picked uniformly; with PICK=zipf partners follow Zipf's law (exponent 1):
-- the k-th most asked partner k times less often than the first, as shops' popularity goes.
local zipf_cdf
local function zipf(n)
  if not zipf_cdf then
    zipf_cdf = {}
    local sum = 0
    for k = 1, n do sum = sum + 1 / k; zipf_cdf[k] = sum end
    for k = 1, n do zipf_cdf[k] = zipf_cdf[k] / sum end
  end
  local u, lo, hi = math.random(), 1, n
  while lo < hi do
    local mid = math.floor((lo + hi) / 2)
    if zipf_cdf[mid] < u then lo = mid + 1 else hi = mid end
  end
  return lo
end
function M.pick(n)
  if os.getenv("PICK") == "zipf" and n == M.partners then return zipf(n) end
  return math.random(1, n)
end

-- The service's ids are opaque: base64url("<Type>:<key>") without padding (GlobalId.java, load.mjs).
local alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
function M.base64url(s)
  local out = {}
  for i = 1, #s, 3 do
    local a, b, c = s:byte(i, i + 2)
    local n = a * 65536 + (b or 0) * 256 + (c or 0)
    -- 1, 2 or 3 bytes give 2, 3 or 4 characters (no padding)
    for k = 0, (c and 3) or (b and 2) or 1 do
      local v = math.floor(n / 2 ^ (18 - 6 * k)) % 64
      out[#out + 1] = alphabet:sub(v + 1, v + 1)
    end
  end
  return table.concat(out)
end
function M.global_id(type, key) return M.base64url(type .. ":" .. key) end

-- A JSON array of n strings made by f(): ["a","b",...]
function M.json_strings(n, f)
  local items = {}
  for i = 1, n do items[i] = '"' .. f(i) .. '"' end
  return "[" .. table.concat(items, ",") .. "]"
end

-- Installs wrk's callbacks: name is bench/wrk/queries/<name>.json (from queries.mjs), variables()
-- returns the JSON object of one request's variables.
function M.run(name, variables)
  local file = assert(io.open("bench/wrk/queries/" .. name .. ".json"),
    "no bench/wrk/queries/" .. name .. ".json: run node bench/wrk/queries.mjs from the repository root")
  local query = file:read("*a")
  file:close()

  wrk.method = "POST"
  wrk.headers["Content-Type"] = "application/json"
  wrk.headers["Accept"] = "application/json"
  -- Signed in (bench/replicas.sh): a partner's bearer token.
  local token = os.getenv("BENCH_TOKEN")
  if token and token ~= "" then wrk.headers["Authorization"] = "Bearer " .. token end

  -- Main state: keep the threads so done() can add up their counters; seed each one differently
  -- but the same on every run (a fixed sequence of ids, like load.mjs).
  local threads = {}
  function setup(thread)
    thread:set("thread_number", #threads + 1)
    table.insert(threads, thread)
  end

  -- Thread states:
  function init(args)
    -- SEED (bench/caches.sh) gives a run a sequence of its own: its rarely asked partners are new.
    math.randomseed(20260401 + (thread_number or 0) + tonumber(os.getenv("SEED") or "0"))
    shed, http_errors, graphql_errors = 0, 0, 0
    -- served_hist: the served answers' latencies, 0.1 ms step -> count (thread:get copies tables)
    served_hist, sent, sequence = {}, {}, 0
    request_headers = {}
    for name, value in pairs(wrk.headers) do request_headers[name] = value end
  end
  local served_latency = os.getenv("SERVED_LATENCY") == "1"
  function request()
    if not served_latency then
      return wrk.format(nil, nil, nil, '{"query":' .. query .. ',"variables":' .. variables() .. '}')
    end
    sequence = sequence + 1
    local id = tostring(sequence)
    request_headers["X-Request-Id"] = id
    sent[id] = now_us()
    return wrk.format(nil, nil, request_headers, '{"query":' .. query .. ',"variables":' .. variables() .. '}')
  end
  function response(status, headers, body)
    local id = headers["X-Request-Id"]
    local started = id and sent[id]
    if id then sent[id] = nil end
    if status == 503 then shed = shed + 1
    elseif status ~= 200 then http_errors = http_errors + 1
    elseif body:find('"errors"', 1, true) then graphql_errors = graphql_errors + 1
    elseif started then
      local step = math.floor((now_us() - started) / 100)
      served_hist[step] = (served_hist[step] or 0) + 1
    end
  end

  -- Main state again, after the run.
  function done(summary, latency, requests)
    local counts = { shed = 0, http_errors = 0, graphql_errors = 0 }
    for _, thread in ipairs(threads) do
      for key in pairs(counts) do counts[key] = counts[key] + (thread:get(key) or 0) end
    end
    local hist, timed = {}, 0
    for _, thread in ipairs(threads) do
      for step, n in pairs(thread:get("served_hist") or {}) do
        hist[step] = (hist[step] or 0) + n
        timed = timed + n
      end
    end
    local served_p50, served_p99 = "n/a", "n/a"
    if timed > 0 then
      served_p50 = string.format("%.1f", percentile(hist, timed, 0.50))
      served_p99 = string.format("%.1f", percentile(hist, timed, 0.99))
    end
    local e = summary.errors
    local seconds = summary.duration / 1e6
    io.write(string.format(
      "BENCH requests=%d seconds=%.3f rps=%.1f served_rps=%.1f p50_ms=%.1f p99_ms=%.1f served_p50_ms=%s served_p99_ms=%s shed=%d http_errors=%d graphql_errors=%d socket_errors=%d\n",
      summary.requests, seconds, summary.requests / seconds,
      (summary.requests - counts.shed - counts.http_errors - counts.graphql_errors) / seconds, latency:percentile(50) / 1000,
      latency:percentile(99) / 1000, served_p50, served_p99, counts.shed, counts.http_errors, counts.graphql_errors,
      e.connect + e.read + e.write + e.timeout))
  end
end

return M
