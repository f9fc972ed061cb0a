package ai.devbot.orchestrator.job.service;

import java.util.ArrayList;
import java.util.List;

import ai.devbot.orchestrator.client.agent.AgentRecords;
import ai.devbot.orchestrator.client.sandbox.SandboxRecords;
import ai.devbot.orchestrator.reply.Markdown;

/** A sandbox run in words: the status line, the implementer's feedback (bounded), a task's failure reason. */
final class CheckReports {

    /** Characters of output the implementer sees: the tail of what failed, where the error usually is. */
    static final int STDOUT_CHARS = 4000;
    static final int STDERR_CHARS = 1500;
    private static final int MAX_FAILURES = 10;
    /** What a chat message shows of the output (Telegram splits longer messages; this stays readable). */
    static final int USER_OUTPUT_CHARS = 2500;

    private CheckReports() {
    }

    /** "✓ 12 passed", "✗ 2 of 14 failed" or "✗ check failed: exited with code 1". */
    static String headline(SandboxRecords.RunResult run) {
        if (run.tests() != null && run.tests().total() > 0) {
            return (run.passed() ? "✓ " : "✗ ") + run.tests().headline();
        }
        return run.passed() ? "✓ checks passed" : "✗ " + (run.reason() == null ? "checks failed" : run.reason());
    }

    /**
     * What goes back to the implementer after failing checks, as data (agent-service's prompt words it): the
     * command, the summary, the failing tests and the end of the failed command's output, bounded.
     */
    static AgentRecords.Feedback feedback(AgentRecords.Checks checks, SandboxRecords.RunResult run) {
        SandboxRecords.CommandResult failed = run.failedCommand();
        List<AgentRecords.TestFailure> failures = run.tests() == null || run.tests().failures() == null ? List.of()
                : run.tests().failures().stream().limit(MAX_FAILURES)
                        .map(f -> new AgentRecords.TestFailure(f.name(), f.message())).toList();
        return new AgentRecords.Feedback(AgentRecords.Feedback.Kind.CHECKS_FAILED, List.of(),
                new AgentRecords.CheckRun(checks.check(), headline(run), failed == null ? null : failed.name(),
                        failed == null ? null : failed.reason(), failures,
                        failed == null ? "" : tail(failed.stdoutTail(), STDOUT_CHARS),
                        failed == null ? "" : tail(failed.stderrTail(), STDERR_CHARS)));
    }

    /** For /status: the outcome, what ran it and when. */
    static String statusLine(SandboxRecords.RunResult run, String by) {
        return headline(run) + " (" + by + ", " + java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
                .withZone(java.time.ZoneOffset.UTC).format(java.time.Instant.now()) + ")";
    }

    /** The answer to /test: the outcome, the failing tests and the end of the output of what failed. */
    static String forUser(AgentRecords.Checks checks, SandboxRecords.RunResult run) {
        StringBuilder text = new StringBuilder("**Tests** · ").append(Markdown.code(checks.check())).append("\n")
                .append(headline(run)).append(" in ").append(run.sandboxMillis() / 1000.0).append(" s\n");
        if (run.tests() != null && run.tests().failures() != null && !run.tests().failures().isEmpty()) {
            text.append("\nFailing:\n");
            run.tests().failures().stream().limit(MAX_FAILURES).forEach(f -> text.append("• ").append(Markdown.code(f.name()))
                    .append(f.message().isBlank() ? "" : " — " + Markdown.text(firstLine(f.message()))).append('\n'));
        }
        SandboxRecords.CommandResult failed = run.failedCommand();
        if (failed != null) {
            String output = (failed.stdoutTail() + "\n" + failed.stderrTail()).strip();
            if (!output.isEmpty()) {
                text.append("\nThe end of its output:\n").append(Markdown.codeBlock(tail(output, USER_OUTPUT_CHARS)))
                        .append('\n');
            }
            text.append("\nDescribe the fix in a message and it becomes a task, or `/implement` the next one.");
        }
        return text.toString();
    }

    private static String firstLine(String text) {
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline);
    }

    /** Why a task's checks did not pass, in one line for the user. */
    static String reason(SandboxRecords.RunResult run) {
        String reason = headline(run);
        if (run.tests() != null && run.tests().failures() != null && !run.tests().failures().isEmpty()) {
            SandboxRecords.Failure first = run.tests().failures().get(0);
            reason += "; first: " + first.name() + (first.message().isBlank() ? "" : " — " + first.message());
        }
        return reason.length() > 300 ? reason.substring(0, 299) + "…" : reason;
    }

    private static String tail(String text, int max) {
        String stripped = text == null ? "" : text.strip();
        return stripped.length() <= max ? stripped : "…" + stripped.substring(stripped.length() - max);
    }
}
