package ai.devbot.orchestrator.job.service;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import ai.devbot.orchestrator.client.agent.AgentRecords;
import ai.devbot.orchestrator.client.projectstore.StoreRecords;
import ai.devbot.orchestrator.job.model.Job;
import ai.devbot.orchestrator.job.model.Work;
import ai.devbot.orchestrator.quote.Quote;
import ai.devbot.orchestrator.reply.Markdown;

/** The Markdown a job answers with. The gateway renders it for Telegram and splits long texts. */
final class Texts {

    static final String SIMULATED = "\n\n_Answered by the devbot LLM simulator (no model keys configured)._";

    private Texts() {
    }

    static String plan(StoreRecords.Project project, List<StoreRecords.Task> tasks, Optional<Quote> quote,
            boolean simulated) {
        StringBuilder text = new StringBuilder("**").append(Markdown.text(project.title()))
                .append("** — plan ready\n\n");
        if (project.summary() != null && !project.summary().isBlank()) {
            text.append(project.summary()).append("\n\n");
        }
        if (project.techStack() != null && !project.techStack().isEmpty()) {
            text.append("Tech stack: ").append(Markdown.text(String.join(" · ", project.techStack()))).append("\n\n");
        }
        text.append("**Tasks** (").append(tasks.size()).append(")\n");
        for (StoreRecords.Task task : tasks) {
            text.append(task.number()).append(". ").append(Markdown.text(task.title())).append('\n');
        }
        quote.ifPresent(estimate -> text.append('\n').append(estimate.line()).append('\n'));
        text.append("\nNext: *Implement next* does task 1, *Implement all* runs the whole list. /help lists everything.");
        return text + (simulated ? SIMULATED : "");
    }

    static String addedTasks(List<StoreRecords.Task> added, Optional<Quote> quote, boolean simulated) {
        StringBuilder text = new StringBuilder("**Change request planned** — ").append(added.size())
                .append(added.size() == 1 ? " new task:\n" : " new tasks:\n");
        for (StoreRecords.Task task : added) {
            text.append(task.number()).append(". ").append(Markdown.text(task.title())).append('\n');
        }
        quote.ifPresent(estimate -> text.append('\n').append(estimate.line()).append('\n'));
        text.append("\n/implement all does them (and anything else still open).");
        return text + (simulated ? SIMULATED : "");
    }

    /** An imported project, onboarded: what it is, what came in and what did not, and what to do next. */
    static String imported(StoreRecords.Project project, StoreRecords.ImportReport report, AgentRecords.Checks checks,
            boolean simulated) {
        StringBuilder text = new StringBuilder("📦 **").append(Markdown.text(project.title())).append("** — imported ")
                .append(report.files()).append(report.files() == 1 ? " file" : " files");
        if (report.binaries() > 0) {
            text.append(" and ").append(report.binaries()).append(" binary ").append(report.binaries() == 1 ? "file" : "files")
                    .append(" (kept, never edited)");
        }
        text.append(" from ").append(Markdown.code(report.fileName()));
        if (report.strippedFolder() != null) {
            text.append(" (its folder ").append(Markdown.code(report.strippedFolder() + "/")).append(" is the project root)");
        }
        text.append("\n\n");
        if (project.summary() != null && !project.summary().isBlank()) {
            text.append(Markdown.text(project.summary())).append("\n\n");
        }
        if (project.techStack() != null && !project.techStack().isEmpty()) {
            text.append("Tech stack: ").append(Markdown.text(String.join(" · ", project.techStack()))).append("\n");
        }
        text.append(checks == null ? "Tests: none found that the sandbox can run, so changes are reviewed without them "
                + "(a change request can add some).\n" : "Tests: " + Markdown.code(checks.check()) + " runs after every task.\n");
        if (report.refused() != null && !report.refused().isEmpty()) {
            text.append("\n**Left out** (").append(report.refused().size()).append("):\n");
            report.refused().stream().limit(10).forEach(refusal -> text.append("• ").append(Markdown.code(refusal.entry()))
                    .append(" — ").append(Markdown.text(refusal.reason())).append('\n'));
            if (report.refused().size() > 10) {
                text.append("• … and ").append(report.refused().size() - 10).append(" more\n");
            }
        }
        if (report.skipped() != null && !report.skipped().isEmpty()) {
            text.append("\nSkipped: ").append(report.skipped().stream().map(skipped -> Markdown.code(skipped.folder())
                    + " (" + skipped.files() + ", " + Markdown.text(skipped.why()) + ")")
                    .collect(Collectors.joining(", "))).append('\n');
        }
        text.append("\nTell me what to change — for example \"add a --json flag\" — and it becomes tasks; "
                + "/implement does them.");
        return text + (simulated ? SIMULATED : "");
    }

