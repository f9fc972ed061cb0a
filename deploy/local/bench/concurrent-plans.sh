#!/usr/bin/env bash
# Concurrent plans benchmark (see concurrent_plans.py, docs/measurements.md "Many plans at once"):
# N users send /newproject at once while every plan answer is delayed D ms.
#   deploy/local/bench/concurrent-plans.sh [N] [D_MS]      (default 1000 users, 5000 ms)
# The stack is restarted with Telegram's bot-wide send limit (30 messages/s, which alone would spread
# 1,000 plan messages over 33 s) raised in the gateway and the simulated Telegram, so the figures are
# the platform's; the per-chat limit stays. The stack is restarted with normal settings afterwards.
# Two cores run the whole stack here: past a few dozen users the figure is the machine's CPU, so the
# script also prints the CPU idle share while the wave ran (vmstat).
set -euo pipefail
cd "$(dirname "$0")/../../.."
devbot=deploy/local/devbot
restore() { $devbot stop >/dev/null; $devbot up --no-build >/dev/null; }
$devbot stop >/dev/null
GATEWAY_EGRESS_MESSAGES_PER_SECOND=100000 \
  SIMULATOR_TELEGRAM_RATE_LIMIT_GLOBAL_PER_SECOND=100000 SIMULATOR_TELEGRAM_RATE_LIMIT_GLOBAL_BURST=100000 \
  $devbot up >/dev/null
trap restore EXIT
# A freshly started stack is cold (JIT, connection pools, the code index's tokenizer): a small wave first.
python3 deploy/local/bench/concurrent_plans.py 20 "${2:-5000}" >/dev/null || true
vmstat 2 > /tmp/concurrent-plans-vmstat.$$ &
vmstat_pid=$!
python3 deploy/local/bench/concurrent_plans.py "${1:-1000}" "${2:-5000}" || status=$?
kill $vmstat_pid
awk 'NR > 2 { idle += $15; n++ } END { if (n) printf "CPU idle during the measured run (welcomes and wave): %.0f %% (vmstat, %d samples)\n", idle / n, n }' \
  /tmp/concurrent-plans-vmstat.$$
rm -f /tmp/concurrent-plans-vmstat.$$
exit ${status:-0}
