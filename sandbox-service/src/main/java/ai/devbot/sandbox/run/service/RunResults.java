package ai.devbot.sandbox.run.service;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

import ai.devbot.sandbox.report.TestReports;
import ai.devbot.sandbox.run.CommandResult;
import ai.devbot.sandbox.run.CommandSpec;
import ai.devbot.sandbox.run.Limits;
import ai.devbot.sandbox.run.RunRequest;
import ai.devbot.sandbox.run.RunResult;
import ai.devbot.sandbox.run.TestSummary;
import ai.devbot.sandbox.runner.CommandOutcome;
import ai.devbot.sandbox.runner.RunOutcome;

/** Turns what the runner saw into the result callers read: outcomes, reasons in words, test summaries. */
final class RunResults {

    private RunResults() {
    }

    static RunResult of(RunRequest request, String runner, Limits limits, String archiveSha256, RunOutcome outcome,
            Instant startedAt, Instant finishedAt, UnaryOperator<String> scrub) {
        List<CommandResult> commands = new ArrayList<>();
        long millis = 0;
        String failure = null;
        TestSummary lastTests = null;
        for (int i = 0; i < request.commands().size(); i++) {
            CommandSpec spec = request.commands().get(i);
            if (i >= outcome.commands().size()) {
                commands.add(CommandResult.skipped(spec));
                continue;
            }
            CommandOutcome ran = outcome.commands().get(i);
            millis += ran.durationMs();
            String stdout = scrub.apply(ran.stdoutTail());
            String stderr = scrub.apply(ran.stderrTail());
            TestSummary tests = TestReports.fromOutput(stdout, stderr);
            lastTests = tests;
            String reason = ran.succeeded() ? null : reason(ran);
            if (reason != null && failure == null) {
                failure = spec.name() + " failed: " + reason;
            }
            commands.add(new CommandResult(spec.name(), spec.command(),
                    ran.succeeded() ? CommandResult.PASSED : CommandResult.FAILED,
                    ran.limit() == null ? ran.exitCode() : null, ran.durationMs(),
                    ran.limit() == ai.devbot.sandbox.runner.Limit.WALL_TIME,
                    ran.limit() == null ? null : ran.limit().id(), ran.cached() ? "restored from the setup cache (same "
                            + "setup command and dependency files as an earlier run)" : reason, stdout, stderr,
                    ran.outputBytes(), tests, ran.cached()));
        }
        TestSummary runTests = TestReports.forRun(outcome.reports(), lastTests);
        if (failure == null && runTests != null && !runTests.allPassed()) {
            // Exit code 0 but the runner's own report says tests failed: the report wins.
            failure = "tests failed: " + runTests.headline();
        }
        return new RunResult(request.runId(), request.ownerId(), request.projectId(),
                failure == null ? RunResult.PASSED : RunResult.FAILED, failure, archiveSha256, List.copyOf(commands),
                runTests, millis, limits, usage(request, runner, millis, finishedAt), startedAt, finishedAt);
    }

    /** A run that could not execute at all; no command is to blame. */
    static RunResult error(RunRequest request, Limits limits, String reason, Instant startedAt, Instant finishedAt) {
        return new RunResult(request.runId(), request.ownerId(), request.projectId(), RunResult.ERROR, reason, null,
                request.commands().stream().map(CommandResult::skipped).toList(), null, 0, limits, null, startedAt,
                finishedAt);
    }

    /** The event id derives from the run id: however often a run is asked for, it is charged once. */
    static RunResult.Usage usage(RunRequest request, String runner, long millis, Instant at) {
        return millis == 0 ? null : new RunResult.Usage("sandbox-" + request.runId(), "sandbox", runner, millis, at);
    }

    private static String reason(CommandOutcome ran) {
        if (ran.limit() != null) {
            return ran.limitDetail();
        }
        if (ran.exitCode() > 128 && ran.exitCode() < 128 + 65) {
            return "ended by signal " + (ran.exitCode() - 128);
        }
        return "exited with code " + ran.exitCode();
    }
}