    static String summary(String explanation) {
        if (explanation == null || explanation.isBlank()) {
            return null;
        }
        String first = explanation.strip().lines().findFirst().orElse("");
        return first.length() > 500 ? first.substring(0, 500) + "…" : first;
    }

    static String finalStatus(Job job) {
        String spent = Markdown.credits(job.spent);
        return switch (job.ending) {
            case DONE -> switch (job.kind()) {
                case PLAN -> "✓ Plan ready · " + spent;
                case IMPLEMENT -> {
                    Work.Implement work = job.work(Work.Implement.class);
                    yield "✓ " + work.done().size() + "/" + work.queue().size() + " tasks done · "
                            + work.changedFiles().size() + " files changed · " + spent;
                }
                case EXTEND -> "✓ Change request planned · " + spent;
                case README -> "✓ README written · " + spent;
                case IMPORT -> "✓ Imported · " + spent;
                case TEST -> {
                    String checks = job.work(Work.Test.class).checksLine();
                    yield "Tests: " + (checks == null ? "none declared" : checks);
                }
            };
            case FAILED -> "✗ Stopped: " + firstLine(job.failure) + " · " + spent;
            case CANCELLED -> "■ Cancelled · " + spent;
            case RUNNING -> "…";
        };
    }

    /** The job's last message: what was done, what it cost, what the user can do next (null when already said). */
    static String finalAnswer(Job job, boolean tasksLeft) {
        String spent = "Credits spent: " + Markdown.credits(job.spent) + ".";
        if (!(job.work instanceof Work.Implement work)) {
            return switch (job.ending) {
                case FAILED -> "⚠️ " + job.failure + "\n\n" + spent;
                case CANCELLED -> "Cancelled. " + spent;
                default -> null;
            };
        }
        StringBuilder text = new StringBuilder();
        List<Integer> done = work.done();
        List<String> changedFiles = work.changedFiles();
        switch (job.ending) {
            case DONE -> text.append(done.isEmpty() ? "■ **Finished** — no task was implemented.\n\n"
                    : "✅ **Done** — " + tasksList(done) + " implemented.\n\n");
            case CANCELLED -> text.append("■ **Cancelled.** ").append(done.isEmpty() ? "No task was finished."
                    : tasksList(done) + " finished before that.").append("\n\n");
            default -> {
                text.append("⚠️ **").append(job.failure).append("**\n\n");
                if (!done.isEmpty()) {
                    text.append(tasksList(done)).append(" finished before that.\n\n");
                }
                if (work.failedTask() != null) {
                    text.append("What you can do: `/implement ").append(work.failedTask())
                            .append("` to try again, describe the fix in a message (it becomes a new task), or /tasks ")
                            .append("to see where things stand.\n\n");
                }
            }
        }
        if (!work.skipped().isEmpty()) {
            text.append("Skipped at the cap, left failed: ").append(tasksList(work.skipped())).append(" (`/implement ")
                    .append(work.skipped().get(0)).append("` tries again, `/undo ").append(work.skipped().get(0))
                    .append("` takes its changes back).\n\n");
        }
        if (work.lastChecks() != null) {
            text.append(work.lastChecks().startsWith("✓") ? "Tests: " : "Tests of the last finished task: ")
                    .append(work.lastChecks()).append("\n\n");
        }
        if (!changedFiles.isEmpty()) {
            text.append("Changed files (").append(changedFiles.size()).append("):\n")
                    .append(changedFiles.stream().limit(40).map(path -> "• " + Markdown.code(path))
                            .collect(Collectors.joining("\n")));
            if (changedFiles.size() > 40) {
                text.append("\n• … and ").append(changedFiles.size() - 40).append(" more");
            }
            text.append("\n\n");
        }
        text.append(spent);
        if (job.ending == Job.State.DONE) {
            text.append(tasksLeft ? " More tasks are open: *Implement next* or *Implement all*."
                    : " Every task is done: *Download* gets the code as a zip.");
        }
        return text + (job.simulated ? Texts.SIMULATED : "");
    }

    private static String tasksList(List<Integer> tasks) {
        if (tasks.size() == 1) {
            return "Task #" + tasks.get(0);
        }
        return "Tasks " + tasks.stream().map(n -> "#" + n).collect(Collectors.joining(", "));
    }

    private static String firstLine(String text) {
        if (text == null) {
            return "unknown reason";
        }
        String line = text.lines().findFirst().orElse("");
        return line.length() > 200 ? line.substring(0, 200) + "…" : line;
    }
}
