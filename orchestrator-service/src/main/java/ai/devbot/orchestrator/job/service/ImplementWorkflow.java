package ai.devbot.orchestrator.job.service;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import ai.devbot.orchestrator.client.agent.Agent;
import ai.devbot.orchestrator.client.agent.AgentFailure;
import ai.devbot.orchestrator.client.agent.AgentRecords;
import ai.devbot.orchestrator.client.agent.AgentRecords.Feedback;
import ai.devbot.orchestrator.client.projectstore.ProjectStore;
import ai.devbot.orchestrator.client.projectstore.StoreRecords;
import ai.devbot.orchestrator.client.sandbox.SandboxRecords;
import ai.devbot.orchestrator.config.OrchestratorConfig;
import ai.devbot.orchestrator.job.model.Choice;
import ai.devbot.orchestrator.job.model.Job;
import ai.devbot.orchestrator.job.model.JobStep;
import ai.devbot.orchestrator.job.model.Work;
import ai.devbot.orchestrator.reply.Buttons;
import ai.devbot.orchestrator.reply.Markdown;
import io.smallrye.mutiny.Uni;

/**
 * IMPLEMENT: each task of the queue is implemented, applied, checked in the sandbox and reviewed; a
 * failure goes back to the implementer with what went wrong, until the attempt or credit cap; there the task
 * pauses and the user chooses how it goes on (docs/adr/0008-durable-jobs.md).
 */
@ApplicationScoped
class ImplementWorkflow implements Workflow {

    private final OrchestratorConfig config;
    private final Agent agent;
    private final ProjectStore store;
    private final ModelSteps models;
    private final JobProgress progress;
    private final JobStore jobs;
    private final SandboxSteps sandbox;
    private final JobReads reads;
    private final TaskAttempts attempts;
    private final ReviewMaterial material;

    ImplementWorkflow(OrchestratorConfig config, Agent agent, ProjectStore store, ModelSteps models,
            JobProgress progress, JobStore jobs, SandboxSteps sandbox, JobReads reads, TaskAttempts attempts,
            ReviewMaterial material) {
        this.config = config;
        this.agent = agent;
        this.store = store;
        this.models = models;
        this.progress = progress;
        this.jobs = jobs;
        this.sandbox = sandbox;
        this.reads = reads;
        this.attempts = attempts;
        this.material = material;
    }

    @Override
    public Set<JobStep> steps() {
        return Set.of(JobStep.START_TASK, JobStep.IMPLEMENT, JobStep.APPLY, JobStep.CHECK, JobStep.REVIEW,
                JobStep.TASK_DONE, JobStep.TASK_FAILED, JobStep.TASK_PAUSED, JobStep.AWAIT_CHOICE);
    }

    @Override
    public Uni<JobStep> run(JobStep step, Job job) {
        return switch (step) {
            case START_TASK -> Workflow.next(startTask(job));
            case IMPLEMENT -> implement(job);
            case APPLY -> Workflow.next(apply(job));
            case CHECK -> check(job);
            case REVIEW -> review(job);
            case TASK_DONE -> Workflow.next(taskDone(job));
            case TASK_FAILED -> Workflow.next(taskFailed(job));
            case TASK_PAUSED -> Workflow.next(taskPaused(job));
            case AWAIT_CHOICE -> Workflow.next(chosen(job));
            default -> throw new IllegalArgumentException(step.name());
        };
    }

    private JobStep startTask(Job job) {
        StoreRecords.Task task = reads.task(job);
        job.work = work(job).started(task);
        store.updateTask(job.projectId, job.userId, task.number(),
                new StoreRecords.TaskUpdate("in_progress", null, null, null));
        progress.status(job, progress.taskLine(job) + " · " + Markdown.text(task.title()) + "\nimplementing…");
        return JobStep.IMPLEMENT;
    }

