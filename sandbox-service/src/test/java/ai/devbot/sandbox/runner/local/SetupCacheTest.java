package ai.devbot.sandbox.runner.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import ai.devbot.sandbox.run.CommandSpec;
import ai.devbot.sandbox.runner.RunOutcome;
import ai.devbot.sandbox.runner.RunPlan;

/** A setup is installed once per owner, setup command and dependency files, then restored; never across owners. */
class SetupCacheTest {

    static BubblewrapRunner runner;
    static final String SETUP = "mkdir -p .venv/bin ~/.cache && cat /proc/sys/kernel/random/uuid > .venv/marker "
            + "&& ln -s marker .venv/link && printf '#!/bin/sh\\necho tool-ran\\n' > .venv/bin/tool && chmod +x .venv/bin/tool "
            + "&& echo home-state > ~/.cache/state && ln -s " + HostDir.PATH + " .venv/escape";
    static final String CHECK = "cat .venv/marker .venv/link ~/.cache/state && .venv/bin/tool && cat requirements.txt";

    /** A host folder a cached link points at: restoring must never write into it. */
    static final class HostDir {
        static final Path PATH = Path.of("/tmp/devbot-setup-cache-escape-target");
    }

    @BeforeAll
    static void start() throws Exception {
        runner = LocalRunners.runner(2);
        Files.createDirectories(HostDir.PATH);
    }

    static RunOutcome run(long owner, String requirements) throws Exception {
        SortedMap<String, byte[]> files = new TreeMap<>(Map.of("requirements.txt",
                requirements.getBytes(StandardCharsets.UTF_8)));
        return runner.run(new RunPlan("cache-" + System.nanoTime(), owner, files, new byte[0],
                List.of(new CommandSpec("setup", SETUP, null, true), new CommandSpec("check", CHECK, null)),
                LocalRunners.limits()));
    }

    static String marker(RunOutcome outcome) {
        assertEquals(0, outcome.commands().get(1).exitCode(), outcome.commands().get(1).stderrTail());
        return outcome.commands().get(1).stdoutTail().lines().findFirst().orElseThrow();
    }

    @Test
    void aRepeatedSetupIsRestoredWithItsFilesLinksAndHomeInsteadOfRunningAgain() throws Exception {
        long owner = System.nanoTime();
        RunOutcome first = run(owner, "requests==2.32.3\n");
        assertFalse(first.commands().get(0).cached());
        String installed = marker(first);

        RunOutcome second = run(owner, "requests==2.32.3\n");
        assertTrue(second.commands().get(0).cached(), "the second setup is restored");
        assertEquals(installed, marker(second), "the same install, not a new one");
        assertEquals(installed + "\n" + installed + "\nhome-state\ntool-ran\nrequests==2.32.3\n",
                second.commands().get(1).stdoutTail());
        try (var leftovers = Files.list(HostDir.PATH)) {
            assertEquals(0, leftovers.count(), "nothing was written through the cached link");
        }
    }

    @Test
    void otherDependencyFilesOrAnotherOwnerInstallAfresh() throws Exception {
        long owner = System.nanoTime();
        String installed = marker(run(owner, "flask==3.0.0\n"));
        RunOutcome changed = run(owner, "flask==3.1.0\n");
        assertFalse(changed.commands().get(0).cached());
        assertNotEquals(installed, marker(changed));
        RunOutcome stranger = run(owner + 1, "flask==3.0.0\n");
        assertFalse(stranger.commands().get(0).cached(), "another owner never gets this owner's setup");
    }
}
