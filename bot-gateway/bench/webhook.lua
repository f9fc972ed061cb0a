-- One Telegram update per request, each with its own update_id (so nothing is deduplicated), from
-- 1,000 different chats (so records spread over partitions as real traffic does).
local counter = 0
local thread_id = 0
local threads = {}

function setup(thread)
  thread:set("thread_id", #threads)
  table.insert(threads, thread)
end

function init(args)
  base = tonumber(os.getenv("BENCH_RUN")) % 1000000000 * 1000
  secret = os.getenv("TELEGRAM_WEBHOOK_SECRET")
  -- BENCH_KIND=edited_message measures everything but Kafka (the gateway ignores that kind).
  kind = os.getenv("BENCH_KIND") or "message"
end

function request()
  counter = counter + 1
  local update_id = base + thread_id * 100000000 + counter
  local chat = 7000000000 + (counter * 7919 + thread_id) % 1000
  local body = string.format('{"update_id":%d,"' .. kind .. '":{"message_id":%d,"date":1764150000,' ..
    '"chat":{"id":%d,"type":"private"},"from":{"id":%d,"is_bot":false,"first_name":"Bench",' ..
    '"language_code":"en"},"text":"Add a weekly summary of habits and export them as CSV"}}',
    update_id, counter, chat, chat)
  return wrk.format("POST", "/telegram/webhook",
    { ["Content-Type"] = "application/json", ["X-Telegram-Bot-Api-Secret-Token"] = secret }, body)
end

function done(summary, latency, requests)
  local non2xx = summary.errors.status
  io.write(string.format("%.0f req/s  p50 %.2f ms  p99 %.2f ms  (%d requests, %d non-2xx, %d socket errors)\n",
    summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    summary.requests, non2xx, summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
