#!/usr/bin/env bash
# Reserve+settle pairs per second against the local billing-service (devbot up): wrk with 32
# connections, spread over 1,000 accounts, then on one hot account; then the invariant audit.
# Usage: billing-service/bench/run.sh [SECONDS] [CONNECTIONS]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
DURATION=${1:-20}
CONNECTIONS=${2:-32}
BASE=${BILLING_URL:-http://127.0.0.1:8084}
command -v wrk >/dev/null || { echo "wrk is needed: apt-get install wrk" >&2; exit 1; }
set -a; . "$("$ROOT/deploy/local/devbot" env)"; set +a
curl -sf -o /dev/null "$BASE/q/health/ready" || { echo "billing-service is not ready at $BASE: run deploy/local/devbot up" >&2; exit 1; }
export BENCH_AUTH="Basic $(printf 'service:%s' "$DEVBOT_SERVICE_PASSWORD" | base64 -w0)"

prepare() { # first-user count → accounts with a large grant
  local user
  for ((user = $1; user < $1 + $2; user++)); do
    curl -sf -o /dev/null -u "service:$DEVBOT_SERVICE_PASSWORD" -H 'Content-Type: application/json' \
      -d "{\"userId\":$user}" "$BASE/api/v1/accounts"
    curl -sf -o /dev/null -u "operator:$DEVBOT_OPERATOR_PASSWORD" -H 'Content-Type: application/json' \
      -d '{"amount":1000000000,"reason":"benchmark","idempotencyKey":"bench","kind":"GRANT"}' \
      "$BASE/api/admin/accounts/$user/adjustments"
  done
}

run() { # label first-user count
  export BENCH_RUN="$(date +%s%N)"
  BENCH_FIRST_USER=$2 BENCH_ACCOUNTS=$3 wrk -t2 -c"$CONNECTIONS" -d2s -s "$ROOT/billing-service/bench/pairs.lua" "$BASE" >/dev/null
  printf '%-28s ' "$1"
  export BENCH_RUN="$(date +%s%N)"
  BENCH_FIRST_USER=$2 BENCH_ACCOUNTS=$3 wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" -s "$ROOT/billing-service/bench/pairs.lua" "$BASE" | tail -1
}

FIRST=$((8000000000 + RANDOM * 10000))
prepare "$FIRST" 1000
prepare $((FIRST + 5000)) 1
run "spread (1,000 accounts)" "$FIRST" 1000
run "hot (1 account)" $((FIRST + 5000)) 1
printf 'audit: %s\n' "$(curl -s -u "operator:$DEVBOT_OPERATOR_PASSWORD" "$BASE/api/admin/audit")"
