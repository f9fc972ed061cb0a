-- Edit batches per second: each request rewrites one of 100 files of one project with new content,
-- under its own batchId (so every batch is applied, versioned and indexed in the background).
local counter = 0
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = os.getenv("BENCH_AUTH")

function request()
  counter = counter + 1
  local body = string.format('{"batchId":"bench-%s-%d-%d","edits":[{"kind":"write","path":"src/module_%d.py",' ..
    '"content":"def f():\\n    return %d\\n"}]}', os.getenv("BENCH_RUN"), math.random(1, 1000000000), counter,
    counter % 100, counter)
  return wrk.format(nil, os.getenv("BENCH_PATH"), nil, body)
end

function done(summary, latency, requests)
  io.write(string.format("%.0f batches/s  p50 %.2f ms  p99 %.2f ms  (%d requests, %d non-2xx)\n",
    summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    summary.requests, summary.errors.status))
end