    private Uni<JobStep> implement(Job job) {
        if (attempts.overCap(job)) {
            return Workflow.next(attempts.pauseOverCap(job, JobStep.IMPLEMENT));
        }
        Work.Attempt attempt = attempt(job);
        StoreRecords.Task task = attempt.task();
        StoreRecords.Project project = reads.project(job);
        StoreRecords.Context context = store.context(job.projectId, job.userId,
                task.title() + "\n" + task.description(), config.jobs().contextBudgetTokens());
        progress.status(job, progress.taskLine(job) + " · " + Markdown.text(task.title()) + "\nimplementing…" + attempts.note(job));
        progress.typing(job);
        return models.call(job, "implement", config.jobs().estimate().implement(),
                callId -> new AgentRecords.ImplementRequest(job.id, job.userId,
                        job.projectId, task.forAgent(), project.architecture(), context.fileTree(),
                        context.chunks().stream().map(hit -> new AgentRecords.Chunk(hit.path(), hit.startLine(),
                                hit.content())).toList(), attempt.feedback(), callId, job.tier), agent::implement,
                AgentRecords.Implemented::usage)
                .map(implemented -> implemented(job, implemented))
                .onFailure(ImplementWorkflow::unusableAnswer).recoverWithItem(failure -> attempts.retryOrPause(job,
                        Feedback.of(Feedback.Kind.UNREADABLE, List.of(failure.getMessage())),
                        "the implementer's answers could not be read"));
    }

    private JobStep implemented(Job job, AgentRecords.Implemented implemented) {
        if (implemented.edits() == null || implemented.edits().isEmpty()) {
            return attempts.retryOrPause(job, Feedback.of(Feedback.Kind.NO_EDITS, List.of()),
                    "the implementer answered without any edits");
        }
        change(job, attempt(job).answered(implemented.edits(), implemented.explanation()));
        return JobStep.APPLY;
    }

    private JobStep apply(Job job) {
        Work.Attempt attempt = attempt(job);
        var outcome = store.apply(job.projectId, job.userId, new StoreRecords.Batch(job.stepId, job.currentTask(),
                attempt.number(), "implementer", attempt.edits()));
        if (outcome.applied() != null) {
            var applied = outcome.applied();
            List<String> paths = new ArrayList<>(applied.created());
            paths.addAll(applied.changed());
            paths.addAll(applied.deleted());
            change(job, attempt.applied(paths));
            job.lastNote = paths.size() + " files changed";
            return JobStep.CHECK;
        }
        job.lastNote = "edits did not apply: " + outcome.problems().size() + " problems";
        progress.outcome(job, progress.taskLine(job) + " · the edits did not apply; asking the implementer to fix them…");
        return attempts.retryOrPause(job, Feedback.of(Feedback.Kind.NOT_APPLIED, outcome.problems()),
                "its edits did not apply ("
                + Markdown.text(TaskAttempts.first(outcome.problems())) + ")");
    }

    /**
     * Runs the project's checks on the applied change. The run id is the step id: a re-delivered step reads the
     * first run's result instead of running the commands again. A project without checks goes straight to review.
     */
    private Uni<JobStep> check(Job job) {
        StoreRecords.Project project = reads.project(job);
        AgentRecords.Checks checks = project.checks();
        if (!config.jobs().runChecks() || checks == null || checks.check() == null || checks.check().isBlank()) {
            change(job, attempt(job).checked(null));
            return Workflow.next(JobStep.REVIEW);
        }
        if (attempts.overCap(job)) {
            return Workflow.next(attempts.pauseOverCap(job, JobStep.CHECK));
        }
        StoreRecords.Task task = attempt(job).task();
        progress.status(job, progress.taskLine(job) + " · " + Markdown.text(task.title()) + "\nrunning tests…" + attempts.note(job));
        return sandbox.runChecks(job, checks).map(run -> checked(job, checks, task, run));
    }

