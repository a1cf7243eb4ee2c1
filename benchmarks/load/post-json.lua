-- wrk script: POSTs one JSON file over and over, keeping each connection alive, and reports
-- latency percentiles, the achieved request rate and every non-2xx answer.
--
-- Environment: BODY (the JSON file to send), PACE_MS (optional: each connection waits this long
-- between requests, so C connections offer at most C * 1000 / PACE_MS requests per second),
-- TOKEN (optional: sent as a bearer token).
--
-- Example: BODY=review.json PACE_MS=10 wrk -t2 -c10 -d30s --latency -s post-json.lua https://127.0.0.1:18743/v1/admit

local body_file = os.getenv("BODY")
local file = body_file and io.open(body_file, "rb")
if not file then
  io.stderr:write("post-json.lua: set BODY to a readable JSON file (got: " .. tostring(body_file) .. ")\n")
  os.exit(2)
end
wrk.method = "POST"
wrk.body = file:read("*a")
file:close()
wrk.headers["Content-Type"] = "application/json"
if os.getenv("TOKEN") then
  wrk.headers["Authorization"] = "Bearer " .. os.getenv("TOKEN")
end

local pace = tonumber(os.getenv("PACE_MS") or "0")

function delay()
  return pace
end

function done(summary, latency, requests)
  local seconds = summary.duration / 1e6
  io.write(string.format("requests %d in %.1f s = %.1f req/s\n", summary.requests, seconds, summary.requests / seconds))
  io.write(string.format("latency p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, p99.9 %.2f ms, max %.2f ms\n",
    latency:percentile(50) / 1e3, latency:percentile(90) / 1e3, latency:percentile(99) / 1e3,
    latency:percentile(99.9) / 1e3, latency.max / 1e3))
  local e = summary.errors
  io.write(string.format("errors: connect %d, read %d, write %d, timeout %d, non-2xx/3xx status %d\n",
    e.connect, e.read, e.write, e.timeout, e.status))
end
