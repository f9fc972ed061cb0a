package ai.devbot.orchestrator.conversation.service;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import ai.devbot.orchestrator.client.projectstore.ProjectStore;
import ai.devbot.orchestrator.client.projectstore.StoreRecords;
import ai.devbot.orchestrator.job.model.Job;
import ai.devbot.orchestrator.job.model.JobStep;
import ai.devbot.orchestrator.job.model.Work;
import ai.devbot.orchestrator.job.service.JobLauncher;
import ai.devbot.orchestrator.job.service.JobStore;
import ai.devbot.orchestrator.job.service.JobSummaries;
import ai.devbot.orchestrator.job.service.PausedJobs;
import ai.devbot.orchestrator.quote.Quote;
import ai.devbot.orchestrator.quote.Quotes;
import ai.devbot.orchestrator.reply.Buttons;
import ai.devbot.orchestrator.reply.Markdown;
import ai.devbot.orchestrator.session.Session;
import ai.devbot.orchestrator.session.SessionStore;
import ai.devbot.orchestrator.settings.SettingsStore;
import ai.devbot.orchestrator.tier.ProjectTiers;

/** What starts or stops work: /newproject and ideas, /implement, /readme, /test, change requests, /cancel. */
@ApplicationScoped
class JobCommands implements CommandFamily {

    private static final int MAX_IDEA = 4_000;

    private final SessionStore sessions;
    private final ProjectStore store;
    private final JobStore jobs;
    private final JobLauncher launcher;
    private final ActiveProject active;
    private final Quotes quotes;
    private final SettingsStore settings;
    private final PausedJobs paused;
    private final ProjectTiers projectTiers;

    JobCommands(SessionStore sessions, ProjectStore store, JobStore jobs, JobLauncher launcher, ActiveProject active,
            Quotes quotes, SettingsStore settings, PausedJobs paused, ProjectTiers projectTiers) {
        this.sessions = sessions;
        this.store = store;
        this.jobs = jobs;
        this.launcher = launcher;
        this.active = active;
        this.quotes = quotes;
        this.settings = settings;
        this.paused = paused;
        this.projectTiers = projectTiers;
    }

    @Override
    public Set<String> commands() {
        return Set.of("newproject", "implement", "readme", "test", "cancel");
    }

    @Override
    public void run(String command, Answer answer, Session session, String args) {
        switch (command) {
            case "newproject" -> newProject(answer, session, args);
            case "implement" -> implement(answer, session, args);
            case "readme" -> active.with(answer, session, project -> start(answer, new Work.Readme(null), project,
                    JobStep.README, "Writing the README…"));
            case "test" -> active.with(answer, session, project -> test(answer, project));
            case "cancel" -> cancel(answer, session);
            default -> throw new IllegalArgumentException(command);
        }
    }

    /** A message that is not a command: the idea being waited for, a first idea, or a change request. */
    void text(Answer answer, Session session, String text) {
        if (text.isEmpty()) {
            answer.say("Send me an idea for a new project, or /help for the commands.");
            return;
        }
        if (session.awaitingIdea() || session.activeProjectId() == null) {
            newProject(answer, session, text);
            return;
        }
        active.with(answer, session, project -> {
            if (text.length() > MAX_IDEA) {
                answer.say("That change request is " + text.length() + " characters; please keep it under " + MAX_IDEA
                        + ".");
                return;
            }
            start(answer, new Work.Extend(text, null, null), project, JobStep.EXTEND,
                    "Turning your change request into tasks for **" + Markdown.text(project.title()) + "**…");
        });
    }

    /** /implement and its buttons: quoted first; above the user's auto-start threshold it waits for Start. */
    void implement(Answer answer, Session session, String args) {
        implement(answer, session, args, false);
    }

    /** "Start" under a quote: the quoted work, confirmed (the tasks are read again: they may have changed). */
    void startImplementing(Answer answer, Session session, String args) {
        implement(answer, session, args, true);
    }

