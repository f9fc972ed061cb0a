package ai.devbot.orchestrator.job.service;

import java.time.Duration;
import java.util.List;

import ai.devbot.orchestrator.client.agent.AgentRecords;
import ai.devbot.orchestrator.job.model.Work;
import ai.devbot.orchestrator.reply.Markdown;

/** What the user reads when a task pauses at its cap: what happened, what it cost, the choices and their prices. */
final class PauseMessage {

    private static final int MAX_PROBLEMS = 5;
    private static final int PROBLEM_CHARS = 300;
    private static final int OUTPUT_CHARS = 1200;

    private PauseMessage() {
    }

    /** {@code following}: the task after this one in the job (null when it is the last). */
    static String text(Work.Attempt attempt, Integer following, Duration expiry) {
        Work.Pause pause = attempt.pause();
        int task = attempt.task().number();
        StringBuilder text = new StringBuilder("⏸ **Task #").append(task).append(" paused** · ")
                .append(Markdown.text(attempt.task().title())).append("\n").append(pause.reason()).append("\n");
        text.append(whatWentWrong(attempt.feedback()));
        text.append("\nSpent on it: ").append(Markdown.credits(attempt.spent()))
                .append(". Nothing is held while it waits.\n\n")
                .append("• *Try again* — one more attempt, at most ").append(Markdown.credits(pause.extraCredits()))
                .append(" more\n")
                .append("• *Undo this task* — take back what it changed and stop\n");
        if (following != null) {
            text.append("• *Skip it* — leave it failed as it is and go on with task ").append(following).append("\n");
        }
        text.append("• *Stop* — end here (`/implement ").append(task).append("` tries it again later)\n\n")
                .append("Without an answer I stop in ").append(hours(expiry)).append(".");
        return text.toString();
    }

    /** The last attempt's problems or failing checks, bounded: the user decides from them. */
    private static String whatWentWrong(AgentRecords.Feedback feedback) {
        if (feedback == null) {
            return "";
        }
        StringBuilder text = new StringBuilder();
        List<String> problems = feedback.problems() == null ? List.of() : feedback.problems();
        if (!problems.isEmpty()) {
            text.append("\nWhat went wrong last:\n");
            problems.stream().limit(MAX_PROBLEMS).forEach(problem -> text.append("• ")
                    .append(Markdown.text(cut(problem, PROBLEM_CHARS))).append("\n"));
        }
        AgentRecords.CheckRun checks = feedback.checks();
        if (checks != null) {
            text.append("\nThe last checks: ").append(Markdown.text(checks.summary())).append("\n");
            if (checks.failures() != null) {
                checks.failures().stream().limit(MAX_PROBLEMS).forEach(failure -> text.append("• ")
                        .append(Markdown.code(failure.name())).append("\n"));
            }
            String output = ((checks.stdoutTail() == null ? "" : checks.stdoutTail()) + "\n"
                    + (checks.stderrTail() == null ? "" : checks.stderrTail())).strip();
            if (!output.isEmpty()) {
                text.append(Markdown.codeBlock(output.length() <= OUTPUT_CHARS ? output
                        : "…" + output.substring(output.length() - OUTPUT_CHARS))).append("\n");
            }
        }
        return text.toString();
    }

    private static String cut(String text, int max) {
        return text.length() > max ? text.substring(0, max) + "…" : text;
    }

    static String hours(Duration expiry) {
        long hours = expiry.toHours();
        if (hours >= 1 && expiry.equals(Duration.ofHours(hours))) {
            return hours == 1 ? "1 hour" : hours + " hours";
        }
        if (expiry.toMinutes() < 1) {
            return expiry.toSeconds() + " seconds";
        }
        long minutes = expiry.toMinutes();
        return minutes == 1 ? "1 minute" : minutes + " minutes";
    }
}
