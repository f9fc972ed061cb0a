package ai.devbot.sandbox.runner.local;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import org.jboss.logging.Logger;

import ai.devbot.sandbox.run.CommandSpec;
import ai.devbot.sandbox.run.Limits;
import ai.devbot.sandbox.runner.CommandOutcome;
import ai.devbot.sandbox.runner.Limit;
import ai.devbot.sandbox.runner.ReportFile;
import ai.devbot.sandbox.runner.RunOutcome;
import ai.devbot.sandbox.runner.RunPlan;
import ai.devbot.sandbox.runner.SandboxRunner;
import ai.devbot.sandbox.runner.SandboxUnavailableException;
import ai.devbot.sandbox.runner.StreamTail;

/**
 * The local runner: each run in a slot of its own (own uid, own tmpfs, own cgroup), each command in a fresh
 * bubblewrap sandbox over the run's work directory. What each limit rests on: docs/adr/0009-local-sandbox.md.
 */
public final class BubblewrapRunner implements SandboxRunner {

    private static final Logger LOG = Logger.getLogger(BubblewrapRunner.class);
    private static final Duration POLL = Duration.ofMillis(25);
    private static final Duration KILL_DEADLINE = Duration.ofSeconds(5);
    /** The kernel reserves some tmpfs pages; a disk this close to full was filled. */
    private static final long FULL_DISK_SLACK = 256 * 1024;

    /** Everything the runner needs from configuration. */
    public record Settings(Path root, int uidBase, int slots, Duration queueWait, int tailBytes, String bwrap,
            List<String> readOnlyPaths, String path, Map<String, String> environment, String cgroups,
            List<String> registries, long setupDownloadBytes, long setupCacheEntryBytes, long setupCacheBytes) {
    }

    private final Settings settings;
    private final RunSlots slots;
    private final SandboxArguments.Host host;
    private final boolean cgroups;
    private final List<RegistryProxy.Registry> registries;
    private final SetupCache setupCache;
    private final String unavailable;
    private final ExecutorService pumps = Executors.newCachedThreadPool(r -> {
        Thread thread = new Thread(r, "sandbox-output");
        thread.setDaemon(true);
        return thread;
    });

    public BubblewrapRunner(Settings settings) {
        this.settings = settings;
        this.slots = new RunSlots(settings.slots());
        this.host = new SandboxArguments.Host(settings.bwrap(), settings.root().resolve("etc"),
                settings.readOnlyPaths(), settings.path(), settings.environment());
        this.registries = settings.registries().stream().map(RegistryProxy.Registry::parse).toList();
        this.setupCache = new SetupCache(settings.root().resolve("setup-cache"), settings.setupCacheEntryBytes(),
                settings.setupCacheBytes());
        boolean wanted = !settings.cgroups().equals("off");
        this.cgroups = wanted && CgroupsV1.available();
        this.unavailable = prepareHost(wanted);
    }