    private JobStep checked(Job job, AgentRecords.Checks checks, StoreRecords.Task task, SandboxRecords.RunResult run) {
        String line = CheckReports.headline(run);
        change(job, attempt(job).checked(line));
        jobs.lastChecks(job.projectId, CheckReports.statusLine(run, "task " + job.currentTask()));
        if (run.passed()) {
            job.lastNote = "checks: " + line;
            progress.status(job, progress.taskLine(job) + " · " + Markdown.text(task.title()) + "\n" + line);
            return JobStep.REVIEW;
        }
        if (run.error()) {
            job.failure = "Task #" + job.currentTask() + ": the checks could not run (" + Markdown.text(run.reason()) + ").";
            return JobStep.TASK_FAILED;
        }
        job.lastNote = "checks failed: " + line;
        progress.outcome(job, progress.taskLine(job) + " · tests failed (" + line
                + "); asking the implementer to fix them…");
        return attempts.retryOrPause(job, CheckReports.feedback(checks, run),
                "its checks did not pass (" + Markdown.text(CheckReports.reason(run)) + ")");
    }

    private Uni<JobStep> review(Job job) {
        if (attempts.overCap(job)) {
            return Workflow.next(attempts.pauseOverCap(job, JobStep.REVIEW));
        }
        Work.Attempt attempt = attempt(job);
        StoreRecords.Task task = attempt.task();
        progress.status(job, progress.taskLine(job) + " · " + Markdown.text(task.title()) + "\nreviewing…" + attempts.note(job));
        progress.typing(job);
        ReviewMaterial.Files files = material.files(job, attempt);
        return models.call(job, "review", config.jobs().estimate().review(),
                callId -> new AgentRecords.ReviewRequest(job.id, job.userId, job.projectId, task.forAgent(),
                        attempt.explanation(), attempt.edits(), attempt.checks(), files.shown(), files.leftOut(),
                        callId, job.tier), agent::review,
                AgentRecords.Reviewed::usage)
                .map(reviewed -> reviewed(job, reviewed))
                .onFailure(ImplementWorkflow::unusableAnswer).recoverWithItem(failure -> attempts.retryOrPause(job,
                        null, "the review could not be read"));
    }

    private JobStep reviewed(Job job, AgentRecords.Reviewed reviewed) {
        if (reviewed.review().approved()) {
            job.lastNote = "approved: " + reviewed.review().summary();
            return JobStep.TASK_DONE;
        }
        job.lastNote = "rejected: " + String.join("; ", reviewed.review().problems());
        progress.outcome(job, progress.taskLine(job) + " · the review asked for changes; implementing them…");
        return attempts.retryOrPause(job, Feedback.of(Feedback.Kind.REJECTED, reviewed.review().problems()),
                "the review did not approve it ("
                + Markdown.text(TaskAttempts.first(reviewed.review().problems())) + ")");
    }

    private JobStep taskDone(Job job) {
        Work.Attempt attempt = attempt(job);
        StoreRecords.Task task = attempt.task();
        store.updateTask(job.projectId, job.userId, task.number(), new StoreRecords.TaskUpdate("done", attempt.number(),
                null, Texts.summary(attempt.explanation())));
        String done = "✓ " + progress.taskLine(job) + " done · " + Markdown.text(task.title()) + " · "
                + attempt.files().size() + " files changed" + (attempt.checks() == null ? "" : " · " + attempt.checks())
                + " · " + Markdown.credits(attempt.spent());
        progress.outcome(job, done);
        progress.taskDone(job, task.number(), done);
        job.work = work(job).taskDone();
        return job.currentTask() == null ? JobStep.FINISH : JobStep.START_TASK;
    }

    private JobStep taskFailed(Job job) {
        store.updateTask(job.projectId, job.userId, job.currentTask(), new StoreRecords.TaskUpdate("failed",
                attempts.recorded(job), job.failure, null));
        job.work = work(job).taskFailed();
        job.ending = Job.State.FAILED;
        return JobStep.FINISH;
    }

