#!/usr/bin/env bash
# project-store benchmarks against the local service (devbot up): bench.py (archive of 500 files,
# embedding throughput, search latency over ~5,000 chunks, context tokens and recall from 10 to 500
# files), then edit batches/s (wrk, 16 connections on one project; indexing runs behind them).
# Usage: project-store-service/bench/run.sh [SECONDS]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
DURATION=${1:-15}
BASE=${PROJECT_STORE_URL:-http://127.0.0.1:8085}
command -v wrk >/dev/null || { echo "wrk is needed: apt-get install wrk" >&2; exit 1; }
set -a; . "$("$ROOT/deploy/local/devbot" env)"; set +a
curl -sf -o /dev/null "$BASE/q/health/ready" || { echo "project-store is not ready at $BASE: run deploy/local/devbot up" >&2; exit 1; }
export BENCH_AUTH="Basic $(printf 'service:%s' "$DEVBOT_SERVICE_PASSWORD" | base64 -w0)"
PROJECT_STORE_URL="$BASE" python3 "$ROOT/project-store-service/bench/bench.py"
OWNER=$((3000000000 + RANDOM))
PROJECT=$(curl -sf -u "service:$DEVBOT_SERVICE_PASSWORD" -H 'Content-Type: application/json' \
  -d "{\"ownerId\":$OWNER,\"title\":\"Edit bench\"}" "$BASE/api/v1/projects" | sed 's/.*"id":\([0-9]*\).*/\1/')
export BENCH_PATH="/api/v1/projects/$PROJECT/edits?ownerId=$OWNER" BENCH_RUN="$(date +%s%N)"
wrk -t2 -c16 -d3s -s "$ROOT/project-store-service/bench/edits.lua" "$BASE" >/dev/null
printf '| edit batches (one file each, 16 connections, one project) | '
BENCH_RUN="$(date +%s%N)" wrk -t2 -c16 -d"${DURATION}s" --latency -s "$ROOT/project-store-service/bench/edits.lua" "$BASE" | tail -1 | sed 's/$/ |/'

