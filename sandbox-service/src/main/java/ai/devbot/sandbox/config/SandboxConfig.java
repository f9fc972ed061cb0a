package ai.devbot.sandbox.config;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The sandbox's settings: which runner, the limits a run gets and may ask for, the local runner's host setup. */
@ConfigMapping(prefix = "sandbox")
public interface SandboxConfig {

    /** {@code local} (bubblewrap on this host) or {@code kubernetes} (one Job per run). */
    @WithDefault("local")
    String runner();

    /** Runs executing at once on this instance; more wait in line up to {@link #queueWait()}. */
    @WithDefault("8")
    int maxConcurrentRuns();

    /** How long a run waits for a free place before it is refused with 503 and Retry-After. */
    @WithDefault("60s")
    Duration queueWait();

    /** Runs accepted beyond those executing, waiting for a place; more are refused at once with 503. */
    @WithDefault("32")
    int maxQueued();

    /** A run still marked running after this long lost its executor (a crash): it is closed as ERROR. */
    @WithDefault("30m")
    Duration abandonAfter();

    /** How long a repeated request for a run that is still executing waits for it before answering 202. */
    @WithDefault("10m")
    Duration duplicateWait();

    /** Limits a run gets when its request names none. */
    LimitSettings defaults();

    /** The most a request may ask for; larger requests are clamped to these. */
    LimitSettings maximum();

    /** Bytes of each stream's end kept per command (stdout and stderr apiece). */
    @WithDefault("16384")
    int tailBytes();

    Archive archive();

    Local local();

    Setup setup();

    Kubernetes kubernetes();

    /** The Kubernetes runner (sandbox.runner=kubernetes): one Job per run, docs/operations.md. */
    interface Kubernetes {
        @WithDefault("devbot-sandbox")
        String namespace();

        /** The runner image (deploy/docker/sandbox-runner.Dockerfile): the toolchains, curl, unzip, coreutils. */
        @WithDefault("ghcr.io/devbot/sandbox-runner:0.1.0")
        String image();

        /** gVisor's {@code runsc} is recommended; absent: the cluster's default runtime. */
        Optional<String> runtimeClassName();

        /** How the Job's init container reaches this service (its in-cluster address). */
        @WithDefault("http://sandbox-service.devbot.svc:8086")
        String archiveBaseUrl();

        /** A Job whose pod has not started by then (no node, no image, a quota) is deleted; the run is refused. */
        @WithDefault("120s")
        Duration startTimeout();

        @WithDefault("1s")
        Duration pollInterval();

        /** Kubernetes removes a finished Job after this (the runner deletes it itself as well). */
        @WithDefault("300s")
        Duration finishedTtl();
    }

    /** What a setup command (a command with {@code registries: true}) may reach: docs/adr/0010-setup-network.md. */
    interface Setup {
        /** Allowed registries: host names ({@code *.example.org} for sub-domains; ports 443 and 80) or {@code ip:port}. */
        List<String> registries();

        /** Bytes one setup command may move through the proxy, in MiB. */
        @WithDefault("1024")
        int maxDownloadMb();

        /** Largest setup result kept for reuse (per owner, setup command and dependency files), in MiB. */
        @WithDefault("512")
        int cacheEntryMb();

        /** All kept setup results together, in MiB; the least recently used go first. */
        @WithDefault("4096")
        int cacheMb();
    }

    interface LimitSettings {
        /** Wall-clock time of one command. */
        Duration wallTime();

        /** CPU time of one command, all its processes together. */
        Duration cpuTime();

        /** Resident memory of the whole run (all processes), in MiB. */
        int memoryMb();

        /** Processes and threads alive at once in the run. */
        int processes();

        /** Open files per process. */
        int openFiles();

        /** Work directory, /tmp and home together, in MiB. */
        int diskMb();

        /** Bytes one command may write to stdout and stderr together, in KiB. */
        int outputKb();
    }

    interface Archive {
        /** Largest project archive accepted, compressed. */
        @WithDefault("33554432")
        long maxBytes();

        /** Largest project unpacked. */
        @WithDefault("134217728")
        long maxUnpackedBytes();

        @WithDefault("10000")
        int maxFiles();
    }

    interface Local {
        /** Where run directories are mounted (a tmpfs each); must be on the host, root-owned. */
        @WithDefault("/var/lib/devbot-sandbox")
        String root();

        /** Host uid of the first run slot: slot n runs as uid {@code uidBase + n}, a uid no account uses. */
        @WithDefault("641000")
        int uidBase();

        @WithDefault("/usr/bin/bwrap")
        String bwrap();

        /** {@code auto}: use cgroups when the host offers them; {@code required}: not ready without them; {@code off}. */
        @WithDefault("auto")
        String cgroups();

        /** Host paths shown read-only inside every sandbox when they exist (toolchains, certificates, alternatives). */
        List<String> readOnlyPaths();

        /** PATH inside the sandbox. */
        @WithDefault("/usr/local/bin:/usr/bin:/bin")
        String path();

        /** Extra environment of every command, {@code NAME=value}; never secrets. */
        Optional<List<String>> environment();
    }
}
