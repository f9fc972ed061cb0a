#!/usr/bin/env bash
# Footprint of the local stack (docs/measurements.md, "Start, memory, readiness"): how long each service
# takes to start when all start together, its resident memory once ready, and what readiness answers —
# and how fast — while PostgreSQL, Redis or Kafka is down, then how long until all are ready again.
#   deploy/local/bench/footprint.sh [ROUNDS]     (restarts the stack's services; default 3 rounds)
set -euo pipefail
cd "$(dirname "$0")/../../.."
devbot=deploy/local/devbot
state=.devbot
rounds=${1:-3}
services=(devbot-simulator project-store-service sandbox-service billing-service agent-service orchestrator-service bot-gateway)
declare -A port=([bot-gateway]=8081 [orchestrator-service]=8082 [agent-service]=8083 [billing-service]=8084
  [project-store-service]=8085 [sandbox-service]=8086 [devbot-simulator]=8090)

ready_code() { curl -s -o /dev/null -m 5 -w '%{http_code} %{time_total}' "http://127.0.0.1:$1/q/health/ready" || true; }
rss_mb() { ps -o rss= -p "$1" 2>/dev/null | awk '{printf "%d", $1 / 1024}'; }
pid_of() { tr -dc '0-9' <"$state/run/$1.pid"; }
since() { awk -v now="$(date +%s.%N)" -v then="$1" 'BEGIN { printf "%.1f", now - then }'; }

$devbot infra up >/dev/null
for ((round = 1; round <= rounds; round++)); do
  echo "== round $round"
  $devbot stop >/dev/null
  started=$(date +%s.%N)
  $devbot up --no-build >/dev/null
  echo "all ready after $(since "$started") s (devbot up --no-build)"
  printf '%-24s %10s %8s\n' service "start (s)" "RSS MB"
  for name in "${services[@]}"; do
    # Quarkus logs "started in N.NNNs" once per start: the last one is this start's.
    start=$(grep -o 'started in [0-9.]*s' "$state/logs/$name.log" | tail -1 | tr -dc '0-9.')
    printf '%-24s %10s %8s\n' "$name" "${start:-?}" "$(rss_mb "$(pid_of "$name")")"
  done
  printf '%-24s %10s %8s\n' kafka - "$(rss_mb "$(pid_of kafka)")"
  printf '%-24s %10s %8s\n' redis - "$(rss_mb "$(pid_of redis)")"

  for dependency in postgres redis kafka; do
    case $dependency in
      postgres) runuser -u postgres -- /usr/lib/postgresql/15/bin/pg_ctl -D "$(readlink -f $state/postgres)/data" -m fast -w stop >/dev/null ;;
      redis) kill "$(pid_of redis)" ;;
      kafka) kill "$(pid_of kafka)" ;;
    esac
    sleep 3
    line="$dependency down:"
    for name in "${services[@]:1}"; do
      read -r code seconds <<<"$(ready_code "${port[$name]}")"
      [[ $code == 503 ]] && line+=" ${name%-service} 503 in $(awk -v s="$seconds" 'BEGIN { printf "%.0f", s * 1000 }') ms;"
    done
    echo "$line"
    back=$(date +%s.%N)
    $devbot infra up >/dev/null
    for name in "${services[@]:1}"; do
      until [[ $(ready_code "${port[$name]}") == 200* ]]; do sleep 0.2; done
    done
    echo "  all ready $(since "$back") s after '$dependency' was started again"
  done
done
