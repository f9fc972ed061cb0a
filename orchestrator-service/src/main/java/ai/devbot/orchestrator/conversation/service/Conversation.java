package ai.devbot.orchestrator.conversation.service;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import ai.devbot.orchestrator.client.billing.Billing;
import ai.devbot.orchestrator.client.billing.BillingRecords;
import ai.devbot.orchestrator.client.projectstore.ProjectStore;
import ai.devbot.orchestrator.client.projectstore.StoreRecords;
import ai.devbot.orchestrator.config.OrchestratorConfig;
import ai.devbot.orchestrator.conversation.Command;
import ai.devbot.orchestrator.conversation.callback.CallbackData;
import ai.devbot.orchestrator.job.model.Job;
import ai.devbot.orchestrator.job.model.JobStep;
import ai.devbot.orchestrator.job.service.JobRunner;
import ai.devbot.orchestrator.job.service.JobStore;
import ai.devbot.orchestrator.limits.UserLimits;
import ai.devbot.orchestrator.payment.service.PaymentCrediting;
import ai.devbot.orchestrator.reply.Buttons;
import ai.devbot.orchestrator.reply.Markdown;
import ai.devbot.orchestrator.reply.Replies;
import ai.devbot.orchestrator.reply.Reply;
import ai.devbot.orchestrator.session.Session;
import ai.devbot.orchestrator.session.SessionStore;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Turns one command into its answer. Reply ids are {@code <commandId>/<n>} and job ids
 * {@code job-<commandId>}, so a command handled again after a crash re-sends the same ids (the
 * gateway performs them once) and finds its job instead of starting another; the command is
 * marked handled only after all of that is stored.
 */
@ApplicationScoped
public class Conversation {

    private static final Logger LOG = Logger.getLogger(Conversation.class);
    private static final int MAX_IDEA = 4_000;
    private static final int MAX_SHOWN_FILE = 30_000;

    private final SessionStore sessions;
    private final Billing billing;
    private final ProjectStore store;
    private final JobRunner runner;
    private final JobStore jobs;
    private final Replies replies;
    private final OrchestratorConfig config;
    private final MeterRegistry metrics;
    private final PaymentCrediting payments;
    private final UserLimits limits;

    Conversation(SessionStore sessions, Billing billing, ProjectStore store, JobRunner runner, JobStore jobs,
            Replies replies, OrchestratorConfig config, MeterRegistry metrics, PaymentCrediting payments,
            UserLimits limits) {
        this.payments = payments;
        this.limits = limits;
        this.sessions = sessions;
        this.billing = billing;
        this.store = store;
        this.runner = runner;
        this.jobs = jobs;
        this.replies = replies;
        this.config = config;
        this.metrics = metrics;
    }

    /** The replies of one command, numbered in order. */
    private final class Answer {
        final Command command;
        final AtomicInteger sent = new AtomicInteger();

        Answer(Command command) {
            this.command = command;
        }

        String nextId() {
            return command.commandId() + "/" + sent.incrementAndGet();
        }

        void say(String text) {
            say(text, null);
        }

        void say(String text, List<List<Reply.Button>> buttons) {
            send(Reply.message(nextId(), command.commandId(), command.chatId(), text, buttons));
        }

        void send(Reply reply) {
            replies.send(command.threadId(), reply);
        }
    }

    public void handle(Command command) {
        if (sessions.handled(command.commandId())) {
            metrics.counter("devbot.orchestrator.commands", "kind", command.kind().name(), "outcome", "duplicate")
                    .increment();
            return;
        }
        Answer answer = new Answer(command);
        if (overLimit(answer)) {
            sessions.markHandled(command.commandId(), config.commands().rememberFor());
            metrics.counter("devbot.orchestrator.commands", "kind", command.kind().name(), "outcome", "limited")
                    .increment();
            return;
        }
        Session session = sessions.get(command.chatId(), command.userId());
        switch (command.kind()) {
            case COMMAND -> command(answer, session, command.command(), command.args() == null ? "" : command.args().strip());
            case TEXT -> text(answer, session, command.text().strip());
            case CALLBACK -> callback(answer, session);
            case PAYMENT -> payments.received(command);
            case PRE_CHECKOUT -> {
                // The gateway answered it within Telegram's 10 s; the credits come with successful_payment.
            }
        }
        sessions.markHandled(command.commandId(), config.commands().rememberFor());
        metrics.counter("devbot.orchestrator.commands", "kind", command.kind().name(), "outcome", "handled").increment();
    }

