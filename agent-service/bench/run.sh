#!/usr/bin/env bash
# The agent-service's added latency per model call: the same Architect review sent straight to the
# simulator's Gemini endpoint and through the agent-service, at 1 and at 50 concurrent calls; first
# with the simulator answering at once (the service's own cost, CPU-bound at 50), then with every
# review taking MODEL_MS (default 200 ms) on both paths, as a real model does — the setting
# published gateway benchmarks use. Usage: agent-service/bench/run.sh [SECONDS] [MODEL_MS] [WARMUP_SECONDS]
#
# It starts its own agent-service (the jar 'devbot up' built, local profile, port 18083) whose usage
# events go to a topic nobody consumes, deleted when the run ends: with the real topic, billing
# charged every benchmark call and kept the two cores busy for minutes after a run, so one run
# measured the previous one's billing. Every event is still published to Kafka (acks=all); a call
# does not wait for it (agent-service README, metering).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
DURATION=${1:-20}
MODEL_MS=${2:-200}
WARMUP=${3:-120}
PORT=${BENCH_AGENT_PORT:-18083}
AGENT=http://127.0.0.1:$PORT
SIM=${SIMULATOR_URL:-http://127.0.0.1:8090}
# BENCH_AGENT_JAR compares another build (A/B) with the same script.
JAR=${BENCH_AGENT_JAR:-$ROOT/agent-service/target/quarkus-app/quarkus-run.jar}
BENCH="$ROOT/agent-service/bench"
LOG="$ROOT/agent-service/target/bench-agent-service.log"
command -v wrk >/dev/null || { echo "wrk is needed: apt-get install wrk" >&2; exit 1; }
set -a; . "$("$ROOT/deploy/local/devbot" env)"; set +a
curl -sf -o /dev/null "$SIM/q/health/ready" || { echo "the simulator is not ready at $SIM: run deploy/local/devbot up" >&2; exit 1; }
[[ -f $JAR ]] || { echo "$JAR is missing: run deploy/local/devbot up (it builds) or ./mvnw package -pl agent-service" >&2; exit 1; }
export BENCH_AUTH="Basic $(printf 'service:%s' "$DEVBOT_SERVICE_PASSWORD" | base64 -w0)"
DIRECT="$SIM/v1beta/models/gemini-2.5-flash:generateContent"

# The same JVM settings as devbot's services.
java -Xmx256m -XX:+UseSerialGC -Dquarkus.profile=local -Dquarkus.http.port="$PORT" \
  -Dmp.messaging.outgoing.billing-usage.topic=bench-billing-usage -jar "$JAR" >"$LOG" 2>&1 </dev/null &
AGENT_PID=$!
cleanup() {
  curl -sf -o /dev/null -X DELETE "$SIM/sim/llm/scenarios" || true
  kill "$AGENT_PID" 2>/dev/null && wait "$AGENT_PID" 2>/dev/null || true
  # Nobody consumes the benchmark's events; without this each run left ~100,000 of them behind.
  java -cp "$(dirname "$JAR")/lib/main/*" "$BENCH/DropTopic.java" "${KAFKA_BOOTSTRAP_SERVERS:-127.0.0.1:59092}" \
    bench-billing-usage 2>/dev/null || echo "could not delete the topic bench-billing-usage" >&2
}
trap cleanup EXIT
for _ in $(seq 120); do
  curl -sf -o /dev/null "$AGENT/q/health/ready" && break
  kill -0 "$AGENT_PID" 2>/dev/null || { echo "the benchmark's agent-service exited: see $LOG" >&2; exit 1; }
  sleep 1
done
curl -sf -o /dev/null "$AGENT/q/health/ready" || { echo "the benchmark's agent-service is not ready after 120 s: see $LOG" >&2; exit 1; }

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

echo "agent-service on $AGENT vs the simulator on $SIM, ${DURATION}s each after ${WARMUP}s of warm-up, $(nproc) cores"
# Right after a start the JIT compiles for minutes: a service 45 s into its life added 4–7 ms to a
# 200 ms call that it added 2.5–2.9 ms to after 5 minutes. Production services run warm, so the
# service is warmed up under load first (WARMUP_SECONDS at 50 connections, default 120).
curl -sf -o /dev/null -X DELETE "$SIM/sim/llm/scenarios" # a rule left by an interrupted run would delay every answer
wrk -t2 -c50 -d"${WARMUP}s" -s "$BENCH/agent.lua" "$AGENT/api/v1/review" >/dev/null
echo "-- the simulator answers at once"
both_paths
echo "-- every review takes ${MODEL_MS} ms in the simulator"
curl -sf -o /dev/null -H 'Content-Type: application/json' -d "{\"rules\":[{\"name\":\"bench-model-time\",\"match\":{\"operation\":\"review\"},\"respond\":{\"delayMs\":$MODEL_MS}}]}" "$SIM/sim/llm/scenarios"
both_paths
