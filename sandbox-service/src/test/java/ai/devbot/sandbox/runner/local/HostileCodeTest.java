package ai.devbot.sandbox.runner.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import ai.devbot.sandbox.run.Limits;
import ai.devbot.sandbox.runner.CommandOutcome;
import ai.devbot.sandbox.runner.Limit;
import ai.devbot.sandbox.runner.RunOutcome;

/**
 * Model-written code at its worst, against real bubblewrap: each attack is contained, reported as a failed or
 * limited command with a clear reason, leaves no process and no mount behind, and the next run works.
 */
class HostileCodeTest {

    static BubblewrapRunner runner;

    @BeforeAll
    static void start() {
        runner = LocalRunners.runner(2);
        assertNull(runner.unavailableReason());
        assertTrue(runner.usesCgroups(), "this host offers cgroups; the memory test needs them");
    }

    @AfterEach
    void hostIsCleanAndTheNextRunWorks() throws Exception {
        for (int slot = 0; slot < 2; slot++) {
            int uid = LocalRunners.UID_BASE + slot;
            assertEquals(0, processesOf(uid), () -> "no process of uid " + uid + " survives: " + describe(uid));
        }
        String mounts = Files.readString(Path.of("/proc/self/mountinfo"));
        assertFalse(mounts.contains(LocalRunners.ROOT.toString()), "no run tmpfs stays mounted");
        CommandOutcome next = only(run(LocalRunners.limits(), "echo ok"));
        assertEquals("ok\n", next.stdoutTail());
    }

    @Test
    void aForkBombIsStoppedAtTheProcessLimit() throws Exception {
        CommandOutcome bomb = only(run(LocalRunners.limits(), "b() { b | b & }; b; sleep 2; exit 1"));
        assertNotEquals(0, bomb.exitCode());
        assertEquals(Limit.PROCESSES, bomb.limit(), bomb.stderrTail());
    }

    @Test
    void endlessMemoryIsStoppedAtTheMemoryLimit() throws Exception {
        CommandOutcome hog = only(run(LocalRunners.limits(),
                "python3 -c \"a = []\nwhile True: a.append(bytearray(1 << 20))\""));
        assertEquals(Limit.MEMORY, hog.limit(), hog.stderrTail());
    }

    @Test
    void anEndlessCpuLoopIsStoppedAtTheCpuLimit() throws Exception {
        Limits limits = new Limits(Duration.ofSeconds(30), Duration.ofSeconds(2), 256, 64, 256, 64, 1 << 20);
        CommandOutcome loop = only(run(limits, "while :; do :; done"));
        assertEquals(Limit.CPU_TIME, loop.limit());
        assertTrue(loop.durationMs() < 10_000, "stopped near its 2 s budget, took " + loop.durationMs() + " ms");
    }

    @Test
    void aCommandThatNeverEndsIsStoppedAtItsWallTime() throws Exception {
        Limits limits = new Limits(Duration.ofSeconds(2), Duration.ofSeconds(10), 256, 64, 256, 64, 1 << 20);
        CommandOutcome sleeper = only(run(limits, "sleep 600"));
        assertEquals(Limit.WALL_TIME, sleeper.limit());
        assertTrue(sleeper.durationMs() < 6_000, "took " + sleeper.durationMs() + " ms");
    }

    @Test
    void childrenInANewSessionDoNotOutliveTheCommand() throws Exception {
        CommandOutcome detached = only(run(LocalRunners.limits(),
                "setsid sleep 600 >/dev/null 2>&1 < /dev/null & nohup sleep 600 >/dev/null 2>&1 & echo started"));
        assertEquals(0, detached.exitCode());
        assertEquals("started\n", detached.stdoutTail());
        assertTrue(detached.durationMs() < 5_000);
    }

    @Test
    void gigabytesOfOutputAreCutAtTheOutputLimitAndOnlyTheTailIsKept() throws Exception {
        CommandOutcome flood = only(run(LocalRunners.limits(), "yes 'flood of output'"));
        assertEquals(Limit.OUTPUT, flood.limit());
        assertTrue(flood.outputBytes() > 1 << 20, "counted past the 1 MiB limit");
        assertTrue(flood.stdoutTail().length() <= 4096, "kept only the tail");
    }

    @Test
    void fillingTheDiskStopsAtTheRunsTmpfs() throws Exception {
        CommandOutcome filler = only(run(LocalRunners.limits(), "dd if=/dev/zero of=big bs=1M count=1000"));
        assertEquals(Limit.DISK, filler.limit(), filler.stderrTail());
        assertTrue(filler.stderrTail().contains("No space left"), filler.stderrTail());
    }

    @Test
    void killingEveryProcessReachesOnlyTheSandbox() throws Exception {
        Process canary = new ProcessBuilder("sleep", "60").start();
        try {
            CommandOutcome killer = only(run(LocalRunners.limits(), "kill -9 -1; echo survived"));
            assertTrue(canary.isAlive(), "a host process of the same machine is untouched");
            assertTrue(killer.exitCode() == 0 || killer.exitCode() == 137, "exit " + killer.exitCode());
        } finally {
            canary.destroyForcibly();
        }
    }