    /** Checks the host once and clears what a previous process may have left (processes, mounts, cgroups). */
    private String prepareHost(boolean cgroupsWanted) {
        if (!"root".equals(System.getProperty("user.name"))) {
            return "the local sandbox runner needs root: it gives each run its own uid, tmpfs and cgroup "
                    + "(run the service as root, or use sandbox.runner=kubernetes)";
        }
        if (!Files.isExecutable(Path.of(settings.bwrap()))) {
            return "bubblewrap is not installed at " + settings.bwrap() + " (apt-get install bubblewrap)";
        }
        if (settings.cgroups().equals("required") && !cgroups) {
            return "cgroups are required (sandbox.local.cgroups=required) but this host offers no writable cgroup-v1 "
                    + "memory, pids and cpuacct hierarchies";
        }
        if (cgroupsWanted && !cgroups) {
            LOG.warn("no usable cgroups on this host: runs are limited by rlimits and the per-slot uid only "
                    + "(no memory limit for the run as a whole)");
        }
        try {
            Files.createDirectories(settings.root());
            Files.setPosixFilePermissions(settings.root(), PosixFilePermissions.fromString("rwx--x--x"));
            Path etc = Files.createDirectories(host.etcDir());
            Files.setPosixFilePermissions(etc, PosixFilePermissions.fromString("rwxr-xr-x"));
            for (var file : SandboxArguments.etcFiles().entrySet()) {
                Files.writeString(etc.resolve(file.getKey()), file.getValue(), StandardCharsets.UTF_8);
            }
            for (int slot = 0; slot < slots.size(); slot++) {
                killAll(uid(slot), null);
                new RunDirectory(settings.root(), slot, uid(slot)).unmount();
                if (cgroups) {
                    CgroupsV1.removeIfPresent(cgroupName(slot));
                }
            }
        } catch (IOException e) {
            return "cannot prepare the sandbox root " + settings.root() + ": " + e.getMessage();
        }
        return null;
    }

    @Override
    public String unavailableReason() {
        return unavailable;
    }

    /** Whether runs get a cgroup (memory cap for the whole run, exact CPU time). */
    public boolean usesCgroups() {
        return cgroups;
    }

    public int busySlots() {
        return slots.busy();
    }

    @Override
    public RunOutcome run(RunPlan plan) throws SandboxUnavailableException {
        if (unavailable != null) {
            throw new SandboxUnavailableException(unavailable);
        }
        int slot;
        try {
            slot = slots.acquire(settings.queueWait());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SandboxUnavailableException("interrupted while waiting for a free sandbox");
        }
        if (slot < 0) {
            throw new SandboxUnavailableException("all " + slots.size() + " sandboxes stayed busy for "
                    + settings.queueWait().toSeconds() + " s");
        }
        int uid = uid(slot);
        RunDirectory dir = new RunDirectory(settings.root(), slot, uid);
        RunCgroup group = null;
        try {
            dir.mount(plan.limits().diskMb());
            dir.unpack(plan.files());
            if (cgroups) {
                group = CgroupsV1.create(cgroupName(slot), plan.limits().memoryMb() * 1024L * 1024L,
                        plan.limits().processes());
            }
            List<CommandOutcome> outcomes = new ArrayList<>();
            for (CommandSpec command : plan.commands()) {
                String cacheKey = command.reachesRegistries()
                        ? SetupCache.key(plan.ownerId(), command.command(), plan.files()) : null;
                if (cacheKey != null && setupCache.restore(cacheKey, dir, uid)) {
                    outcomes.add(CommandOutcome.restored());
                    continue;
                }
                CommandOutcome outcome = execute(command, plan.limits(), uid, dir, group);
                outcomes.add(outcome);
                if (!outcome.succeeded()) {
                    break;
                }
                if (cacheKey != null) {
                    setupCache.store(cacheKey, dir, plan.files().keySet());
                }
            }
            List<ReportFile> reports = ReportCollector.collect(dir.work());
            return new RunOutcome(outcomes, reports);
        } catch (IOException e) {
            throw new SandboxUnavailableException("the sandbox failed on the host: " + e.getMessage(), e);
        } finally {
            if (release(slot, uid, dir, group)) {
                slots.release(slot);
            } else {
                LOG.errorf("sandbox slot %d retired: its processes or its tmpfs could not be cleared", slot);
                slots.retire();
            }
        }
    }

    /** Kills what is left of the run, unmounts its tmpfs and removes its cgroup; false when anything stayed. */
    private boolean release(int slot, int uid, RunDirectory dir, RunCgroup group) {
        try {
            killAll(uid, group);
            dir.unmount();
            if (group != null) {
                group.close();
            }
            return true;
        } catch (IOException e) {
            LOG.warnf("clearing sandbox slot %d: %s", slot, e.getMessage());
            return false;
        }
    }

