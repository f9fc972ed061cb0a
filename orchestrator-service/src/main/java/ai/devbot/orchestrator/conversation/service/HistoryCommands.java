package ai.devbot.orchestrator.conversation.service;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import ai.devbot.orchestrator.client.projectstore.ProjectStore;
import ai.devbot.orchestrator.client.projectstore.StoreRecords;
import ai.devbot.orchestrator.config.OrchestratorConfig;
import ai.devbot.orchestrator.job.service.JobStore;
import ai.devbot.orchestrator.job.service.JobSummaries;
import ai.devbot.orchestrator.reply.Buttons;
import ai.devbot.orchestrator.reply.Markdown;
import ai.devbot.orchestrator.reply.Reply;
import ai.devbot.orchestrator.session.Session;

/** What the agent did, and taking it back: /diff and /undo (and their buttons under each finished task). */
@ApplicationScoped
class HistoryCommands implements CommandFamily {

    /** Longer diffs go as a .patch document: a message holds 4,096 characters and code blocks grow in HTML. */
    static final int MAX_INLINE_DIFF = 3_000;
    private static final Duration UNDO_HOLD = Duration.ofSeconds(60);

    private final ProjectStore store;
    private final JobStore jobs;
    private final ActiveProject active;
    private final OrchestratorConfig config;

    HistoryCommands(ProjectStore store, JobStore jobs, ActiveProject active, OrchestratorConfig config) {
        this.store = store;
        this.jobs = jobs;
        this.active = active;
        this.config = config;
    }

    @Override
    public Set<String> commands() {
        return Set.of("diff", "undo");
    }

    @Override
    public void run(String command, Answer answer, Session session, String args) {
        active.with(answer, session, project -> {
            Optional<StoreRecords.Task> task = task(answer, project, command, args);
            if (task.isEmpty()) {
                return;
            }
            switch (command) {
                case "diff" -> diff(answer, project, task.get());
                case "undo" -> undo(answer, project, task.get());
                default -> throw new IllegalArgumentException(command);
            }
        });
    }

    /** From a button: the task is named by number and re-read for the presser. */
    void pressed(Answer answer, StoreRecords.Project project, int number, boolean undo) {
        Optional<StoreRecords.Task> task = task(answer, project, undo ? "undo" : "diff", Integer.toString(number));
        task.ifPresent(found -> {
            if (undo) {
                undo(answer, project, found);
            } else {
                diff(answer, project, found);
            }
        });
    }

    void diff(Answer answer, StoreRecords.Project project, StoreRecords.Task task) {
        List<StoreRecords.FileDiff> files = store.taskDiff(project.id(), answer.userId(), task.number())
                .map(StoreRecords.TaskDiff::files).orElse(List.of());
        String heading = "**Task " + task.number() + " · " + Markdown.text(task.title()) + "**";
        if (files.isEmpty()) {
            answer.say(heading + " changed no files.");
            return;
        }
        StringBuilder patch = new StringBuilder();
        files.forEach(file -> patch.append(file.diff()));
        String summary = heading + " — " + changes(files);
        if (patch.length() <= MAX_INLINE_DIFF) {
            answer.say(summary + "\n" + Markdown.codeBlock(patch.toString()), Buttons.afterTask(project.id(), task.number()));
            return;
        }
        String url = config.projectStorePublicUrl().resolve("v1/projects/" + project.id() + "/tasks/" + task.number()
                + "/patch?ownerId=" + answer.userId()).toString();
        answer.send(Reply.document(answer.nextId(), answer.command.commandId(), answer.command.chatId(),
                new Reply.Document(url, ProjectCommands.fileName(project.title()) + "-task-" + task.number() + ".patch",
                        "text/x-patch"), summary + "\n`git apply` reads it."));
    }

    void undo(Answer answer, StoreRecords.Project project, StoreRecords.Task task) {
        String operation = "undo:" + answer.command.commandId();
        if (!jobs.holdProject(project.id(), operation, UNDO_HOLD)) {
            String doing = jobs.projectJob(project.id()).flatMap(jobs::get).map(JobSummaries::doing)
                    .orElse("another change to it");
            answer.say("**" + Markdown.text(project.title()) + "** is busy: " + doing
                    + ". Undo once it has finished, or /cancel it.", Buttons.running(project.id()));
            return;
        }
        try {
            ProjectStore.Rollback rollback = store.rollback(project.id(), answer.userId(), task.number());
            if (rollback.applied() == null) {
                answer.say("Task " + task.number() + " was not undone: " + Markdown.text(rollback.refusal())
                        + ". Nothing changed.");
                return;
            }
            store.updateTask(project.id(), answer.userId(), task.number(),
                    new StoreRecords.TaskUpdate("todo", null, null, null));
            answer.say("↩️ Undid task " + task.number() + " · " + Markdown.text(task.title()) + ": "
                    + JobSummaries.restored(rollback.applied()) + ". It is on the to-do list again: `/implement " + task.number()
                    + "` does it anew.", Buttons.afterPlan(project.id()));
        } finally {
            jobs.releaseProject(project.id(), operation);
        }
    }

    /** The task the arguments name — by default the last one done — or empty, after saying why. */
    private Optional<StoreRecords.Task> task(Answer answer, StoreRecords.Project project, String command, String args) {
        List<StoreRecords.Task> tasks = store.tasks(project.id(), answer.userId());
        String wanted = args.strip();
        if (wanted.isEmpty()) {
            Optional<StoreRecords.Task> last = tasks.stream().filter(task -> "done".equals(task.status()))
                    .max(Comparator.comparingInt(StoreRecords.Task::number));
            if (last.isEmpty()) {
                answer.say("No task of **" + Markdown.text(project.title()) + "** is done yet, so there is nothing to "
                        + command + ". `/" + command + " N` names a task; /tasks lists them.");
            }
            return last;
        }
        if (!wanted.matches("#?[0-9]{1,5}")) {
            answer.say("Use `/" + command + "` for the last task done, or `/" + command + " N` with a task number — "
                    + "/tasks lists them.");
            return Optional.empty();
        }
        int number = Integer.parseInt(wanted.replace("#", ""));
        Optional<StoreRecords.Task> task = tasks.stream().filter(candidate -> candidate.number() == number).findFirst();
        if (task.isEmpty()) {
            answer.say("There is no task " + number + " in **" + Markdown.text(project.title()) + "** (it has "
                    + tasks.size() + "). /tasks shows them.");
        }
        return task;
    }

    private static String changes(List<StoreRecords.FileDiff> files) {
        List<String> parts = new ArrayList<>();
        for (String change : List.of("created", "changed", "deleted")) {
            List<String> paths = files.stream().filter(file -> change.equals(file.change()))
                    .map(StoreRecords.FileDiff::path).toList();
            if (!paths.isEmpty()) {
                parts.add(change + " " + JobSummaries.shortList(paths));
            }
        }
        return String.join(", ", parts);
    }
}