    /** Commands past the user's per-minute limit are skipped, with one message a minute; payments never are. */
    private boolean overLimit(Answer answer) {
        Command command = answer.command;
        if (command.kind() == Command.Kind.PAYMENT || command.kind() == Command.Kind.PRE_CHECKOUT) {
            return false;
        }
        UserLimits.Verdict verdict = limits.command(command.userId());
        if (verdict == UserLimits.Verdict.ALLOWED) {
            return false;
        }
        String text = "⏳ That is more than " + limits.commandsPerMinute() + " commands in a minute, so I am skipping "
                + "the rest of this minute's. Wait a moment, then send it again.";
        if (command.kind() == Command.Kind.CALLBACK) {
            // The button must stop spinning either way.
            answer.send(Reply.callbackAnswer(command.commandId() + "/ack", command.commandId(), command.chatId(),
                    command.callbackQueryId(), "Too many presses in a minute — wait a moment."));
        }
        if (verdict == UserLimits.Verdict.REFUSED_TELL) {
            answer.say(text);
        }
        return true;
    }

    /**
     * A command that failed unexpectedly still gets an answer that says what to do — and a reference an
     * operator finds in the log line of the failure, never the failure itself (class and host names stay inside).
     */
    public void apologise(Command command, String reference) {
        try {
            replies.send(command.threadId(), Reply.message(command.commandId() + "/error", command.commandId(), command.chatId(),
                    "Sorry — something went wrong on our side. Nothing was lost; please try again in a minute. "
                            + "If it keeps happening, tell support the reference " + Markdown.code(reference) + ".",
                    null));
        } catch (RuntimeException e) {
            LOG.errorf(e, "could not tell chat %d about the failure", command.chatId());
        }
    }

    // ------------------------------------------------------------------ commands

    private void command(Answer answer, Session session, String name, String args) {
        switch (name) {
            case "start" -> start(answer);
            case "help" -> answer.say(Help.COMMANDS);
            case "newproject" -> newProject(answer, session, args);
            case "implement" -> implement(answer, session, args);
            case "status" -> status(answer, session);
            case "tasks" -> withProject(answer, session, project -> tasks(answer, project));
            case "files" -> withProject(answer, session, project -> files(answer, project));
            case "show" -> withProject(answer, session, project -> show(answer, project, args));
            case "projects" -> projects(answer, session);
            case "use" -> use(answer, session, args);
            case "readme" -> withProject(answer, session, project -> startJob(answer, Job.Kind.README, project, null,
                    JobStep.README, "Writing the README…"));
            case "download" -> withProject(answer, session, project -> download(answer, project));
            case "test" -> withProject(answer, session, project -> startJob(answer, Job.Kind.TEST, project, null,
                    JobStep.TEST_RUN, "Running the tests…"));
            case "credits" -> credits(answer);
            case "buy" -> buy(answer);
            case "cancel" -> cancel(answer, session);
            default -> answer.say("I don't know /" + name + ".\n\n" + Help.COMMANDS);
        }
    }

    private void start(Answer answer) {
        BillingRecords.Account account = billing.ensureAccount(answer.command.userId());
        String name = answer.command.firstName() == null ? "" : ", " + Markdown.text(answer.command.firstName());
        answer.say("👋 Welcome" + name + "! I turn a software idea into a working codebase: an architect plans it, "
                + "an implementer writes it task by task, and the architect reviews every change.\n\n"
                + (Boolean.TRUE.equals(account.created()) ? "You have **" + Markdown.credits(account.balance())
                        + "** to start with." : "Your balance: **" + Markdown.credits(account.balance()) + "**.")
                + "\n\nSend me your idea — for example _a CLI that counts words in text files_ — or use /newproject.\n\n"
                + Help.COMMANDS);
    }