    private CommandOutcome execute(CommandSpec command, Limits limits, int uid, RunDirectory dir, RunCgroup group)
            throws IOException {
        Duration wall = limits.wallTime();
        if (command.timeoutSeconds() != null && command.timeoutSeconds() < wall.toSeconds()) {
            wall = Duration.ofSeconds(command.timeoutSeconds());
        }
        RegistryProxy proxy = command.reachesRegistries() ? openProxy(uid, dir) : null;
        try {
            return execute(command, limits, uid, dir, group, wall, proxy);
        } finally {
            if (proxy != null) {
                proxy.close();
            }
        }
    }

    /** The run's registry proxy, its socket in a folder of the slot's own (only this sandbox mounts it). */
    private RegistryProxy openProxy(int uid, RunDirectory dir) throws IOException {
        Path proxyDir = dir.proxyDir();
        Files.createDirectories(proxyDir);
        Files.setPosixFilePermissions(proxyDir, PosixFilePermissions.fromString("rwx--x--x"));
        dir.prepareMavenProxySettings(SandboxArguments.PROXY);
        return new RegistryProxy(proxyDir.resolve("proxy.sock"), registries, settings.setupDownloadBytes(), pumps);
    }

    private CommandOutcome execute(CommandSpec command, Limits limits, int uid, RunDirectory dir, RunCgroup group,
            Duration wall, RegistryProxy proxy) throws IOException {
        List<String> argv = SandboxArguments.command(host, uid, dir,
                group == null ? List.of() : group.attachFiles(), limits, command.command(),
                proxy == null ? null : dir.proxyDir());
        ProcessBuilder builder = new ProcessBuilder(argv).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        builder.environment().clear();
        builder.environment().put("PATH", "/usr/bin:/bin");
        long cpuBefore = group == null ? 0 : group.cpuNanos();
        long oomBefore = group == null ? 0 : group.oomKills();
        long forksBefore = group == null ? 0 : group.forksRefused();
        long started = System.nanoTime();
        Process process = builder.start();
        AtomicReference<Limit> stopped = new AtomicReference<>();
        AtomicLong output = new AtomicLong();
        StreamTail out = new StreamTail(settings.tailBytes());
        StreamTail err = new StreamTail(settings.tailBytes());
        Runnable tooMuchOutput = () -> stop(stopped, Limit.OUTPUT, uid, group);
        Future<?> outPump = pumps.submit(() -> pump(out, process.getInputStream(), output, limits, tooMuchOutput));
        Future<?> errPump = pumps.submit(() -> pump(err, process.getErrorStream(), output, limits, tooMuchOutput));
        long deadline = started + wall.toNanos();
        long cpuLimit = limits.cpuTime().toNanos();
        try {
            while (!process.waitFor(POLL.toMillis(), TimeUnit.MILLISECONDS)) {
                if (System.nanoTime() > deadline) {
                    stop(stopped, Limit.WALL_TIME, uid, group);
                } else if (group != null && group.cpuNanos() - cpuBefore > cpuLimit) {
                    stop(stopped, Limit.CPU_TIME, uid, group);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            killAll(uid, group);
            throw new IOException("interrupted while a command ran", e);
        }
        long durationMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        // The command's PID namespace is gone with it; anything that escaped into the slot's uid dies now.
        killAll(uid, group);
        finish(outPump, uid, group);
        finish(errPump, uid, group);
        int exit = process.exitValue();
        Limit limit = stopped.get();
        if (limit == null && exit != 0) {
            limit = inferLimit(exit, group, oomBefore, forksBefore, cpuBefore, cpuLimit, dir);
        }
        return new CommandOutcome(exit, durationMs, limit, limit == null ? null : detail(limit, limits, wall),
                out.text(), err.text(), output.get(), false);
    }

    private static Void pump(StreamTail tail, InputStream in, AtomicLong output, Limits limits, Runnable overLimit) {
        try (in) {
            tail.drain(in, output, limits.outputBytes(), overLimit);
        } catch (IOException e) {
            // The stream closes when the sandbox is killed: what was read so far is the tail.
        }
        return null;
    }

    private void finish(Future<?> pump, int uid, RunCgroup group) throws IOException {
        try {
            pump.get(KILL_DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            killAll(uid, group);
            try {
                pump.get(KILL_DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
            } catch (Exception again) {
                throw new IOException("a sandbox's output stayed open after its processes were killed");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IOException(e.getCause());
        }
    }

    private Limit inferLimit(int exit, RunCgroup group, long oomBefore, long forksBefore, long cpuBefore,
            long cpuLimit, RunDirectory dir) throws IOException {
        if (group != null && group.oomKills() > oomBefore) {
            return Limit.MEMORY;
        }
        if (exit == 128 + 24 || exit == 128 + 9 && group != null && group.cpuNanos() - cpuBefore > cpuLimit) {
            return Limit.CPU_TIME; // SIGXCPU from RLIMIT_CPU, or killed past the budget
        }
        if (group != null && group.forksRefused() > forksBefore) {
            return Limit.PROCESSES;
        }
        if (dir.freeBytes() < FULL_DISK_SLACK) {
            return Limit.DISK;
        }
        return null;
    }

    private static String detail(Limit limit, Limits limits, Duration wall) {
        return switch (limit) {
            case WALL_TIME -> "stopped after " + wall.toSeconds() + " s (its time limit)";
            case CPU_TIME -> "stopped after " + limits.cpuTime().toSeconds() + " s of CPU time (its limit)";
            case MEMORY -> "ran out of memory (the run may use " + limits.memoryMb() + " MiB)";
            case PROCESSES -> "could not start more processes (the run may have " + limits.processes() + ")";
            case DISK -> "filled the sandbox's disk (" + limits.diskMb() + " MiB for the project, /tmp and home)";
            case OUTPUT -> "stopped after printing more than " + limits.outputBytes() / 1024 + " KiB";
        };
    }

    private void stop(AtomicReference<Limit> stopped, Limit limit, int uid, RunCgroup group) {
        if (stopped.compareAndSet(null, limit)) {
            try {
                killAll(uid, group);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /**
     * SIGKILLs every process of the slot's uid — a process running as that uid may signal all of its own with
     * {@code kill(-1)}, and nothing else — until none is left. The kernel blocks new forks while the signal goes
     * round, so a fork bomb cannot outrun it.
     */
    private void killAll(int uid, RunCgroup group) throws IOException {
        long deadline = System.nanoTime() + KILL_DEADLINE.toNanos();
        while (alive(uid, group)) {
            if (System.nanoTime() > deadline) {
                throw new IOException("processes of uid " + uid + " survived SIGKILL for " + KILL_DEADLINE.toSeconds() + " s");
            }
            HostCommand.run(List.of("/usr/bin/setpriv", "--reuid=" + uid, "--regid=" + uid, "--clear-groups",
                    "/bin/kill", "-KILL", "-1"));
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while killing a sandbox", e);
            }
        }
    }

    private static boolean alive(int uid, RunCgroup group) throws IOException {
        if (group != null && !group.empty()) {
            return true;
        }
        // A task leaves its cgroup as it exits, a little before its /proc entry goes: the slot is free only
        // once the process table holds nothing of its uid.
        try (DirectoryStream<Path> procs = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
            for (Path proc : procs) {
                try {
                    if (((Integer) Files.getAttribute(proc, "unix:uid")) == uid) {
                        return true;
                    }
                } catch (IOException | IllegalArgumentException gone) {
                    // the process ended while we looked
                }
            }
        }
        return false;
    }

    private int uid(int slot) {
        return settings.uidBase() + slot;
    }

    private static String cgroupName(int slot) {
        return "slot-" + slot;
    }
}
