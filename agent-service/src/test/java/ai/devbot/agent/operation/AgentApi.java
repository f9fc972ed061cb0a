package ai.devbot.agent.operation;

import static io.restassured.RestAssured.given;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import ai.devbot.testsupport.PlatformCredentials;
import ai.devbot.testsupport.SimulatorResource;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

/** What the agent's tests do over and over: call an operation, script the LLM simulator, read what it was asked. */
final class AgentApi {

    private AgentApi() {
    }

    /** {@code body}: a map sent as JSON, or a string sent as it is. */
    static ValidatableResponse call(String operation, Object body) {
        return given().auth().preemptive().basic("service", PlatformCredentials.servicePassword())
                .contentType(ContentType.JSON).body(body).post("/api/v1/" + operation).then();
    }

    static void clearScripts() {
        given().baseUri(SimulatorResource.url()).delete("/sim/llm/scenarios").then().statusCode(204);
    }

    static void script(String yaml) {
        given().baseUri(SimulatorResource.url()).contentType("application/yaml")
                .body(yaml.getBytes(StandardCharsets.UTF_8)).post("/sim/llm/scenarios").then().statusCode(200);
    }

    static List<Map<String, Object>> simulatorLog() {
        return given().baseUri(SimulatorResource.url()).get("/sim/llm/requests").then().statusCode(200).extract()
                .jsonPath().getList("$");
    }
}