    private void text(Answer answer, Session session, String text) {
        if (text.isEmpty()) {
            answer.say("Send me an idea for a new project, or /help for the commands.");
            return;
        }
        if (session.awaitingIdea() || session.activeProjectId() == null) {
            newProject(answer, session, text);
            return;
        }
        withProject(answer, session, project -> {
            if (text.length() > MAX_IDEA) {
                answer.say("That change request is " + text.length() + " characters; please keep it under " + MAX_IDEA
                        + ".");
                return;
            }
            startJob(answer, Job.Kind.EXTEND, project, text, JobStep.EXTEND,
                    "Turning your change request into tasks for **" + Markdown.text(project.title()) + "**…");
        });
    }

    private void newProject(Answer answer, Session session, String idea) {
        if (idea.isEmpty()) {
            sessions.save(session.awaitingIdea(true));
            answer.say("What should I build? Describe your idea in one message — what it does, for whom, and any "
                    + "technology you want.");
            return;
        }
        if (idea.length() > MAX_IDEA) {
            answer.say("That idea is " + idea.length() + " characters; please describe it in under " + MAX_IDEA
                    + " (the architect asks for details in the plan).");
            return;
        }
        if (session.awaitingIdea()) {
            sessions.save(session.awaitingIdea(false));
        }
        startJob(answer, Job.Kind.PLAN, null, idea, JobStep.PLAN, "Planning your project… the architect is writing "
                + "the plan, the tech stack and the task list.");
    }

    private void implement(Answer answer, Session session, String args) {
        withProject(answer, session, project -> {
            List<StoreRecords.Task> tasks = store.tasks(project.id(), answer.command.userId());
            List<Integer> queue;
            if (args.isEmpty() || args.equals("next")) {
                queue = tasks.stream().filter(task -> !"done".equals(task.status())).limit(1)
                        .map(StoreRecords.Task::number).toList();
            } else if (args.equals("all")) {
                queue = tasks.stream().filter(task -> !"done".equals(task.status())).map(StoreRecords.Task::number)
                        .toList();
            } else if (args.matches("#?[0-9]{1,4}")) {
                int number = Integer.parseInt(args.replace("#", ""));
                if (tasks.stream().noneMatch(task -> task.number() == number)) {
                    answer.say("There is no task " + number + " in **" + Markdown.text(project.title()) + "** (it has " + tasks.size()
                            + "). /tasks shows them.");
                    return;
                }
                queue = List.of(number);
            } else {
                answer.say("Use /implement (the next task), `/implement 4` (task 4) or `/implement all`.");
                return;
            }
            if (queue.isEmpty()) {
                answer.say("Every task of **" + Markdown.text(project.title()) + "** is done. Describe a change to add tasks, or "
                        + "/download the code.", Buttons.afterWork(project.id(), false));
                return;
            }
            Job job = newJob(answer, Job.Kind.IMPLEMENT, project, null);
            job.taskQueue = queue;
            begin(answer, job, project, JobStep.START_TASK, queue.size() == 1 ? "Starting task " + queue.get(0) + "…"
                    : "Implementing " + queue.size() + " tasks, one by one…");
        });
    }

    private void startJob(Answer answer, Job.Kind kind, StoreRecords.Project project, String input, JobStep first,
            String statusText) {
        Job job = newJob(answer, kind, project, input);
        begin(answer, job, project, first, statusText);
    }

    private Job newJob(Answer answer, Job.Kind kind, StoreRecords.Project project, String input) {
        Job job = new Job();
        job.id = "job-" + answer.command.commandId();
        job.kind = kind;
        job.chatId = answer.command.chatId();
        job.threadId = answer.command.threadId();
        job.userId = answer.command.userId();
        job.commandId = answer.command.commandId();
        job.input = input;
        if (project != null) {
            job.projectId = project.id();
            job.projectTitle = project.title();
        }
        return job;
    }

