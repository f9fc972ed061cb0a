package ai.devbot.orchestrator.conversation.service;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import ai.devbot.orchestrator.client.billing.Billing;
import ai.devbot.orchestrator.client.billing.BillingRecords;
import ai.devbot.orchestrator.client.projectstore.ProjectStore;
import ai.devbot.orchestrator.client.projectstore.StoreRecords;
import ai.devbot.orchestrator.config.OrchestratorConfig;
import ai.devbot.orchestrator.conversation.callback.CallbackData;
import ai.devbot.orchestrator.job.service.JobStore;
import ai.devbot.orchestrator.job.service.JobSummaries;
import ai.devbot.orchestrator.reply.Buttons;
import ai.devbot.orchestrator.reply.Markdown;
import ai.devbot.orchestrator.reply.Reply;
import ai.devbot.orchestrator.session.Session;
import ai.devbot.orchestrator.session.SessionStore;

/** What the user has and looks at: /projects, /use, /status, /tasks, /files, /show, /download and the plan. */
@ApplicationScoped
class ProjectCommands implements CommandFamily {

    private static final int MAX_SHOWN_FILE = 30_000;

    private final SessionStore sessions;
    private final ProjectStore store;
    private final Billing billing;
    private final JobStore jobs;
    private final ActiveProject active;
    private final OrchestratorConfig config;

    ProjectCommands(SessionStore sessions, ProjectStore store, Billing billing, JobStore jobs, ActiveProject active,
            OrchestratorConfig config) {
        this.sessions = sessions;
        this.store = store;
        this.billing = billing;
        this.jobs = jobs;
        this.active = active;
        this.config = config;
    }

    @Override
    public Set<String> commands() {
        return Set.of("projects", "use", "status", "tasks", "files", "show", "download");
    }

    @Override
    public void run(String command, Answer answer, Session session, String args) {
        switch (command) {
            case "projects" -> projects(answer, session);
            case "use" -> use(answer, session, args);
            case "status" -> status(answer, session);
            case "tasks" -> active.with(answer, session, project -> tasks(answer, project));
            case "files" -> active.with(answer, session, project -> files(answer, project));
            case "show" -> active.with(answer, session, project -> show(answer, project, args));
            case "download" -> active.with(answer, session, project -> download(answer, project));
            default -> throw new IllegalArgumentException(command);
        }
    }

    void plan(Answer answer, StoreRecords.Project project) {
        answer.say("**" + Markdown.text(project.title()) + "** — architecture\n\n" + project.architecture());
        tasks(answer, project);
    }

    void tasks(Answer answer, StoreRecords.Project project) {
        List<StoreRecords.Task> tasks = store.tasks(project.id(), answer.userId());
        if (tasks.isEmpty()) {
            answer.say("**" + Markdown.text(project.title()) + "** has no tasks yet.");
            return;
        }
        StringBuilder text = new StringBuilder("**" + Markdown.text(project.title()) + "** — tasks\n\n");
        for (StoreRecords.Task task : tasks) {
            text.append(switch (task.status()) {
                case "done" -> "✅";
                case "failed" -> "⚠️";
                case "in_progress" -> "⏳";
                default -> "▫️";
            }).append(' ').append(task.number()).append(". ").append(Markdown.text(task.title()));
            if ("failed".equals(task.status()) && task.lastFailure() != null) {
                // The job's failure text: Markdown already, its values escaped where it was written.
                text.append(" — ").append(task.lastFailure());
            }
            text.append('\n');
        }
        boolean open = tasks.stream().anyMatch(task -> !"done".equals(task.status()));
        answer.say(text.toString(), Buttons.afterWork(project.id(), open));
    }

    void useProject(Answer answer, Session session, long projectId) {
        Optional<StoreRecords.Project> project = store.project(projectId, answer.userId());
        if (project.isEmpty()) {
            answer.say("You have no project #" + projectId + ". /projects lists yours.");
            return;
        }
        sessions.save(session.withActiveProject(projectId));
        answer.say("Now working on **" + Markdown.text(project.get().title()) + "** (#" + projectId + ").",
                Buttons.afterPlan(projectId));
    }

    void download(Answer answer, StoreRecords.Project project) {
        if (store.files(project.id(), answer.userId()).isEmpty()) {
            answer.say("**" + Markdown.text(project.title()) + "** has no files yet: /implement writes them.");
            return;
        }
        String url = config.projectStorePublicUrl().resolve("v1/projects/" + project.id() + "/archive?ownerId="
                + answer.userId()).toString();
        answer.send(Reply.document(answer.nextId(), answer.command.commandId(), answer.command.chatId(),
                new Reply.Document(url, fileName(project.title()) + ".zip", "application/zip"),
                "**" + Markdown.text(project.title()) + "** — the whole project as a zip"));
        String bundle = fileName(project.title()) + ".bundle";
        String history = config.projectStorePublicUrl().resolve("v1/projects/" + project.id() + "/history/bundle?ownerId="
                + answer.userId()).toString();
        answer.send(Reply.document(answer.nextId(), answer.command.commandId(), answer.command.chatId(),
                new Reply.Document(history, bundle, "application/x-git-bundle"),
                "…and its history: `git clone " + bundle + "` gives a commit per task"));
    }

