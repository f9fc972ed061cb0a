package ai.devbot.agent.operation;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import ai.devbot.testsupport.PlatformCredentials;
import ai.devbot.testsupport.SimulatorResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;

/** Keys the provider refuses: disabled for good, the call goes on with another, and with none left it fails fast. */
@QuarkusTest
@TestProfile(RefusedKeysTest.OwnApplication.class)
@QuarkusTestResource(value = SimulatorResource.class, initArgs = @ResourceArg(name = "urls",
        value = "agent.models.architect.base-url=/v1beta,agent.models.implementer.base-url=/v1"))
class RefusedKeysTest {

    /** Disabled keys stay disabled for the application's life: this class gets an application of its own. */
    public static class OwnApplication implements QuarkusTestProfile {
    }

    static void script(String yaml) {
        given().baseUri(SimulatorResource.url()).delete("/sim/llm/scenarios").then().statusCode(204);
        given().baseUri(SimulatorResource.url()).contentType("application/yaml")
                .body(yaml.getBytes(StandardCharsets.UTF_8)).post("/sim/llm/scenarios").then().statusCode(200);
    }

    static List<Map<String, Object>> simulatorLog() {
        return given().baseUri(SimulatorResource.url()).get("/sim/llm/requests").then().extract().jsonPath().getList("$");
    }

    static io.restassured.response.ValidatableResponse call(String operation, Map<String, Object> body) {
        return given().auth().preemptive().basic("service", PlatformCredentials.servicePassword())
                .contentType(ContentType.JSON).body(body).post("/api/v1/" + operation).then();
    }

    @Test
    void aRefusedKeyIsDisabledShownOnHealthAndTheCallGoesOnWithAnother() {
        script("rules: [{match: {apiKey: test-gemini-key-1}, respond: {fault: unauthorized}}]");
        call("plan", Map.of("jobId", "job-401", "userId", 42, "idea", "A timer")).statusCode(200);
        call("plan", Map.of("jobId", "job-401b", "userId", 42, "idea", "A clock")).statusCode(200);
        List<Map<String, Object>> asked = simulatorLog();
        assertEquals(List.of(401, 200, 200), asked.stream().map(r -> ((Number) r.get("status")).intValue()).toList(),
                "the refused key was not tried again");
        // Readiness may be DOWN if the other test already refused every implementer key; the entry is what counts.
        String health = given().get("/q/health/ready").then().extract().asString();
        assertTrue(health.contains("\"architect.gemini-1\": \"disabled (HTTP 401)\""), health);
    }

    @Test
    void withEveryKeyRefusedCallsFailFastWithAClearErrorAndReadinessSaysSo() {
        script("rules: [{match: {provider: openai}, respond: {fault: forbidden}}]");
        Map<String, Object> implement = Map.of("jobId", "job-403", "userId", 42, "architecture", "Package: `x`",
                "task", Map.of("number", 1, "title", "Skeleton"));
        String error = call("implement", implement).statusCode(503).extract().jsonPath().getString("error");
        assertTrue(error.contains("no usable openrouter API key") && error.contains("2 of 2 keys disabled"), error);
        int asked = simulatorLog().size();
        call("implement", implement).statusCode(503);
        assertEquals(asked, simulatorLog().size(), "no request left the service once no key was usable");
        String health = given().get("/q/health/ready").then().statusCode(503).extract().asString();
        assertTrue(health.contains("NO USABLE KEY"), health);
    }
}
