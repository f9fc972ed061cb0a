package ai.devbot.sandbox.runner.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import ai.devbot.sandbox.runner.CommandOutcome;
import ai.devbot.sandbox.runner.RunOutcome;

/** The runner's ordinary work, with real bubblewrap and real processes. */
class BubblewrapRunnerTest {

    static BubblewrapRunner runner;

    @BeforeAll
    static void start() {
        runner = LocalRunners.runner(2);
        assertNull(runner.unavailableReason());
    }

    @Test
    void commandsRunInTheProjectAndShareTheWorkDirectory() throws Exception {
        RunOutcome outcome = runner.run(LocalRunners.plan(LocalRunners.limits(),
                Map.of("src/hello.txt", "hello\n"), "cat src/hello.txt && echo made > built.txt", "cat built.txt; id -u; pwd"));
        assertEquals(2, outcome.commands().size());
        CommandOutcome first = outcome.commands().get(0);
        assertEquals(0, first.exitCode(), first.stderrTail());
        assertEquals("hello\n", first.stdoutTail());
        CommandOutcome second = outcome.commands().get(1);
        assertEquals("made\n1000\n/work\n", second.stdoutTail());
    }

    @Test
    void aFailingCommandStopsTheRunWithItsExitCodeAndOutput() throws Exception {
        RunOutcome outcome = runner.run(LocalRunners.plan(LocalRunners.limits(), Map.of(),
                "echo broken >&2; exit 3", "echo never"));
        assertEquals(1, outcome.commands().size());
        assertEquals(3, outcome.commands().get(0).exitCode());
        assertEquals("broken\n", outcome.commands().get(0).stderrTail());
        assertNull(outcome.commands().get(0).limit());
    }

    @AfterAll
    static void everySlotIsFreeAgain() {
        assertEquals(0, runner.busySlots());
    }
}
