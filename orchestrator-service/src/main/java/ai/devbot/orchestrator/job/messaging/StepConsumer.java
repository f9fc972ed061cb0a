package ai.devbot.orchestrator.job.messaging;

import java.util.concurrent.CompletionStage;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;

import ai.devbot.orchestrator.config.OrchestratorConfig;
import ai.devbot.orchestrator.job.model.StepMessage;
import ai.devbot.orchestrator.job.service.JobRunner;
import ai.devbot.orchestrator.support.InFlight;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Runs job steps from {@code orchestrator-steps}. Steps of different jobs run at once — up to
 * {@code orchestrator.jobs.max-steps-in-flight}, then records wait in Kafka — and no step holds a thread while it
 * waits for a model (docs/adr/0012-no-thread-per-wait.md); a job has one step in flight at a time. A record is
 * acknowledged only after its step finished (throttled strategy: the offset stays below the oldest unfinished
 * step), so a crash re-delivers it and {@link JobRunner} resumes there.
 */
@ApplicationScoped
public class StepConsumer {

    private static final Logger LOG = Logger.getLogger(StepConsumer.class);

    private final JobRunner runner;
    private final ObjectMapper json;
    private final InFlight inFlight;

    StepConsumer(JobRunner runner, ObjectMapper json, OrchestratorConfig config, MeterRegistry metrics) {
        this.runner = runner;
        this.json = json;
        this.inFlight = new InFlight(config.jobs().maxStepsInFlight());
        metrics.gauge("devbot.orchestrator.steps.in.flight", inFlight, InFlight::running);
    }

    /** Answers once the step has started: the next record comes while this one runs. */
    @Incoming("orchestrator-steps")
    public CompletionStage<Void> consume(Message<String> message) {
        StepMessage step;
        try {
            step = json.readValue(message.getPayload(), StepMessage.class);
        } catch (Exception e) {
            return message.nack(new IllegalArgumentException("not a step message: " + e.getMessage(), e));
        }
        if (step.stepId() == null || step.jobId() == null) {
            return message.nack(new IllegalArgumentException("a step message needs stepId and jobId"));
        }
        return inFlight.enter().thenRun(() -> runner.run(step).whenComplete((ignored, failure) -> {
            inFlight.leave();
            if (failure == null) {
                message.ack();
            } else {
                // The runner handles every expected failure; this is a bug or Redis/Kafka being down.
                // Not acknowledged: the step comes back after a restart, and the stall check re-issues it.
                LOG.errorf(failure, "step %s could not run", step.stepId());
                message.nack(failure);
            }
        }));
    }
}