    private void begin(Answer answer, Job job, StoreRecords.Project project, JobStep first, String statusText) {
        List<Job> mine = jobs.runningOf(job.userId).stream().filter(other -> !other.id.equals(job.id)).toList();
        if (mine.size() >= limits.concurrentJobs()) {
            answer.say("You already have " + mine.size() + (mine.size() == 1 ? " job" : " jobs") + " running ("
                    + String.join("; ", mine.stream().map(Conversation::describeWithProject).toList())
                    + "), the most at once. Wait for one to finish, or /cancel it.");
            return;
        }
        if (project != null) {
            Optional<String> holder = jobs.lockProject(project.id(), job.id);
            if (holder.isPresent()) {
                String doing = jobs.get(holder.get()).map(Conversation::describe).orElse("a job");
                answer.say("**" + Markdown.text(project.title()) + "** is busy: " + doing
                        + ". Wait for it to finish, or /cancel it.", Buttons.running(project.id()));
                return;
            }
        }
        // The status message first, so the job's edits have a message to edit.
        answer.send(Reply.status(answer.command.commandId() + "/status", answer.command.commandId(),
                answer.command.chatId(), job.id, statusText));
        runner.start(job, first);
    }

    private static String describeWithProject(Job job) {
        return describe(job) + (job.projectTitle == null ? "" : " on " + Markdown.text(job.projectTitle));
    }

    private static String describe(Job job) {
        return switch (job.kind) {
            case PLAN -> "planning";
            case IMPLEMENT -> "implementing task " + job.currentTask() + " (" + (job.taskIndex + 1) + " of "
                    + job.taskQueue.size() + ")";
            case EXTEND -> "planning a change request";
            case README -> "writing the README";
            case TEST -> "running the tests";
        };
    }

    private void status(Answer answer, Session session) {
        BillingRecords.Account account = billing.account(answer.command.userId()).orElse(null);
        String balance = account == null ? "no account yet — send /start" : Markdown.credits(account.available()) + " available";
        if (session.activeProjectId() == null) {
            answer.say("No active project. Send an idea to start one, or /projects to pick one.\n\nCredits: " + balance);
            return;
        }
        withProject(answer, session, project -> {
            List<StoreRecords.Task> tasks = store.tasks(project.id(), answer.command.userId());
            long done = tasks.stream().filter(task -> "done".equals(task.status())).count();
            long failed = tasks.stream().filter(task -> "failed".equals(task.status())).count();
            String running = jobs.projectJob(project.id()).flatMap(jobs::get).filter(job -> !job.finished())
                    .map(job -> "Running: " + describe(job) + ".").orElse("Nothing running.");
            String checks = jobs.lastChecks(project.id()).map(line -> "\nLast tests: " + line)
                    .orElse(project.checks() == null ? "" : "\nTests: not run yet — /test");
            answer.say("**" + Markdown.text(project.title()) + "** (#" + project.id() + ")\n" + done + "/" + tasks.size()
                    + " tasks done" + (failed > 0 ? ", " + failed + " failed" : "") + ". " + running + checks
                    + "\nCredits: " + balance, Buttons.afterWork(project.id(), done < tasks.size()));
        });
    }

    private void tasks(Answer answer, StoreRecords.Project project) {
        List<StoreRecords.Task> tasks = store.tasks(project.id(), answer.command.userId());
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

    private void files(Answer answer, StoreRecords.Project project) {
        List<StoreRecords.FileInfo> files = store.files(project.id(), answer.command.userId());
        if (files.isEmpty()) {
            answer.say("**" + Markdown.text(project.title()) + "** has no files yet: /implement writes them.");
            return;
        }
        StringBuilder text = new StringBuilder("**" + Markdown.text(project.title()) + "** — " + files.size() + " files\n\n");
        files.stream().limit(200).forEach(file -> text.append("• ").append(Markdown.code(file.path())).append(" · ")
                .append(file.bytes()).append(" B\n"));
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
            content = store.content(project.id(), answer.command.userId(), path);
        } catch (IllegalArgumentException e) {
            answer.say("That is not a valid path: " + Markdown.text(e.getMessage()));
            return;
        }
        if (content.isEmpty()) {
            answer.say("There is no " + Markdown.code(path) + " in **" + Markdown.text(project.title())
                    + "**. /files lists them.");
            return;
        }
        String text = content.get();
        String shown = text.length() > MAX_SHOWN_FILE ? text.substring(0, MAX_SHOWN_FILE) : text;
        answer.say(Markdown.code(path) + "\n" + Markdown.codeBlock(shown)
                + (shown.length() < text.length() ? "\n… (" + (text.length() - shown.length())
                        + " more characters: /download has the whole file)" : ""));
    }

