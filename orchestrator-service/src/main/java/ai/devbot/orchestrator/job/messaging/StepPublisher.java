package ai.devbot.orchestrator.job.messaging;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import ai.devbot.orchestrator.job.model.Job;
import ai.devbot.orchestrator.job.model.StepMessage;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;

/** Issues a job's current step on {@code orchestrator-steps}, waiting for Kafka's acknowledgement. */
@ApplicationScoped
public class StepPublisher {

    private static final Duration PUBLISH_TIMEOUT = Duration.ofSeconds(15);

    private final MutinyEmitter<String> out;
    private final ObjectMapper json;

    StepPublisher(@Channel("orchestrator-steps-out") MutinyEmitter<String> out, ObjectMapper json) {
        this.out = out;
        this.json = json;
    }

    public void issue(Job job) {
        String payload;
        try {
            payload = json.writeValueAsString(StepMessage.of(job));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        out.sendMessage(Message.of(payload).addMetadata(OutgoingKafkaRecordMetadata.<String>builder()
                .withKey(job.stepKey()).build())).await().atMost(PUBLISH_TIMEOUT);
    }
}
