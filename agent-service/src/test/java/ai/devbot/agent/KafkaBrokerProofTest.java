package ai.devbot.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import ai.devbot.testsupport.KafkaRoundTrip;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class KafkaBrokerProofTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Test
    void aUsageRecordKeyedByUserIdIsAcknowledgedAndReadBack() throws Exception {
        var received = KafkaRoundTrip.sendAndReceive(bootstrapServers, "user-7", "{\"inputTokens\":12}");
        assertEquals("user-7", received.key());
        assertEquals("{\"inputTokens\":12}", received.value());
    }
}
