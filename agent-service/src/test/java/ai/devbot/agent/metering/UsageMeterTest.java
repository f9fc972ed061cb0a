package ai.devbot.agent.metering;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/** Narrow checks of publishing with Kafka's own MockProducer; OperationsTest reads real events off a real broker. */
class UsageMeterTest {

    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule());
    private static final ModelCall CALL = new ModelCall("gemini", "gemini-2.5-flash", "gemini-1", 1200, 340, false, true,
            true, null);

    private final MockProducer<String, String> kafka = new MockProducer<>(false, null, new StringSerializer(),
            new StringSerializer());
    private final SimpleMeterRegistry metrics = new SimpleMeterRegistry();
    private final UsageMeter meter = new UsageMeter(() -> kafka, "billing-usage", JSON, metrics);

    @Test
    void anOperationGoesOnWhileItsUsageEventIsStillOnItsWayToKafka() throws Exception {
        {
            CallScope scope = CallScope.of("review", "job-1", 7, 17L, "step-3");
            meter.record(scope, CALL);
            assertEquals(1, scope.calls().size());
            assertEquals("step-3#1", scope.calls().get(0).eventId(), "the caller gets the id billing charges once");
        }
        assertEquals(1, kafka.history().size(), "published, not yet acknowledged");
        var record = kafka.history().get(0);
        assertEquals("7", record.key());
        JsonNode event = JSON.readTree(record.value());
        assertEquals("step-3#1", event.get("eventId").asText());
        assertEquals(17, event.get("projectId").asLong());
        assertEquals(1200, event.get("inputTokens").asLong());
        assertTrue(kafka.completeNext());
        assertEquals(0, metrics.counter("devbot.agent.usage.unpublished").count());
    }

    @Test
    void anEventKafkaRefusesIsCountedForOperators() {
        {
            CallScope scope = CallScope.of("plan", "job-2", 7, null, null);
            meter.record(scope, CALL);
        }
        assertTrue(kafka.errorNext(new IllegalStateException("broker refused")));
        assertEquals(1, metrics.counter("devbot.agent.usage.unpublished").count());
    }

    @Test
    void aProducerThatThrowsDoesNotFailTheOperationThatPaidForTheCall() {
        kafka.close();
        {
            CallScope scope = CallScope.of("implement", "job-3", 7, 17L, "step-4");
            meter.record(scope, CALL);
            assertEquals("step-4#1", scope.calls().get(0).eventId(), "the usage still reaches the caller");
        }
        assertEquals(1, metrics.counter("devbot.agent.usage.unpublished").count());
    }
}
