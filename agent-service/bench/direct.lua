-- A review request straight to the simulator's Gemini endpoint: the baseline without the agent-service.
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["x-goog-api-key"] = "bench-direct-key"
-- Exactly the request the agent-service sends for agent.lua's review (captured from it), so
-- both paths ask the simulator the same thing and it does the same work for each.
wrk.body = [[{"contents":[{"parts":[{"text":"Task 1: Project skeleton\nCreate the package.\n\nThe change:\nwordcount/__main__.py\n+print(1)\n\nThe files after the change:\n\n"}],"role":"user"}],"systemInstruction":{"parts":[{"text":"[devbot:review]\nYou are the Architect reviewing one task's change against its acceptance criteria. Approve when\nevery criterion is met and the change is correct; otherwise reject and list concrete problems the\nimplementer can fix (file, what is wrong, what to do). Do not ask for work beyond the task.\n\nAnswer with ONE JSON object and nothing else:\n{\"approved\": true|false, \"problems\": [\"…\"], \"summary\": \"one sentence\"}\n"}],"role":"model"},"generationConfig":{"responseMimeType":"text/plain","candidateCount":1,"maxOutputTokens":16384,"temperature":0.2,"responseLogprobs":false}}]]

function done(summary, latency, requests)
  io.write(string.format("%.0f req/s  p50 %.2f ms  p99 %.2f ms  (%d requests, %d non-2xx)\n",
    summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    summary.requests, summary.errors.status))
end
