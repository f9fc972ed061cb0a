package ai.devbot.orchestrator.job.messaging;

import java.util.concurrent.CompletionStage;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;

import ai.devbot.orchestrator.job.model.StepMessage;
import ai.devbot.orchestrator.job.service.JobRunner;
import io.smallrye.reactive.messaging.annotations.Blocking;

/**
 * Runs job steps from {@code orchestrator-steps}. Steps of different jobs run concurrently on the
 * {@code job-steps} worker pool (a long model call never holds up other users); a job has one step
 * in flight at a time. The offset is committed only after the step finished (throttled strategy),
 * so a crash re-delivers it and {@link JobRunner} resumes there.
 */
@ApplicationScoped
public class StepConsumer {

    private static final Logger LOG = Logger.getLogger(StepConsumer.class);

    private final JobRunner runner;
    private final ObjectMapper json;

    StepConsumer(JobRunner runner, ObjectMapper json) {
        this.runner = runner;
        this.json = json;
    }

    @Incoming("orchestrator-steps")
    @Blocking(value = "job-steps", ordered = false)
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
        try {
            runner.run(step);
        } catch (RuntimeException e) {
            // The runner handles every expected failure; this is a bug or Redis/Kafka being down.
            // Not acknowledged: the step comes back after a restart, and the stall check re-issues it.
            LOG.errorf(e, "step %s could not run", step.stepId());
            return message.nack(e);
        }
        return message.ack();
    }
}
