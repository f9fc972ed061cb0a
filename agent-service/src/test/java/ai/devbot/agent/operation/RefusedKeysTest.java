package ai.devbot.agent.operation;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
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

/** Keys the provider refuses: disabled for good, the call goes on with another, and with none left it fails fast. */
@QuarkusTest
@TestProfile(RefusedKeysTest.OwnApplication.class)
@QuarkusTestResource(value = SimulatorResource.class, initArgs = @ResourceArg(name = "urls",
        value = "agent.models.architect.base-url=/v1beta,agent.models.implementer.base-url=/v1"))
class RefusedKeysTest {

    /** Disabled keys stay disabled for the application's life: this class gets an application of its own. */
    public static class OwnApplication implements QuarkusTestProfile {
    }




    /** Only this rule: earlier tests' rules would otherwise answer first. */
    static void scriptAlone(String yaml) {
        AgentApi.clearScripts();
        AgentApi.script(yaml);
    }

    @Test
    void aRefusedKeyIsDisabledShownOnHealthAndTheCallGoesOnWithAnother() {
        scriptAlone("rules: [{match: {apiKey: test-gemini-key-1}, respond: {fault: unauthorized}}]");
        AgentApi.call("plan", Map.of("jobId", "job-401", "userId", 42, "idea", "A timer")).statusCode(200);
        AgentApi.call("plan", Map.of("jobId", "job-401b", "userId", 42, "idea", "A clock")).statusCode(200);
        List<Map<String, Object>> asked = AgentApi.simulatorLog();
        assertEquals(List.of(401, 200, 200), asked.stream().map(r -> ((Number) r.get("status")).intValue()).toList(),
                "the refused key was not tried again");
        // Readiness may be DOWN if the other test already refused every implementer key; the entry is what counts.
        String health = given().get("/q/health/ready").then().extract().asString();
        assertTrue(health.contains("\"architect.gemini-1\": \"disabled (HTTP 401)\""), health);
    }

    @Test
    void withEveryKeyRefusedCallsFailFastWithAClearErrorAndReadinessSaysSo() {
        scriptAlone("rules: [{match: {provider: openai}, respond: {fault: forbidden}}]");
        Map<String, Object> implement = Map.of("jobId", "job-403", "userId", 42, "architecture", "Package: `x`",
                "task", Map.of("number", 1, "title", "Skeleton"));
        String error = AgentApi.call("implement", implement).statusCode(503).extract().jsonPath().getString("error");
        assertTrue(error.contains("no usable openrouter API key") && error.contains("2 of 2 keys disabled"), error);
        int asked = AgentApi.simulatorLog().size();
        AgentApi.call("implement", implement).statusCode(503);
        assertEquals(asked, AgentApi.simulatorLog().size(), "no request left the service once no key was usable");
        String health = given().get("/q/health/ready").then().statusCode(503).extract().asString();
        assertTrue(health.contains("NO USABLE KEY"), health);
    }
}
