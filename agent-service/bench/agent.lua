-- The same review through the agent-service: prompt from resources, pooled key, validation, a usage
-- event published to Kafka.
local counter = 0
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = os.getenv("BENCH_AUTH")

function request()
  counter = counter + 1
  -- callId as the orchestrator sends it (its step id): the usage event ids derive from it.
  local body = string.format('{"jobId":"bench-%d","userId":%d,"projectId":17,"task":{"number":1,' ..
    '"title":"Project skeleton","description":"Create the package."},"change":"wordcount/__main__.py\\n+print(1)",' ..
    '"callId":"bench-step-%d"}', counter, 9000000000 + counter % 100, counter)
  return wrk.format(nil, nil, nil, body)
end

function done(summary, latency, requests)
  io.write(string.format("%.0f req/s  p50 %.2f ms  p99 %.2f ms  (%d requests, %d non-2xx)\n",
    summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    summary.requests, summary.errors.status))
end
