package ai.devbot.billing;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

@QuarkusTest
@TestProfile(ReadinessWithoutDependenciesTest.DatabaseAndBrokerUnreachable.class)
class ReadinessWithoutDependenciesTest {

    public static class DatabaseAndBrokerUnreachable implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "BILLING_DB_PORT", "1",
                    // Migrations need the database; this profile only proves what readiness says without it.
                    "quarkus.flyway.migrate-at-start", "false",
                    "kafka.bootstrap.servers", "127.0.0.1:1",
                    "devbot.health.kafka.timeout", "500ms");
        }
    }

    @Test
    void readinessAnswers503NamingPostgresAndKafkaWhileBothAreUnreachable() {
        given().when().get("/q/health/ready")
                .then().statusCode(503)
                .body("status", equalTo("DOWN"))
                .body("checks.findAll { it.status == 'DOWN' }.name",
                        hasItems("Reactive PostgreSQL connections health check", "Kafka broker"));
    }
}
