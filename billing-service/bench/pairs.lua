-- wrk script: every reservation is followed by its settle (with a usage charge). The id to settle
-- is read from the 201 answer, so responses may come back in any order. Pairs/s = settles/s.
local counter = 0
local run = os.getenv("BENCH_RUN")
local pending = {}
local users = {}
local headers = { ["Content-Type"] = "application/json", ["Authorization"] = os.getenv("BENCH_AUTH") }
local reserved, settled, refused = 0, 0, 0

function setup(thread)
  thread:set("tid", tostring(math.random(1, 1e9)))
end

function init(args)
  local first = tonumber(os.getenv("BENCH_FIRST_USER"))
  for i = 0, tonumber(os.getenv("BENCH_ACCOUNTS")) - 1 do users[#users + 1] = first + i end
  math.randomseed(tonumber(tid))
end

function request()
  local next = table.remove(pending, 1)
  if next then
    local body = string.format('{"usage":{"eventId":"evt-%s","userId":%s,"provider":"gemini","model":"gemini-2.5-flash",'
      .. '"keyAlias":"bench","inputTokens":1000,"outputTokens":100,"occurredAt":"2026-11-26T09:00:00Z"}}', next.id, next.user)
    return wrk.format("POST", "/api/v1/reservations/" .. next.id .. "/settle", headers, body)
  end
  counter = counter + 1
  local id = "w-" .. run .. "-" .. tid .. "-" .. counter
  local body = string.format('{"reservationId":"%s","userId":%d,"jobId":"job-%s","amount":1000}', id,
    users[math.random(1, #users)], id)
  return wrk.format("POST", "/api/v1/reservations", headers, body)
end

function response(status, headers, body)
  if status == 201 then
    reserved = reserved + 1
    table.insert(pending, { id = body:match('"reservationId":"([^"]+)"'), user = body:match('"userId":(%d+)') })
  elseif status == 200 then
    settled = settled + 1
  else
    refused = refused + 1
  end
end

function done(summary, latency, requests)
  local seconds = summary.duration / 1e6
  io.write(string.format("requests_per_s=%.0f pairs_per_s=%.0f request_p50_ms=%.2f request_p99_ms=%.2f non2xx=%d\n",
    summary.requests / seconds, summary.requests / seconds / 2, latency:percentile(50) / 1000,
    latency:percentile(99) / 1000, summary.errors.status))
end
