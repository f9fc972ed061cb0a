package ai.devbot.platform.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;

import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.Test;

class KafkaBrokerReadinessCheckTest {

    /** The broker 'devbot infra up' runs; CI and developers' machines both have it. */
    private static final String LOCAL_BROKER = System.getenv().getOrDefault("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:59092");
    private static final KafkaReadinessConfig HALF_A_SECOND = () -> Duration.ofMillis(500);
    /** A first admin call bootstraps metadata; on a loaded CI machine that alone can take over 500 ms. */
    private static final KafkaReadinessConfig TEN_SECONDS = () -> Duration.ofSeconds(10);

    @Test
    void reportsUpWithTheBrokerNodesWhenTheBrokerAnswers() {
        var check = new KafkaBrokerReadinessCheck(Map.of("bootstrap.servers", LOCAL_BROKER), TEN_SECONDS);
        try {
            HealthCheckResponse response = check.call();
            assertEquals(HealthCheckResponse.Status.UP, response.getStatus());
            assertTrue(response.getData().orElseThrow().get("nodes").toString().contains("127.0.0.1"));
        } finally {
            check.close();
        }
    }

    @Test
    void reportsDownInsteadOfHangingWhenNoBrokerListens() {
        // Port 1 on loopback: connection refused, as when the broker is stopped.
        var check = new KafkaBrokerReadinessCheck(
                Map.of("bootstrap.servers", "127.0.0.1:1", "unknown.setting", "ignored"), HALF_A_SECOND);
        try {
            HealthCheckResponse response = assertTimeoutPreemptively(Duration.ofSeconds(15), check::call);
            assertEquals(HealthCheckResponse.Status.DOWN, response.getStatus());
            assertTrue(response.getData().orElseThrow().get("reason").toString().startsWith("broker unreachable"));
        } finally {
            check.close();
        }
    }
}