    private void projects(Answer answer, Session session) {
        List<StoreRecords.Project> projects = store.projects(answer.command.userId());
        if (projects.isEmpty()) {
            answer.say("You have no projects yet. Send me an idea to start one.");
            return;
        }
        StringBuilder text = new StringBuilder("**Your projects**\n\n");
        for (StoreRecords.Project project : projects) {
            text.append(Long.valueOf(project.id()).equals(session.activeProjectId()) ? "▶️ " : "• ").append(Markdown.text(project.title()))
                    .append(" — `/use ").append(project.id()).append("`\n");
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

    private void useProject(Answer answer, Session session, long projectId) {
        Optional<StoreRecords.Project> project = store.project(projectId, answer.command.userId());
        if (project.isEmpty()) {
            answer.say("You have no project #" + projectId + ". /projects lists yours.");
            return;
        }
        sessions.save(session.withActiveProject(projectId));
        answer.say("Now working on **" + Markdown.text(project.get().title()) + "** (#" + projectId + ").",
                Buttons.afterPlan(projectId));
    }

    private void download(Answer answer, StoreRecords.Project project) {
        if (store.files(project.id(), answer.command.userId()).isEmpty()) {
            answer.say("**" + Markdown.text(project.title()) + "** has no files yet: /implement writes them.");
            return;
        }
        String url = config.projectStorePublicUrl().resolve("v1/projects/" + project.id() + "/archive?ownerId="
                + answer.command.userId()).toString();
        answer.send(Reply.document(answer.nextId(), answer.command.commandId(),
                answer.command.chatId(), new Reply.Document(url, fileName(project.title()) + ".zip", "application/zip"),
                "**" + Markdown.text(project.title()) + "** — the whole project as a zip"));
    }

    private void credits(Answer answer) {
        BillingRecords.Account account = billing.ensureAccount(answer.command.userId());
        StringBuilder text = new StringBuilder("**Credits**: " + Markdown.credits(account.balance()));
        if (account.reserved() > 0) {
            text.append(" (").append(Markdown.credits(account.reserved())).append(" held for running work)");
        }
        List<BillingRecords.Entry> entries = billing.recentEntries(answer.command.userId(), 5);
        if (!entries.isEmpty()) {
            text.append("\n\n**Last transactions**\n");
            for (BillingRecords.Entry entry : entries) {
                text.append("• ").append(entry.amount() > 0 ? "+" : "").append(Markdown.number(entry.amount())).append(" · ")
                        .append(Markdown.text(entry.reason() == null ? entry.kind().toLowerCase(Locale.ROOT) : entry.reason()))
                        .append('\n');
            }
        }
        text.append("\n/buy adds credits with Telegram Stars.");
        answer.say(text.toString());
    }

    private void buy(Answer answer) {
        List<BillingRecords.Pack> packs = billing.packs();
        StringBuilder text = new StringBuilder("**Credit packs** (paid with Telegram Stars ⭐)\n\n");
        for (BillingRecords.Pack pack : packs) {
            text.append("• ").append(Markdown.text(pack.title())).append(" — ").append(pack.stars()).append(" ⭐\n");
        }
        List<List<Reply.Button>> buttons = packs.stream()
                .map(pack -> List.of(new Reply.Button(pack.stars() + " ⭐ · " + Markdown.credits(pack.credits()),
                        CallbackData.buy(pack.id()))))
                .toList();
        answer.say(text.toString(), buttons);
    }

    /** Stops the active project's job, or else the newest job of the user in this chat (a plan has no project yet). */
    private void cancel(Answer answer, Session session) {
        Optional<Job> projectJob = Optional.ofNullable(session.activeProjectId()).flatMap(jobs::projectJob)
                .flatMap(jobs::get).filter(job -> !job.finished() && job.userId == answer.command.userId());
        Optional<Job> target = projectJob.or(() -> jobs.runningOf(answer.command.userId()).stream()
                .filter(job -> job.chatId == answer.command.chatId()).reduce((older, newer) -> newer));
        if (target.isEmpty()) {
            answer.say("Nothing is running for you here.");
            return;
        }
        jobs.requestCancel(target.get().id);
        answer.say("Stopping " + describeWithProject(target.get())
                + " after its current step; credits held for it are released.");
    }

    private void cancelProjectJob(Answer answer, StoreRecords.Project project) {
        Optional<Job> running = jobs.projectJob(project.id()).flatMap(jobs::get).filter(job -> !job.finished());
        if (running.isEmpty()) {
            answer.say("Nothing is running on **" + Markdown.text(project.title()) + "**.");
            return;
        }
        jobs.requestCancel(running.get().id);
        answer.say("Stopping " + describe(running.get()) + " after its current step; credits held for it are released.");
    }

    // ------------------------------------------------------------------ buttons and payments

    private void callback(Answer answer, Session session) {
        Command command = answer.command;
        Optional<CallbackData> data = CallbackData.parse(command.callbackData());
        // Every callback is answered, so the user's button stops spinning.
        answer.send(Reply.callbackAnswer(command.commandId() + "/ack", command.commandId(), command.chatId(),
                command.callbackQueryId(), data.isEmpty() ? "That button no longer works." : null));
        if (data.isEmpty()) {
            return;
        }
        CallbackData pressed = data.get();
        if (pressed.action() == CallbackData.Action.BUY) {
            invoice(answer, pressed.packId());
            return;
        }
        Optional<StoreRecords.Project> project = store.project(pressed.projectId(), command.userId());
        if (project.isEmpty()) {
            answer.say("That project does not exist or is not yours. /projects lists yours.");
            return;
        }
        Session focused = pressed.projectId().equals(session.activeProjectId()) ? session
                : session.withActiveProject(pressed.projectId());
        if (focused != session) {
            sessions.save(focused);
        }
        switch (pressed.action()) {
            case IMPLEMENT_NEXT -> implement(answer, focused, "");
            case IMPLEMENT_ALL -> implement(answer, focused, "all");
            case SHOW_PLAN -> plan(answer, project.get());
            case TASKS -> tasks(answer, project.get());
            case DOWNLOAD -> download(answer, project.get());
            case USE -> useProject(answer, session, pressed.projectId());
            case CANCEL -> cancelProjectJob(answer, project.get());
            case TEST -> startJob(answer, Job.Kind.TEST, project.get(), null, JobStep.TEST_RUN, "Running the tests…");
            case BUY -> throw new IllegalStateException("handled above");
        }
    }

    private void plan(Answer answer, StoreRecords.Project project) {
        answer.say("**" + Markdown.text(project.title()) + "** — architecture\n\n" + project.architecture());
        tasks(answer, project);
    }

    private void invoice(Answer answer, String packId) {
        if (billing.packs().stream().noneMatch(pack -> pack.id().equals(packId))) {
            answer.say("That pack is no longer sold. /buy shows the current ones.");
            return;
        }
        BillingRecords.Invoice invoice = billing.invoice(answer.command.userId(), packId);
        answer.send(Reply.invoice(answer.command.commandId() + "/invoice", answer.command.commandId(),
                answer.command.chatId(), new Reply.Invoice(invoice.title(), invoice.description(), invoice.payload(),
                        invoice.currency(), invoice.amount())));
    }

    // ------------------------------------------------------------------ helpers

    private interface ProjectAction {
        void run(StoreRecords.Project project);
    }

    /** Runs the action on the session's active project — re-read for this user, so it is theirs. */
    private void withProject(Answer answer, Session session, ProjectAction action) {
        if (session.activeProjectId() == null) {
            answer.say("No active project yet. Send me an idea to start one, or /projects to pick one.");
            return;
        }
        Optional<StoreRecords.Project> project = store.project(session.activeProjectId(), answer.command.userId());
        if (project.isEmpty()) {
            sessions.save(session.withActiveProject(null));
            answer.say("Your active project no longer exists. /projects lists yours.");
            return;
        }
        action.run(project.get());
    }


    private static String shorten(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }

    static String fileName(String title) {
        String name = title.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
        return name.isEmpty() ? "project" : shorten(name, 60);
    }
}