    /** The cap was reached: the user hears why and what each way on costs; the job then waits, holding nothing. */
    private JobStep taskPaused(Job job) {
        Work.Attempt attempt = attempt(job);
        Integer following = work(job).following();
        progress.outcome(job, "⏸ " + progress.taskLine(job) + " paused · " + Markdown.text(attempt.task().title())
                + " · waiting for your choice");
        progress.paused(job, PauseMessage.text(attempt, following, attempts.pauseExpiry()),
                Buttons.paused(job.projectId, job.currentTask(), attempt.pause().extraCredits(), following != null));
        job.lastNote = "paused: " + attempt.pause().reason();
        return JobStep.AWAIT_CHOICE;
    }

    /** The user's choice at the pause (or its expiry); without one the job goes on waiting. */
    private JobStep chosen(Job job) {
        Optional<Choice> choice = jobs.choice(job.id, job.stepId);
        if (choice.isEmpty()) {
            job.lastNote = "issued without a choice; still waiting";
            return JobStep.AWAIT_CHOICE;
        }
        job.lastNote = "chose " + choice.get();
        return switch (choice.get()) {
            case TRY_AGAIN -> {
                JobStep resumeAt = attempt(job).pause().resumeAt();
                attempts.allowOneMore(job);
                yield resumeAt;
            }
            case UNDO -> undo(job);
            case SKIP -> skip(job);
            case STOP -> JobStep.TASK_FAILED;
            case EXPIRED -> {
                job.failure = "Nobody answered within " + PauseMessage.hours(attempts.pauseExpiry())
                        + ", so I stopped. " + job.failure;
                yield JobStep.TASK_FAILED;
            }
        };
    }

    /** "Undo this task": what it changed is taken back, it is on the to-do list again, and the job stops. */
    private JobStep undo(Job job) {
        int task = job.currentTask();
        ProjectStore.Rollback rollback = store.rollback(job.projectId, job.userId, task);
        store.updateTask(job.projectId, job.userId, task, new StoreRecords.TaskUpdate("todo", null, null, null));
        String undone = rollback.applied() != null
                ? "its changes are undone (" + JobSummaries.restored(rollback.applied()) + ")"
                : "nothing of it needed undoing (" + Markdown.text(rollback.refusal()) + ")";
        progress.outcome(job, "↶ Task #" + task + " · " + undone + "; it is on the to-do list again.");
        job.failure = null;
        job.work = work(job).with(attempt(job).paused(null));
        job.ending = Job.State.CANCELLED;
        return JobStep.FINISH;
    }

    /** "Skip it": the task stays failed with its changes (/undo takes them back) and the job goes on. */
    private JobStep skip(Job job) {
        store.updateTask(job.projectId, job.userId, job.currentTask(), new StoreRecords.TaskUpdate("failed",
                attempts.recorded(job), job.failure, null));
        progress.outcome(job, "↷ Task #" + job.currentTask() + " skipped · left failed with its changes (`/undo "
                + job.currentTask() + "` takes them back)");
        job.failure = null;
        job.work = work(job).taskSkipped();
        return job.currentTask() == null ? JobStep.FINISH : JobStep.START_TASK;
    }

    private static Work.Implement work(Job job) {
        return job.work(Work.Implement.class);
    }

    private static Work.Attempt attempt(Job job) {
        Work.Attempt attempt = work(job).attempt();
        if (attempt == null) {
            throw new IllegalStateException("job " + job.id + " is between tasks at " + job.step);
        }
        return attempt;
    }

    private static void change(Job job, Work.Attempt changed) {
        job.work = work(job).with(changed);
    }

    /** The model said something unusable: another attempt may do better (a provider failure ends the job). */
    private static boolean unusableAnswer(Throwable failure) {
        return failure instanceof AgentFailure agentFailure && agentFailure.unusableAnswer();
    }
}
