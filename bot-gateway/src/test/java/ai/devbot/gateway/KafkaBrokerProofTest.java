package ai.devbot.gateway;

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
    void aRecordKeyedByChatIdIsAcknowledgedByAllReplicasAndReadBack() throws Exception {
        var received = KafkaRoundTrip.sendAndReceive(bootstrapServers, "chat-42", "{\"text\":\"/start\"}");
        assertEquals("chat-42", received.key());
        assertEquals("{\"text\":\"/start\"}", received.value());
    }
}
