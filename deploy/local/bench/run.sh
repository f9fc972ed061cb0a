#!/usr/bin/env bash
# Conversation latency benchmark (see latency.py): /status round trips and /newproject → plan,
# against the stack 'deploy/local/devbot up' runs with the LLM simulator.
#   deploy/local/bench/run.sh [STATUS_SAMPLES] [PLAN_SAMPLES]
set -euo pipefail
cd "$(dirname "$0")/../../.."
status=$(deploy/local/devbot status)
grep -q 'bot-gateway.*UP' <<<"$status" || deploy/local/devbot up
python3 deploy/local/bench/latency.py "${1:-200}" "${2:-30}"