    private void projects(Answer answer, Session session) {
        List<StoreRecords.Project> projects = store.projects(answer.userId());
        if (projects.isEmpty()) {
            answer.say("You have no projects yet. Send me an idea to start one.");
            return;
        }
        StringBuilder text = new StringBuilder("**Your projects**\n\n");
        for (StoreRecords.Project project : projects) {
            text.append(Long.valueOf(project.id()).equals(session.activeProjectId()) ? "▶️ " : "• ")
                    .append(Markdown.text(project.title())).append(" — `/use ").append(project.id()).append("`\n");
        }
        List<List<Reply.Button>> buttons = projects.stream().limit(8)
                .map(project -> List.of(Buttons.button("Use: " + shorten(project.title(), 40), CallbackData.Action.USE,
                        project.id())))
                .toList();
        answer.say(text.toString(), buttons);
    }

    private void use(Answer answer, Session session, String args) {
        if (!args.matches("#?[0-9]{1,18}")) {
            answer.say("Use `/use ID` with a project's number — /projects lists them.");
            return;
        }
        useProject(answer, session, Long.parseLong(args.replace("#", "")));
    }

    private void status(Answer answer, Session session) {
        BillingRecords.Account account = billing.account(answer.userId()).orElse(null);
        String balance = account == null ? "no account yet — send /start" : Markdown.credits(account.available()) + " available";
        if (session.activeProjectId() == null) {
            answer.say("No active project. Send an idea to start one, or /projects to pick one.\n\nCredits: " + balance);
            return;
        }
        active.with(answer, session, project -> {
            List<StoreRecords.Task> tasks = store.tasks(project.id(), answer.userId());
            long done = tasks.stream().filter(task -> "done".equals(task.status())).count();
            long failed = tasks.stream().filter(task -> "failed".equals(task.status())).count();
            String running = jobs.projectJob(project.id()).flatMap(jobs::get).filter(job -> !job.finished())
                    .map(job -> (job.paused() ? "⏸ " : "Running: ")
                            + JobSummaries.doing(job) + ".").orElse("Nothing running.");
            String checks = jobs.lastChecks(project.id()).map(line -> "\nLast tests: " + line)
                    .orElse(project.checks() == null ? "" : "\nTests: not run yet — /test");
            answer.say("**" + Markdown.text(project.title()) + "** (#" + project.id() + ")\n" + done + "/" + tasks.size()
                    + " tasks done" + (failed > 0 ? ", " + failed + " failed" : "") + ". " + running + checks
                    + "\nCredits: " + balance, Buttons.afterWork(project.id(), done < tasks.size()));
        });
    }

    private void files(Answer answer, StoreRecords.Project project) {
        List<StoreRecords.FileInfo> files = store.files(project.id(), answer.userId());
        if (files.isEmpty()) {
            answer.say("**" + Markdown.text(project.title()) + "** has no files yet: /implement writes them.");
            return;
        }
        StringBuilder text = new StringBuilder("**" + Markdown.text(project.title()) + "** — " + files.size() + " files\n\n");
        files.stream().limit(200).forEach(file -> text.append("• ").append(Markdown.code(file.path())).append(" · ")
                .append(file.bytes()).append(" B").append(file.binary() ? " · binary" : "").append('\n'));
        if (files.size() > 200) {
            text.append("• … and ").append(files.size() - 200).append(" more (/download has them all)\n");
        }
        text.append("\n`/show PATH` prints one.");
        answer.say(text.toString());
    }

    private void show(Answer answer, StoreRecords.Project project, String path) {
        if (path.isEmpty()) {
            answer.say("Which file? `/show PATH`, e.g. `/show README.md` — /files lists them.");
            return;
        }
        Optional<String> content;
        try {
            content = store.content(project.id(), answer.userId(), path);
        } catch (IllegalArgumentException e) {
            answer.say("That is not a valid path: " + Markdown.text(e.getMessage()));
            return;
        }
        if (content.isEmpty()) {
            boolean binary = store.files(project.id(), answer.userId()).stream()
                    .anyMatch(file -> file.binary() && file.path().equals(path));
            answer.say(binary ? Markdown.code(path) + " is a binary file (it came with the import): /download has it."
                    : "There is no " + Markdown.code(path) + " in **" + Markdown.text(project.title())
                            + "**. /files lists them.");
            return;
        }
        String text = content.get();
        String shown = text.length() > MAX_SHOWN_FILE ? text.substring(0, MAX_SHOWN_FILE) : text;
        answer.say(Markdown.code(path) + "\n" + Markdown.codeBlock(shown)
                + (shown.length() < text.length() ? "\n… (" + (text.length() - shown.length())
                        + " more characters: /download has the whole file)" : ""));
    }

    private static String shorten(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }

    static String fileName(String title) {
        String name = title.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
        return name.isEmpty() ? "project" : shorten(name, 60);
    }
}
