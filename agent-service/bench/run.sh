#!/usr/bin/env bash
# The agent-service's added latency per model call: the same Architect review sent straight to the
# simulator's Gemini endpoint and through the agent-service, at 1 and at 50 concurrent calls; first
# with the simulator answering at once (the service's own cost, CPU-bound at 50), then with every
# review taking MODEL_MS (default 200 ms) on both paths, as a real model does — the setting
# published gateway benchmarks use. Usage: agent-service/bench/run.sh [SECONDS] [MODEL_MS] [WARMUP_SECONDS] [ROUNDS]
#
# One pair of runs is not a figure on a shared 2-core VM: the same build measured +1.7 and +2.6 ms
# minutes apart. Each case therefore runs ROUNDS (default 5) pairs — direct, then through the service
# — and reports the median of the pairs' differences with their range; the machine's drift hits
# both halves of a pair alike. Each run through the service also reports the CPU time per call of
# the service, the simulator and the Kafka broker (from /proc), which is steadier than latency.
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
ROUNDS=${4:-5}
PORT=${BENCH_AGENT_PORT:-18083}
AGENT=http://127.0.0.1:$PORT
SIM=${SIMULATOR_URL:-http://127.0.0.1:8090}
# BENCH_AGENT_JAR compares another build (A/B) with the same script.
JAR=${BENCH_AGENT_JAR:-$ROOT/agent-service/target/quarkus-app/quarkus-run.jar}
BENCH="$ROOT/agent-service/bench"
LOG="$ROOT/agent-service/target/bench-agent-service.log"
command -v wrk >/dev/null || { echo "wrk is needed: apt-get install wrk" >&2; exit 1; }
set -a; . "$("$ROOT/deploy/local/devbot" env)"; set +a
KAFKA=${KAFKA_BOOTSTRAP_SERVERS:-127.0.0.1:59092}
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
  java -cp "$(dirname "$JAR")/lib/main/*" "$BENCH/DropTopic.java" "$KAFKA" \
    bench-billing-usage 2>/dev/null || echo "could not delete the topic bench-billing-usage" >&2
}
trap cleanup EXIT
for _ in $(seq 120); do
  curl -sf -o /dev/null "$AGENT/q/health/ready" && break
  kill -0 "$AGENT_PID" 2>/dev/null || { echo "the benchmark's agent-service exited: see $LOG" >&2; exit 1; }
  sleep 1
done
curl -sf -o /dev/null "$AGENT/q/health/ready" || { echo "the benchmark's agent-service is not ready after 120 s: see $LOG" >&2; exit 1; }

SIM_PID=$(ss -ltnpH "sport = :${SIM##*:}" 2>/dev/null | grep -o 'pid=[0-9]*' | head -1 | cut -d= -f2 || true)
KAFKA_PID=$(ss -ltnpH "sport = :${KAFKA##*:}" 2>/dev/null | grep -o 'pid=[0-9]*' | head -1 | cut -d= -f2 || true)
TICK_MS=$(( 1000 / $(getconf CLK_TCK) ))
cpu_ticks() { [[ -n $1 && -r /proc/$1/stat ]] && awk '{print $14 + $15}' "/proc/$1/stat" || echo 0; }

wrk_run() { # connections seconds script url: prints wrk's summary line (req/s, p50, p99, requests)
  local threads=$(( $1 < 2 ? 1 : 2 ))
  wrk -t$threads -c"$1" -d"$2s" --latency -s "$BENCH/$3" "$4" | tail -1
}

# One case: ROUNDS pairs of runs at CONNECTIONS, the median added p50 and its range.
compare() { # connections
  local connections=$1 added=() round direct through before after requests
  wrk_run "$connections" 10 agent.lua "$AGENT/api/v1/review" >/dev/null # warm-up (the JIT)
  for round in $(seq "$ROUNDS"); do
    direct=$(wrk_run "$connections" "$DURATION" direct.lua "$DIRECT")
    before=($(cpu_ticks "$AGENT_PID") $(cpu_ticks "$SIM_PID") $(cpu_ticks "$KAFKA_PID"))
    through=$(wrk_run "$connections" "$DURATION" agent.lua "$AGENT/api/v1/review")
    after=($(cpu_ticks "$AGENT_PID") $(cpu_ticks "$SIM_PID") $(cpu_ticks "$KAFKA_PID"))
    requests=$(grep -o '([0-9]* requests' <<<"$through" | tr -dc 0-9)
    added+=("$(awk -v t="$(awk '{print $4}' <<<"$through")" -v d="$(awk '{print $4}' <<<"$direct")" 'BEGIN {printf "%.2f", t - d}')")
    printf '%2d conn, round %d  direct: %s\n' "$connections" "$round" "$direct"
    printf '%2d conn, round %d  through: %s\n' "$connections" "$round" "$through"
    # Under 1,000 calls (1 concurrent with a slow model) the processes' own background work would
    # dominate the CPU per call; a failed call's latency measures nothing.
    awk -v n="$requests" -v t="$TICK_MS" -v a="$(( after[0] - before[0] ))" -v s="$(( after[1] - before[1] ))" \
      -v k="$(( after[2] - before[2] ))" -v added="${added[-1]}" -v failed="$(awk '{print $(NF - 1)}' <<<"$through" | tr -dc 0-9)" 'BEGIN {
        printf "            added p50 %+.2f ms; ", added
        if (n >= 1000) printf "CPU per call: agent-service %.2f ms, simulator %.2f ms, Kafka %.2f ms\n", a * t / n, s * t / n, k * t / n
        else printf "CPU per call: too few calls to tell\n"
        if (failed > 0) printf "            WARNING: %d calls through the service failed; see the service log\n", failed }'
  done
  printf '%s\n' "${added[@]}" | sort -g | awk -v c="$connections" '{ v[NR] = $1 } END {
    m = NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
    printf "==> %d concurrent: added p50 %+.2f ms (median of %d rounds; range %+.2f to %+.2f ms)\n", c, m, NR, v[1], v[NR] }'
}

echo "agent-service on $AGENT vs the simulator on $SIM, ${DURATION}s per run, $ROUNDS rounds per case after ${WARMUP}s of warm-up, $(nproc) cores"
# Right after a start the JIT compiles for minutes: a service 45 s into its life added 4–7 ms to a
# 200 ms call that it added 2.5–2.9 ms to after 5 minutes. Production services run warm, so the
# service is warmed up under load first (WARMUP_SECONDS at 50 connections, default 120).
curl -sf -o /dev/null -X DELETE "$SIM/sim/llm/scenarios" # a rule left by an interrupted run would delay every answer
wrk -t2 -c50 -d"${WARMUP}s" -s "$BENCH/agent.lua" "$AGENT/api/v1/review" >/dev/null
echo "-- the simulator answers at once"
compare 1
compare 50
echo "-- every review takes ${MODEL_MS} ms in the simulator"
curl -sf -o /dev/null -H 'Content-Type: application/json' -d "{\"rules\":[{\"name\":\"bench-model-time\",\"match\":{\"operation\":\"review\"},\"respond\":{\"delayMs\":$MODEL_MS}}]}" "$SIM/sim/llm/scenarios"
compare 1
compare 50
