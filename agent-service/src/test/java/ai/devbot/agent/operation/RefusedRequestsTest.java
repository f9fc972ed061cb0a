package ai.devbot.agent.operation;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import ai.devbot.testsupport.SimulatorResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * A request the provider refuses whatever the key — moderation, too long, no credit — fails that call
 * with words for its user and leaves every key in service: one user's prompt cannot disable the keys
 * (and take readiness down) for everyone. Without the distinction each of these disabled a key.
 */
@QuarkusTest
@TestProfile(RefusedRequestsTest.OwnApplication.class)
@QuarkusTestResource(value = SimulatorResource.class, initArgs = @ResourceArg(name = "urls",
        value = "agent.models.architect.base-url=/v1beta,agent.models.implementer.base-url=/v1"))
class RefusedRequestsTest {

    /** Key states live as long as the application: this class gets one of its own. */
    public static class OwnApplication implements QuarkusTestProfile {
    }

    static Map<String, Object> implement(String job, String title) {
        return Map.of("jobId", job, "userId", 42, "architecture", "Package: `x`",
                "task", Map.of("number", 1, "title", title));
    }

    static int asked() {
        return AgentApi.simulatorLog().size();
    }

    @Test
    void refusedRequestsFailAloneWithWordsForTheUserAndNoKeyIsDisabled() {
        for (var refusal : List.of(List.of("moderation", "moderation flagged this request"),
                List.of("context-too-long", "too long for the model"),
                List.of("credits-exhausted", "no credit left"))) {
            AgentApi.clearScripts();
            AgentApi.script("rules: [{match: {provider: openai, promptContains: 'Refused-" + refusal.get(0)
                    + "'}, respond: {fault: " + refusal.get(0) + "}}]");
            int before = asked();
            String error = AgentApi.call("implement", implement("job-" + refusal.get(0), "Refused-" + refusal.get(0)))
                    .statusCode(400).extract().jsonPath().getString("error");
            assertTrue(error.contains(refusal.get(1)), error);
            assertFalse(error.contains("simulated") || error.contains("openrouter-"), "our words only: " + error);
            assertEquals(before + 1, asked(), refusal.get(0) + ": not retried on the other keys");
            // Another user's next call goes through at once, on any key.
            AgentApi.call("implement", implement("job-next-" + refusal.get(0), "Skeleton")).statusCode(200);
        }
        String health = given().get("/q/health/ready").then().statusCode(200).extract().asString();
        assertTrue(health.lines().noneMatch(line -> line.contains("implementer.") && line.contains("disabled")), health);
        assertTrue(health.contains("\"implementer.status\": \"UP\""), health);
    }

    @Test
    void geminisInvalidKeyAnswerDisablesThatKeyOnlyAndReadinessStaysUpDegraded() {
        AgentApi.clearScripts();
        AgentApi.script("rules: [{match: {apiKey: test-gemini-key-2}, respond: {fault: invalid-key}}]");
        for (int i = 0; i < 3; i++) {
            AgentApi.call("plan", Map.of("jobId", "job-key-" + i, "userId", 42, "idea", "A timer")).statusCode(200);
        }
        String health = given().get("/q/health/ready").then().statusCode(200).extract().asString();
        assertTrue(health.contains("\"architect.gemini-2\": \"disabled (HTTP 400)\""), health);
        assertTrue(health.contains("\"architect.status\": \"DEGRADED (1 of 2 keys disabled)\""), health);
    }
}
