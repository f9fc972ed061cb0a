package ai.devbot.orchestrator.job.service;

import java.util.Set;

import ai.devbot.orchestrator.job.model.Job;
import ai.devbot.orchestrator.job.model.JobStep;
import io.smallrye.mutiny.Uni;

/**
 * The steps of one kind of job. Every effect is keyed by the step or job id (reservation and call ids,
 * creationKey, appendId, batchId, reply ids), so running a step twice changes nothing twice. A step is
 * started on a worker thread and may block there; a step that waits for a model or a sandbox run answers a
 * {@link Uni} that no thread waits on (docs/adr/0012-no-thread-per-wait.md).
 */
interface Workflow {

    /** The steps this workflow runs. */
    Set<JobStep> steps();

    /** Runs one of its steps; answers the next step (FINISH once the job's work is over). */
    Uni<JobStep> run(JobStep step, Job job);

    /** A step that did its work on the calling thread. */
    static Uni<JobStep> next(JobStep step) {
        return Uni.createFrom().item(step);
    }
}
