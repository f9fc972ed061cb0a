package ai.devbot.orchestrator.job.service;

import jakarta.enterprise.context.ApplicationScoped;

import ai.devbot.orchestrator.client.agent.AgentRecords;
import ai.devbot.orchestrator.client.billing.Billing;
import ai.devbot.orchestrator.client.billing.BillingRecords;
import ai.devbot.orchestrator.client.sandbox.Sandbox;
import ai.devbot.orchestrator.client.sandbox.SandboxRecords;
import ai.devbot.orchestrator.config.OrchestratorConfig;
import ai.devbot.orchestrator.job.model.Job;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;

/**
 * Runs a project's checks for a job the way money requires, like a model call: credits are reserved before the
 * run (refused → nothing runs), the run's sandbox time is charged by its usage event id (billing charges an id
 * once, from here or from sandbox-service's own event on Kafka), and the reservation is closed. No thread
 * waits while the commands run (docs/adr/0012-no-thread-per-wait.md). The step id is
 * the reservation id and the sandbox's run id, so a re-delivered step runs and charges nothing twice.
 */
@ApplicationScoped
public class SandboxSteps {

    private final Billing billing;
    private final Sandbox sandbox;
    private final long estimate;

    SandboxSteps(Billing billing, Sandbox sandbox, OrchestratorConfig config) {
        this.billing = billing;
        this.sandbox = sandbox;
        this.estimate = config.jobs().estimate().check();
    }

    /** Holds the run's credits (on the calling worker), runs it without a thread waiting, charges its time. */
    Uni<SandboxRecords.RunResult> runChecks(Job job, AgentRecords.Checks checks) {
        StepHolds.take(billing, job, estimate);
        return Uni.createFrom().deferred(() -> sandbox.run(new SandboxRecords.RunRequest(Sandbox.runIdOf(job.stepId),
                job.userId, job.projectId, job.id, Sandbox.commands(checks.setup(), checks.check()))))
                .emitOn(Infrastructure.getDefaultWorkerPool())
                .invoke(run -> charge(job, run.usage()))
                .eventually(() -> StepHolds.close(billing, job));
    }

    private void charge(Job job, SandboxRecords.Usage usage) {
        if (usage != null) {
            job.charged(billing.charge(new BillingRecords.Usage(usage.eventId(), job.userId, job.id, job.projectId,
                    "CHECK", usage.provider(), usage.model(), "sandbox", usage.millis(), 0, false, true,
                    usage.occurredAt(), job.currentTask())));
        }
    }
}
