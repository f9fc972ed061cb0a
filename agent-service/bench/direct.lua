-- A review request straight to the simulator's Gemini endpoint: the baseline without the agent-service.
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["x-goog-api-key"] = "bench-direct-key"
wrk.body = '{"systemInstruction":{"parts":[{"text":"[devbot:review] You are the Architect reviewing one task."}]},' ..
  '"contents":[{"role":"user","parts":[{"text":"Task 1: Project skeleton\\nCreate the package.\\n\\nThe change:\\n' ..
  'wordcount/__main__.py\\n+print(1)"}]}],"generationConfig":{"temperature":0.2,"maxOutputTokens":16384}}'

function done(summary, latency, requests)
  io.write(string.format("%.0f req/s  p50 %.2f ms  p99 %.2f ms  (%d requests, %d non-2xx)\n",
    summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    summary.requests, summary.errors.status))
end
