# The image sandbox Jobs run (sandbox-service's Kubernetes runner): the same toolchains as the local runner —
# Python 3 with pytest and venv, Node.js with npm, JDK 17 with Maven — plus what the Job's driver and its archive
# fetch use (coreutils, curl, unzip, socat). No secrets, no platform code.
#   docker build -f deploy/docker/sandbox-runner.Dockerfile -t ghcr.io/devbot/sandbox-runner:0.1.0 deploy/docker
FROM debian:bookworm-slim
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
      ca-certificates coreutils curl unzip socat \
      python3 python3-pytest python3-venv python3-pip \
      nodejs npm \
      openjdk-17-jdk-headless maven \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --uid 1000 --create-home --home-dir /home/sandbox sandbox
USER 1000
WORKDIR /work