    private void implement(Answer answer, Session session, String args, boolean confirmed) {
        active.with(answer, session, project -> {
            Optional<List<Integer>> queue = queue(answer, project, args);
            if (queue.isEmpty()) {
                return;
            }
            List<Integer> tasks = queue.get();
            Optional<Quote> quote = quotes.tryFor(answer.userId(), tasks.size(), projectTiers.of(project.id()));
            String what = tasks.size() == 1 ? "task " + tasks.get(0) : tasks.size() + " tasks";
            if (!confirmed && quote.isPresent() && quote.get().high() > settings.autoStartBelow(answer.userId())) {
                answer.say("**" + Markdown.text(project.title()) + "** · " + what + "\n" + quote.get().line()
                        + "\nNothing is spent until you press *Start*. (/settings changes when I ask.)",
                        Buttons.startQuoted(project.id(), args.equals("next") ? "" : args.replace("#", "")));
                return;
            }
            Job job = JobLauncher.job(answer.origin(), Work.Implement.of(tasks), project.id(), project.title());
            String status = tasks.size() == 1 ? "Starting task " + tasks.get(0) + "…"
                    : "Implementing " + tasks.size() + " tasks, one by one…";
            answer.tell(launcher.launch(job, JobStep.START_TASK,
                    status + quote.map(estimate -> "\n" + estimate.line()).orElse("")));
        });
    }

    /** The tasks the arguments name (the next open one, all open ones, or one by number), or empty after saying why. */
    private Optional<List<Integer>> queue(Answer answer, StoreRecords.Project project, String args) {
        List<StoreRecords.Task> tasks = store.tasks(project.id(), answer.userId());
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
                answer.say("There is no task " + number + " in **" + Markdown.text(project.title()) + "** (it has "
                        + tasks.size() + "). /tasks shows them.");
                return Optional.empty();
            }
            queue = List.of(number);
        } else {
            answer.say("Use /implement (the next task), `/implement 4` (task 4) or `/implement all`.");
            return Optional.empty();
        }
        if (queue.isEmpty()) {
            answer.say("Every task of **" + Markdown.text(project.title()) + "** is done. Describe a change to add "
                    + "tasks, or /download the code.", Buttons.afterWork(project.id(), false));
            return Optional.empty();
        }
        return Optional.of(queue);
    }

    void test(Answer answer, StoreRecords.Project project) {
        start(answer, new Work.Test(null), project, JobStep.TEST_RUN, "Running the tests…");
    }

    void cancelProjectJob(Answer answer, StoreRecords.Project project) {
        Optional<Job> running = jobs.projectJob(project.id()).flatMap(jobs::get).filter(job -> !job.finished());
        if (running.isEmpty()) {
            answer.say("Nothing is running on **" + Markdown.text(project.title()) + "**.");
            return;
        }
        paused.cancel(running.get());
        answer.say("Stopping " + JobSummaries.doing(running.get())
                + " after its current step; credits held for it are released.");
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
        start(answer, new Work.Plan(idea, null), null, JobStep.PLAN, "Planning your project… the architect is writing "
                + "the plan, the tech stack and the task list.");
    }

    /** Stops the active project's job, or else the newest job of the user in this chat (a plan has no project yet). */
    private void cancel(Answer answer, Session session) {
        Optional<Job> projectJob = Optional.ofNullable(session.activeProjectId()).flatMap(jobs::projectJob)
                .flatMap(jobs::get).filter(job -> !job.finished() && job.userId == answer.userId());
        Optional<Job> target = projectJob.or(() -> jobs.runningOf(answer.userId()).stream()
                .filter(job -> job.chatId == answer.command.chatId()).reduce((older, newer) -> newer));
        if (target.isEmpty()) {
            answer.say("Nothing is running for you here.");
            return;
        }
        paused.cancel(target.get());
        answer.say("Stopping " + JobSummaries.doingWithProject(target.get())
                + " after its current step; credits held for it are released.");
    }

    private void start(Answer answer, Work work, StoreRecords.Project project, JobStep first, String statusText) {
        Job job = JobLauncher.job(answer.origin(), work, project == null ? null : project.id(),
                project == null ? null : project.title());
        answer.tell(launcher.launch(job, first, statusText));
    }
}
