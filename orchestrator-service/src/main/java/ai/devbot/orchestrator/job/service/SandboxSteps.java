package ai.devbot.orchestrator.job.service;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import ai.devbot.orchestrator.client.agent.AgentRecords;
import ai.devbot.orchestrator.client.billing.Billing;
import ai.devbot.orchestrator.client.billing.BillingRecords;
import ai.devbot.orchestrator.client.sandbox.Sandbox;
import ai.devbot.orchestrator.client.sandbox.SandboxRecords;
import ai.devbot.orchestrator.config.OrchestratorConfig;
import ai.devbot.orchestrator.job.model.Job;

/**
 * Runs a project's checks for a job the way money requires, like a model call: credits are reserved before the
 * run (refused → nothing runs), the run's sandbox time is charged by its usage event id (billing charges an id
 * once, from here or from sandbox-service's own event on Kafka), and the reservation is closed. The step id is
 * the reservation id and the sandbox's run id, so a re-delivered step runs and charges nothing twice.
 */
@ApplicationScoped
public class SandboxSteps {

    private static final Logger LOG = Logger.getLogger(SandboxSteps.class);

    private final Billing billing;
    private final Sandbox sandbox;
    private final long estimate;

    SandboxSteps(Billing billing, Sandbox sandbox, OrchestratorConfig config) {
        this.billing = billing;
        this.sandbox = sandbox;
        this.estimate = config.jobs().estimate().check();
    }

    SandboxRecords.RunResult runChecks(Job job, AgentRecords.Checks checks) {
        var reservation = billing.reserve(job.stepId, job.userId, job.id, estimate);
        if (!reservation.held()) {
            throw new ModelSteps.InsufficientCredits(reservation.shortfall());
        }
        try {
            SandboxRecords.RunResult run = sandbox.run(new SandboxRecords.RunRequest(Sandbox.runIdOf(job.stepId),
                    job.userId, job.projectId, job.id, Sandbox.commands(checks.setup(), checks.check())));
            job.sandboxMillis += run.sandboxMillis();
            SandboxRecords.Usage usage = run.usage();
            if (usage != null) {
                long cost = billing.charge(new BillingRecords.Usage(usage.eventId(), job.userId, job.id, job.projectId,
                        "CHECK", usage.provider(), usage.model(), "sandbox", usage.millis(), 0, false, true,
                        usage.occurredAt()));
                job.spent += cost;
                job.taskSpent += cost;
            }
            return run;
        } finally {
            try {
                billing.close(job.stepId);
            } catch (RuntimeException e) {
                // It expires by itself (billing's sweep); the job goes on.
                LOG.warnf("reservation %s could not be closed now: %s", job.stepId, e.getMessage());
            }
        }
    }
}
