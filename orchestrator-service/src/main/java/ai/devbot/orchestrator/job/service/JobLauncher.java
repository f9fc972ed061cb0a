package ai.devbot.orchestrator.job.service;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import ai.devbot.orchestrator.job.model.Job;
import ai.devbot.orchestrator.job.model.JobStep;
import ai.devbot.orchestrator.job.model.Work;
import ai.devbot.orchestrator.limits.UserLimits;
import ai.devbot.orchestrator.reply.Buttons;
import ai.devbot.orchestrator.reply.Markdown;
import ai.devbot.orchestrator.reply.Replies;
import ai.devbot.orchestrator.reply.Reply;
import ai.devbot.orchestrator.tier.ProjectTiers;
import ai.devbot.orchestrator.tier.Tiers;

/**
 * A job's beginning, in one place: the user's concurrent-job limit, the project's lock, the status
 * message its steps will edit, and the first step. Its end (lock released, final answer) is
 * {@link JobSteps}' FINISH. Job ids are {@code job-<commandId>}, so a command handled again after a
 * crash finds its job instead of starting another.
 */
@ApplicationScoped
public class JobLauncher {

    /** The command a job comes from. */
    public record Origin(String commandId, long chatId, Long threadId, long userId) {
    }

    /** Started, or refused with what to tell the user. */
    public record Launch(boolean started, String refusal, List<List<Reply.Button>> buttons) {
        static Launch ok() {
            return new Launch(true, null, null);
        }

        static Launch refused(String text, List<List<Reply.Button>> buttons) {
            return new Launch(false, text, buttons);
        }
    }

    private final JobStore jobs;
    private final JobRunner runner;
    private final Replies replies;
    private final UserLimits limits;
    private final ProjectTiers tiers;
    private final Tiers offered;

    JobLauncher(JobStore jobs, JobRunner runner, Replies replies, UserLimits limits, ProjectTiers tiers,
            Tiers offered) {
        this.jobs = jobs;
        this.runner = runner;
        this.replies = replies;
        this.limits = limits;
        this.tiers = tiers;
        this.offered = offered;
    }

    /** A job doing this work for the command; {@code projectId}/{@code projectTitle} null for a plan. */
    public static Job job(Origin origin, Work work, Long projectId, String projectTitle) {
        Job job = new Job("job-" + origin.commandId(), work);
        job.chatId = origin.chatId();
        job.threadId = origin.threadId();
        job.userId = origin.userId();
        job.commandId = origin.commandId();
        job.projectId = projectId;
        job.projectTitle = projectTitle;
        return job;
    }

    /** A launch is brief; the lease outlives a slow one (a Kafka publish waits up to 15 s) and a crash frees it. */
    private static final Duration LAUNCH_LEASE = Duration.ofSeconds(30);
    /** How long a command waits for another of the same user's launches before it says so. */
    private static final Duration LAUNCH_WAIT = Duration.ofSeconds(5);
    private static final long LEASE_POLL_MILLIS = 50;

    /** Begins the job unless a limit or the project's lock refuses it; one launch per user at a time. */
    public Launch launch(Job job, JobStep first, String statusText) {
        if (!awaitLaunchLease(job)) {
            return Launch.refused("Another of your commands is starting a job right now. Try again in a moment.",
                    null);
        }
        try {
            return launchHoldingLease(job, first, statusText);
        } finally {
            jobs.endLaunch(job.userId, job.id);
        }
    }

    private boolean awaitLaunchLease(Job job) {
        long deadline = System.nanoTime() + LAUNCH_WAIT.toNanos();
        while (!jobs.leaseLaunch(job.userId, job.id, LAUNCH_LEASE)) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            try {
                Thread.sleep(LEASE_POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    private Launch launchHoldingLease(Job job, JobStep first, String statusText) {
        // A job paused at a cap waits for its user and holds nothing: it does not keep the user from other work.
        List<Job> mine = jobs.runningOf(job.userId).stream().filter(other -> !other.id.equals(job.id))
                .filter(other -> !other.paused()).toList();
        if (mine.size() >= limits.concurrentJobs()) {
            return Launch.refused("You already have " + mine.size() + (mine.size() == 1 ? " job" : " jobs")
                    + " running (" + String.join("; ", mine.stream().map(JobSummaries::doingWithProject).toList())
                    + "), the most at once. Wait for one to finish, or /cancel it.", null);
        }
        if (job.projectId != null) {
            Optional<String> holder = jobs.lockProject(job.projectId, job.id);
            if (holder.isPresent()) {
                Optional<Job> holding = jobs.get(holder.get());
                if (holding.isPresent() && holding.get().paused()) {
                    return Launch.refused("**" + Markdown.text(job.projectTitle) + "** has a task paused at its cap: "
                            + "task " + holding.get().currentTask() + " waits for your choice. Answer it with the "
                            + "buttons under its message (*Stop* frees the project), or /cancel it.",
                            Buttons.running(job.projectId));
                }
                String doing = holding.map(JobSummaries::doing).orElse("another change to it");
                return Launch.refused("**" + Markdown.text(job.projectTitle) + "** is busy: " + doing
                        + ". Wait for it to finish, or /cancel it.", Buttons.running(job.projectId));
            }
        }
        // The project's tier when the job starts is the job's: a /model switch meanwhile changes the next job.
        if (job.projectId != null) {
            String chosen = tiers.of(job.projectId);
            // A tier operators have since removed would be refused by agent-service: such a project gets the default.
            boolean gone = chosen != null && !offered.all().isEmpty() && offered.find(chosen).isEmpty();
            job.tier = gone ? null : chosen;
        }
        // The status message first, so the job's edits have a message to edit.
        replies.send(job.threadId, Reply.status(job.commandId + "/status", job.commandId, job.chatId, job.id, statusText));
        runner.start(job, first);
        return Launch.ok();
    }
}
