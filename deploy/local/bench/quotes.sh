#!/usr/bin/env bash
# Quote accuracy and latency benchmark (see quotes.py): tasks with 1-3 attempts, quoted before each starts,
# against the stack 'deploy/local/devbot up' runs with the LLM simulator.
#   deploy/local/bench/quotes.sh [TASKS] [SEED]
set -euo pipefail
cd "$(dirname "$0")/../../.."
status=$(deploy/local/devbot status)
grep -q 'bot-gateway.*UP' <<<"$status" || deploy/local/devbot up
python3 deploy/local/bench/quotes.py "${1:-100}" "${2:-21}"
