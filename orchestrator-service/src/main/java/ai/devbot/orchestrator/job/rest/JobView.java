package ai.devbot.orchestrator.job.rest;

import java.time.Instant;
import java.util.List;

import ai.devbot.orchestrator.job.model.Job;
import ai.devbot.orchestrator.job.model.JobStep;
import ai.devbot.orchestrator.job.model.Work;

/**
 * What operators see of a job: where it stands, what it cost, every finished step — never what the user wrote
 * (the idea, the change request) nor what a model wrote (edits, plans, the README).
 */
public record JobView(String id, Job.Kind kind, Job.State state, JobStep step, String stepId, long userId, long chatId,
        Long projectId, String tier, long spent, boolean simulated, String failure, Tasks tasks,
        List<Job.StepRecord> history, Instant createdAt, Instant updatedAt) {

    /**
     * IMPLEMENT only: the queue, where the job is in it, the current task's attempt, the tasks skipped at their cap,
     * and while the job waits for its user at a cap, until when.
     */
    public record Tasks(List<Integer> queue, Integer current, int attempt, long currentTaskSpent, List<Integer> done,
            Integer failed, List<Integer> skipped, int filesChanged, Instant pausedUntil) {
    }

    static JobView of(Job job) {
        Tasks tasks = null;
        if (job.work instanceof Work.Implement work) {
            tasks = new Tasks(work.queue(), work.number(), job.attempt(),
                    work.attempt() == null ? 0 : work.attempt().spent(), work.done(), work.failedTask(), work.skipped(),
                    work.changedFiles().size(), job.pause() == null ? null : job.pause().expiresAt());
        }
        return new JobView(job.id, job.kind(), job.state(), job.step, job.stepId, job.userId, job.chatId,
                job.projectId, job.tier, job.spent, job.simulated, job.failure, tasks, job.history, job.createdAt,
                job.updatedAt);
    }
}
