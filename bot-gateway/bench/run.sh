#!/usr/bin/env bash
# Webhook updates/s and latency at 50 connections against the local bot-gateway (devbot up), with
# real Kafka and acks=all, next to the same server's bare /q/health/live measured in the same run.
# Usage: bot-gateway/bench/run.sh [SECONDS] [CONNECTIONS]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
DURATION=${1:-20}
CONNECTIONS=${2:-50}
BASE=${GATEWAY_URL:-http://127.0.0.1:8081}
command -v wrk >/dev/null || { echo "wrk is needed: apt-get install wrk" >&2; exit 1; }
set -a; . "$("$ROOT/deploy/local/devbot" env)"; set +a
curl -sf -o /dev/null "$BASE/q/health/ready" || { echo "bot-gateway is not ready at $BASE: run deploy/local/devbot up" >&2; exit 1; }
BENCH="$ROOT/bot-gateway/bench"

run() { # label script path
  export BENCH_RUN="$(date +%s%N)"
  wrk -t2 -c"$CONNECTIONS" -d5s -s "$BENCH/$2" "$BASE$3" >/dev/null # warm-up: JIT, connections, producer batches
  export BENCH_RUN="$(date +%s%N)"
  printf '%-34s ' "$1"
  wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" --latency -s "$BENCH/$2" "$BASE$3" | tail -1
}

echo "bot-gateway on $BASE, $CONNECTIONS connections, ${DURATION}s each, $(nproc) cores"
run "bare endpoint (/q/health/live)" live.lua /q/health/live
run "webhook → Kafka (acks=all)" webhook.lua /telegram/webhook
