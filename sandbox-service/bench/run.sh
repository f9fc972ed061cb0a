#!/usr/bin/env bash
# Sandbox benchmark: the local runner's overhead per run (mount, copy-in, cgroup, namespaces, teardown around
# 'true') as p50/p99 over RUNS runs, and CONCURRENT concurrent runs of a small pytest project against the same
# pytest runs straight on the host (wall ratio). Each figure is measured ROUNDS times; median and range printed.
#   sandbox-service/bench/run.sh [RUNS=200] [CONCURRENT=20] [ROUNDS=3]
# Needs root and what 'devbot' installs (bubblewrap, python3-pytest); runs with the module's test classes.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
[[ $EUID -eq 0 ]] || { echo "run as root: the local runner gives each run its own uid, tmpfs and cgroup" >&2; exit 1; }
./mvnw -B -q -pl sandbox-service test-compile
cp_file="$ROOT/sandbox-service/target/bench.classpath"
./mvnw -B -q -pl sandbox-service dependency:build-classpath -Dmdep.outputFile="$cp_file" -Dmdep.includeScope=test >/dev/null
exec java -XX:+UseSerialGC -cp "sandbox-service/target/classes:sandbox-service/target/test-classes:$(cat "$cp_file")" \
  ai.devbot.sandbox.runner.local.SandboxBench "${1:-200}" "${2:-20}" "${3:-3}"
