package ai.devbot.orchestrator.job.service;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import ai.devbot.orchestrator.job.messaging.StepPublisher;
import ai.devbot.orchestrator.job.model.Choice;
import ai.devbot.orchestrator.job.model.Job;

/**
 * The user's answer to a task paused at its cap: recorded once for the pause it answers, then the waiting step is
 * issued and the job goes on where the workflow's choice leads. Nothing runs for a paused job until then.
 */
@ApplicationScoped
public class PausedJobs {

    public enum Outcome {
        /** Recorded; the job acts on it now. */
        CHOSEN,
        /** This pause was answered already (a second press, another button). */
        ALREADY_CHOSEN,
        /** No job of this user waits on that task of the project (it went on, ended, or is someone else's). */
        NOT_WAITING
    }

    private final JobStore jobs;
    private final StepPublisher steps;

    public PausedJobs(JobStore jobs, StepPublisher steps) {
        this.jobs = jobs;
        this.steps = steps;
    }

    /** The job of the user waiting at that task of the project, if there is one. */
    public Optional<Job> waitingAt(long userId, long projectId, int task) {
        return jobs.projectJob(projectId).flatMap(jobs::get)
                .filter(job -> job.userId == userId && job.paused() && Integer.valueOf(task).equals(job.currentTask()));
    }

    public Outcome choose(long userId, long projectId, int task, Choice choice) {
        Optional<Job> waiting = waitingAt(userId, projectId, task);
        if (waiting.isEmpty()) {
            return Outcome.NOT_WAITING;
        }
        Job job = waiting.get();
        if (!jobs.choose(job.id, job.stepId, choice)) {
            return Outcome.ALREADY_CHOSEN;
        }
        wake(job);
        return Outcome.CHOSEN;
    }

    /** /cancel: a running job sees the request at its next step; a paused one has none coming, so it is issued. */
    public void cancel(Job job) {
        jobs.requestCancel(job.id);
        if (job.paused()) {
            wake(job);
        }
    }

    /**
     * Issues the waiting step. The job is not saved here: only its steps write it (a save from here could undo a
     * step that ran meanwhile); a lost message is issued again by the stall check, which sees the recorded choice.
     */
    private void wake(Job job) {
        steps.issue(job);
    }
}
