#!/usr/bin/env bash
# Reserve+settle pairs per second against the local billing-service (devbot up), 32 clients,
# spread over 1,000 accounts and then on one hot account; ends with the invariant audit.
# Usage: billing-service/bench/run.sh [SECONDS] [CLIENTS]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
SECONDS_PER_RUN=${1:-20}
CLIENTS=${2:-32}
BASE=${BILLING_URL:-http://127.0.0.1:8084}
set -a; . "$("$ROOT/deploy/local/devbot" env)"; set +a
curl -sf -o /dev/null "$BASE/q/health/ready" || { echo "billing-service is not ready at $BASE: run deploy/local/devbot up" >&2; exit 1; }
BENCH="$ROOT/billing-service/bench/ReserveSettleBench.java"
java "$BENCH" "$BASE" spread "$CLIENTS" "$SECONDS_PER_RUN" 1000
java "$BENCH" "$BASE" hot "$CLIENTS" "$SECONDS_PER_RUN" 1
