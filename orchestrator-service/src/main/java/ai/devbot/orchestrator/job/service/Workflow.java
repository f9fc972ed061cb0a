package ai.devbot.orchestrator.job.service;

import java.util.Set;

import ai.devbot.orchestrator.job.model.Job;
import ai.devbot.orchestrator.job.model.JobStep;

/**
 * The steps of one kind of job. Every effect is keyed by the step or job id (reservation and call ids,
 * creationKey, appendId, batchId, reply ids), so running a step twice changes nothing twice.
 */
interface Workflow {

    /** The steps this workflow runs. */
    Set<JobStep> steps();

    /** Runs one of its steps; answers the next step (FINISH once the job's work is over). */
    JobStep run(JobStep step, Job job);
}
