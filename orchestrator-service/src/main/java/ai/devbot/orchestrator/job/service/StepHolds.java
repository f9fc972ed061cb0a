package ai.devbot.orchestrator.job.service;

import org.jboss.logging.Logger;

import ai.devbot.orchestrator.client.billing.Billing;
import ai.devbot.orchestrator.job.model.Job;

/**
 * A step's credit hold, the same for model calls and sandbox runs: taken under the step id before the work (refused:
 * nothing runs), closed after it whatever happened, releasing what the work did not use.
 */
final class StepHolds {

    private static final Logger LOG = Logger.getLogger(StepHolds.class);

    private StepHolds() {
    }

    static void take(Billing billing, Job job, long estimate) {
        var reservation = billing.reserve(job.stepId, job.userId, job.id, estimate);
        if (!reservation.held()) {
            throw new ModelSteps.InsufficientCredits(reservation.shortfall());
        }
    }

    static void close(Billing billing, Job job) {
        try {
            billing.close(job.stepId);
        } catch (RuntimeException e) {
            // It expires by itself (billing's sweep); the job goes on.
            LOG.warnf("reservation %s could not be closed now: %s", job.stepId, e.getMessage());
        }
    }
}
