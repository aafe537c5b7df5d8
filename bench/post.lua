-- wrk script: POSTs the body in $BODY_FILE as $CONTENT_TYPE (GET when no body file), and prints
-- one machine-readable line: requests, seconds, non-2xx answers, socket errors, p50 and p99 in µs.
local file = os.getenv("BODY_FILE")
if file and file ~= "" then
  local f = assert(io.open(file, "rb"))
  wrk.method = "POST"
  wrk.body = f:read("*a")
  f:close()
  wrk.headers["Content-Type"] = os.getenv("CONTENT_TYPE") or "application/json"
end

done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("RESULT %d %.6f %d %d %d %d\n", summary.requests, summary.duration / 1e6,
    e.status, e.connect + e.read + e.write + e.timeout, latency:percentile(50), latency:percentile(99)))
end
