#!/usr/bin/env bash
# The agent-service's added latency per model call: the same Architect review sent straight to the
# simulator's Gemini endpoint and through the agent-service (devbot up), at 1 and at 50 concurrent
# calls; first with the simulator answering at once (the service's own cost, CPU-bound at 50), then
# with every review taking MODEL_MS (default 200 ms) on both paths, as a real model does — the
# setting published gateway benchmarks use. Usage: agent-service/bench/run.sh [SECONDS] [MODEL_MS]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
DURATION=${1:-20}
MODEL_MS=${2:-200}
AGENT=${AGENT_URL:-http://127.0.0.1:8083}
SIM=${SIMULATOR_URL:-http://127.0.0.1:8090}
command -v wrk >/dev/null || { echo "wrk is needed: apt-get install wrk" >&2; exit 1; }
set -a; . "$("$ROOT/deploy/local/devbot" env)"; set +a
curl -sf -o /dev/null "$AGENT/q/health/ready" || { echo "agent-service is not ready at $AGENT: run deploy/local/devbot up" >&2; exit 1; }
export BENCH_AUTH="Basic $(printf 'service:%s' "$DEVBOT_SERVICE_PASSWORD" | base64 -w0)"
BENCH="$ROOT/agent-service/bench"
DIRECT="$SIM/v1beta/models/gemini-2.5-flash:generateContent"

run() { # label connections script url
  local threads=$(( $2 < 2 ? 1 : 2 ))
  wrk -t$threads -c"$2" -d10s -s "$BENCH/$3" "$4" >/dev/null # warm-up (the JIT)
  printf '%-36s ' "$1"
  wrk -t$threads -c"$2" -d"${DURATION}s" --latency -s "$BENCH/$3" "$4" | tail -1
}

both_paths() {
  for connections in 1 50; do
    run "direct to the simulator, $connections conn" "$connections" direct.lua "$DIRECT"
    run "through agent-service, $connections conn" "$connections" agent.lua "$AGENT/api/v1/review"
  done
}

echo "agent-service on $AGENT vs the simulator on $SIM, ${DURATION}s each, $(nproc) cores"
# Right after a start the JIT compiles for minutes at low call rates (the service took 80 % of a
# core at 250 calls/s): warm it up under load first, or the 1-connection figures measure the JIT.
wrk -t2 -c50 -d30s -s "$BENCH/agent.lua" "$AGENT/api/v1/review" >/dev/null
echo "-- the simulator answers at once"
both_paths
echo "-- every review takes ${MODEL_MS} ms in the simulator"
trap 'curl -sf -o /dev/null -X DELETE "$SIM/sim/llm/scenarios"' EXIT
curl -sf -o /dev/null -H 'Content-Type: application/json' -d "{\"rules\":[{\"name\":\"bench-model-time\",\"match\":{\"operation\":\"review\"},\"respond\":{\"delayMs\":$MODEL_MS}}]}" "$SIM/sim/llm/scenarios"
both_paths