    @Test
    void secretsOfTheHostAndItsProcessesAreNotVisible() throws Exception {
        String secret = "canary-" + UUID.randomUUID();
        ProcessBuilder builder = new ProcessBuilder("sleep", "60");
        builder.environment().put("CANARY_SECRET", secret);
        Process canary = builder.start();
        try {
            CommandOutcome spy = only(run(LocalRunners.limits(),
                    "cat /proc/1/environ /proc/*/environ /proc/*/cmdline 2>/dev/null | tr '\\0' '\\n'; "
                            + "env; cat /etc/shadow; ls /root; ls " + Path.of("").toAbsolutePath() + "; ls /sys; "
                            + "ls " + LocalRunners.ROOT + "; cat /etc/passwd"));
            String seen = spy.stdoutTail() + spy.stderrTail();
            assertFalse(seen.contains(secret), seen);
            assertFalse(seen.contains("root:x:0:0:root:/root:/bin/bash"), "not the host's passwd");
            assertTrue(seen.contains("/etc/shadow: No such file"), seen);
            assertTrue(seen.contains("cannot access '" + Path.of("").toAbsolutePath() + "'"), "the checkout is absent: " + seen);
            assertTrue(seen.contains("cannot access '" + LocalRunners.ROOT + "'"), "other runs' folders are absent");
        } finally {
            canary.destroyForcibly();
        }
    }

    @Test
    void anotherConcurrentRunIsOutOfReach() throws Exception {
        String secret = "other-run-" + UUID.randomUUID();
        CompletableFuture<RunOutcome> other = CompletableFuture.supplyAsync(() -> {
            try {
                return runner.run(LocalRunners.plan(LocalRunners.limits(), Map.of("secret.txt", secret), "sleep 3"));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(1000);
        CommandOutcome spy = only(run(LocalRunners.limits(),
                "grep -r '" + secret + "' / 2>/dev/null; ps -e -o pid,user,cmd; echo done"));
        assertFalse(spy.stdoutTail().contains(secret + "\n") || spy.stdoutTail().contains("secret.txt"), spy.stdoutTail());
        assertFalse(spy.stdoutTail().contains("sleep 3"), "the other run's processes are invisible");
        assertEquals(0, other.get(30, TimeUnit.SECONDS).commands().get(0).exitCode());
    }

    @Test
    void nothingOutsideTheWorkDirectoryIsWritable() throws Exception {
        String marker = "devbot-escape-" + UUID.randomUUID();
        CommandOutcome writer = only(run(LocalRunners.limits(),
                "for d in / /usr /etc /dev /proc /home; do touch $d/" + marker + " 2>/dev/null && echo wrote $d; done; "
                        + "touch /tmp/" + marker + " && echo tmp-ok; touch /work/" + marker + " && echo work-ok"));
        assertEquals("tmp-ok\nwork-ok\n", writer.stdoutTail());
        assertFalse(Files.exists(Path.of("/tmp", marker)), "the sandbox's /tmp is not the host's");
    }

    @Test
    void noConnectionLeavesTheSandboxToTheHostsLoopbackOrOutside() throws Exception {
        AtomicInteger accepted = new AtomicInteger();
        try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread acceptor = new Thread(() -> {
                try {
                    while (true) {
                        server.accept().close();
                        accepted.incrementAndGet();
                    }
                } catch (IOException closed) {
                    // test over
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            CommandOutcome dialer = only(run(LocalRunners.limits(),
                    "bash -c 'exec 3<>/dev/tcp/127.0.0.1/" + server.getLocalPort() + "' && echo host-reached; "
                            + "bash -c 'exec 3<>/dev/tcp/127.0.0.1/55432' && echo postgres-reached; "
                            + "timeout 5 bash -c 'exec 3<>/dev/tcp/1.1.1.1/80' && echo outside-reached; echo done"));
            assertEquals("done\n", dialer.stdoutTail(), dialer.stderrTail());
            assertTrue(dialer.stderrTail().contains("Network is unreachable"), dialer.stderrTail());
            assertEquals(0, accepted.get(), "the host's listener saw no connection");
        }
    }

    @Test
    void shellMetacharactersInACommandRunOnlyInsideTheSandbox() throws Exception {
        Path hostFile = Path.of("/tmp", "devbot-metachar-" + UUID.randomUUID());
        CommandOutcome tricky = only(run(LocalRunners.limits(),
                "echo $(id -u) `hostname`; touch " + hostFile + " && echo \"touched; $HOME\" | cat"));
        assertEquals("1000 sandbox\ntouched; /home/sandbox\n", tricky.stdoutTail());
        assertFalse(Files.exists(hostFile), "the host's /tmp is untouched");
    }

    private static RunOutcome run(Limits limits, String command) throws Exception {
        return runner.run(LocalRunners.plan(limits, Map.of("README.md", "# project\n"), command));
    }

    private static CommandOutcome only(RunOutcome outcome) {
        assertEquals(1, outcome.commands().size());
        return outcome.commands().get(0);
    }

    static String describe(int uid) {
        try {
            Process ps = new ProcessBuilder("ps", "-o", "pid,ppid,stat,cmd", "-u", Integer.toString(uid)).start();
            return new String(ps.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            return e.toString();
        }
    }

    static int processesOf(int uid) throws IOException {
        int count = 0;
        try (DirectoryStream<Path> procs = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
            for (Path proc : procs) {
                try {
                    if ((Integer) Files.getAttribute(proc, "unix:uid") == uid) {
                        count++;
                    }
                } catch (IOException gone) {
                    // ended meanwhile
                }
            }
        }
        return count;
    }
}
