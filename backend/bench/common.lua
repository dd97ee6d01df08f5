-- Shared by every wrk script of the benchmark (loaded with dofile; run.sh
-- starts wrk from this directory).
--
-- * Adds `Authorization: Bearer $BENCH_TOKEN` when that variable is set.
-- * Counts responses whose status is not 2xx, per wrk thread.
-- * done() prints one JSON line, prefixed `BENCH_RESULT `, that report.py reads.

local token = os.getenv("BENCH_TOKEN")
if token and token ~= "" then
  wrk.headers["Authorization"] = "Bearer " .. token
end

local threads = {}

-- Runs in the main Lua state, once per thread, before the threads start.
function setup(thread)
  table.insert(threads, thread)
end

-- The rest runs inside each thread's own Lua state.
non2xx = 0

function response(status, headers, body)
  if status < 200 or status > 299 then
    non2xx = non2xx + 1
  end
end

-- Back in the main state: sum the thread counters and report.
function done(summary, latency, requests)
  local bad = 0
  for _, thread in ipairs(threads) do
    bad = bad + thread:get("non2xx")
  end
  local e = summary.errors
  io.write(string.format(
    'BENCH_RESULT {"requests": %d, "duration_us": %d, "p50_us": %d, "p99_us": %d, ' ..
    '"non2xx": %d, "socket_errors": %d, "connect": %d, "read": %d, "write": %d, "timeout": %d}\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99),
    bad, e.connect + e.read + e.write + e.timeout, e.connect, e.read, e.write, e.timeout))
end
