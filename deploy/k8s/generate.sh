#!/usr/bin/env bash
# Regenerates deploy/k8s/base/generated/ from the build: quarkus-kubernetes writes each service's
# target/kubernetes/kubernetes.yml during ./mvnw package; this copies them here. The build's
# manifests test (deploy/k8s, DeployManifestsTest) fails when the committed copies are stale.
#   deploy/k8s/generate.sh            package, then copy
#   deploy/k8s/generate.sh --no-build copy what the last build generated
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
SERVICES=(bot-gateway orchestrator-service agent-service billing-service project-store-service sandbox-service)
if [[ ${1:-} != --no-build ]]; then
  (cd "$ROOT" && ./mvnw -B -q package -DskipTests -pl "$(IFS=,; echo "${SERVICES[*]}")" -am)
fi
mkdir -p "$ROOT/deploy/k8s/base/generated"
for service in "${SERVICES[@]}"; do
  cp "$ROOT/$service/target/kubernetes/kubernetes.yml" "$ROOT/deploy/k8s/base/generated/$service.yml"
  echo "deploy/k8s/base/generated/$service.yml"
done
