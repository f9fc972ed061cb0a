package ai.devbot.sandbox.run;

import static io.restassured.RestAssured.given;

import java.util.List;
import java.util.Map;

import ai.devbot.testsupport.PlatformCredentials;
import io.restassured.response.ValidatableResponse;

/** Calls to the sandbox's API as the orchestrator makes them (service user). */
final class SandboxApi {

    private SandboxApi() {
    }

    static ValidatableResponse run(Map<String, Object> request) {
        return given().auth().preemptive().basic("service", PlatformCredentials.servicePassword())
                .contentType("application/json").body(request).when().post("/api/v1/runs").then();
    }

    static ValidatableResponse runRaw(String body) {
        return given().auth().preemptive().basic("service", PlatformCredentials.servicePassword())
                .contentType("application/json").body(body).when().post("/api/v1/runs").then();
    }

    static ValidatableResponse get(String runId, long ownerId) {
        return given().auth().preemptive().basic("service", PlatformCredentials.servicePassword())
                .queryParam("ownerId", ownerId).when().get("/api/v1/runs/" + runId).then();
    }

    static Map<String, Object> request(String runId, long ownerId, long projectId, String... commands) {
        List<Map<String, Object>> specs = new java.util.ArrayList<>();
        for (int i = 0; i < commands.length; i++) {
            specs.add(Map.of("name", i == commands.length - 1 ? "check" : "setup-" + i, "command", commands[i]));
        }
        return Map.of("runId", runId, "ownerId", ownerId, "projectId", projectId, "commands", specs);
    }
}
