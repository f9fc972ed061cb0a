package ai.devbot.simulator.llm;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import ai.devbot.simulator.SimulatorClient;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

@QuarkusTest
class OpenAiSimulatorTest {

    static final String PLAN_SYSTEM = "[devbot:plan] You are the Architect. Answer with the plan JSON.";

    @BeforeEach
    void clean() {
        SimulatorClient.reset();
    }

    static ValidatableResponse chat(String key, Map<String, ?> body) {
        var request = given().contentType(ContentType.JSON).body(body);
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        return request.when().post("/v1/chat/completions").then();
    }

    static Map<String, Object> planRequest(String idea) {
        return Map.of("model", "qwen/qwen3-coder", "messages", List.of(
                Map.of("role", "system", "content", PLAN_SYSTEM),
                Map.of("role", "user", "content", "Idea: " + idea)));
    }

    @Test
    void aPlanRequestGetsAValidPlanWithTokenUsageAndTheSimulatorMark() throws Exception {
        String content = chat("sk-or-test-1", planRequest("a habit tracker with reminders"))
                .statusCode(200)
                .header("X-Devbot-Simulator", "true")
                .body("object", equalTo("chat.completion"))
                .body("id", startsWith("chatcmpl-devbot-sim-"))
                .body("system_fingerprint", equalTo("devbot-simulator"))
                .body("model", equalTo("qwen/qwen3-coder"))
                .body("choices[0].finish_reason", equalTo("stop"))
                .body("choices[0].message.role", equalTo("assistant"))
                .body("usage.prompt_tokens", equalTo((int) TokenCounter.count(PLAN_SYSTEM + "\nIdea: a habit tracker with reminders")))
                .extract().path("choices[0].message.content");
        JsonNode plan = new ObjectMapper().readTree(content);
        assertEquals("Habit Tracker Reminders", plan.get("title").asText());
        assertEquals(4, plan.get("tasks").size());
        assertTrue(plan.get("architecture").asText().contains("Package: `habit_tracker_reminders`"));
        plan.get("tasks").forEach(task -> assertTrue(task.get("acceptanceCriteria").size() >= 1));
    }

    @Test
    void completionTokensAreCountedFromTheAnswer() {
        var response = chat("k", planRequest("todo list")).extract();
        String content = response.path("choices[0].message.content");
        int completion = response.path("usage.completion_tokens");
        int total = response.path("usage.total_tokens");
        int prompt = response.path("usage.prompt_tokens");
        assertEquals(TokenCounter.count(content), completion);
        assertEquals(prompt + completion, total);
    }

    @Test
    void contentPartsAreReadLikePlainContent() {
        chat("k", Map.of("model", "m", "messages", List.of(Map.of("role", "user", "content",
                List.of(Map.of("type", "text", "text", "[devbot:review] Review this change")))))).statusCode(200)
                .body("choices[0].message.content", containsString("\"approved\" : true"));
    }

    @Test
    void noKeyIsRefusedWithOpenAisErrorShape() {
        chat(null, planRequest("x")).statusCode(401)
                .body("error.type", equalTo("invalid_request_error"))
                .body("error.message", containsString("didn't provide an API key"));
    }

    @Test
    void malformedRequestsAreRefused() {
        given().header("Authorization", "Bearer k").contentType(ContentType.JSON).body("{not json")
                .when().post("/v1/chat/completions").then().statusCode(400).body("error.message", containsString("parse"));
        chat("k", Map.of("model", "m", "messages", List.of())).statusCode(400);
        chat("k", Map.of("messages", List.of(Map.of("role", "user", "content", "hi")))).statusCode(400)
                .body("error.message", containsString("model"));
    }

    @Test
    void aScriptedRateLimitAnswers429WithRetryAfterThenTheNextCallSucceeds() {
        scenario("""
                rules:
                  - name: busy
                    match: { provider: openai, operation: plan }
                    times: 1
                    respond: { fault: rate-limit, retryAfterSeconds: 7 }
                """);
        chat("k", planRequest("x")).statusCode(429).header("Retry-After", "7")
                .body("error.type", equalTo("rate_limit_exceeded"));
        chat("k", planRequest("x")).statusCode(200);
    }

    @Test
    void eachFaultKindHasItsProviderShape() {
        scenario("""
                rules:
                  - { match: { promptContains: "F-401" }, respond: { fault: unauthorized } }
                  - { match: { promptContains: "F-403" }, respond: { fault: forbidden } }
                  - { match: { promptContains: "F-500" }, respond: { fault: server-error } }
                  - { match: { promptContains: "F-MAL" }, respond: { fault: malformed-json } }
                  - { match: { promptContains: "F-CUT" }, respond: { fault: truncated } }
                  - { match: { promptContains: "F-SLOW" }, respond: { delayMs: 300 } }
                """);
        chat("k", user("[devbot:plan] F-401")).statusCode(401);
        chat("k", user("[devbot:plan] F-403")).statusCode(403).body("error.type", equalTo("invalid_request_error"));
        chat("k", user("[devbot:plan] F-500")).statusCode(500).body("error.type", equalTo("server_error"));
        String malformed = chat("k", user("[devbot:plan] F-MAL")).statusCode(200).extract().asString();
        assertThrows(Exception.class, () -> new ObjectMapper().readTree(malformed));
        chat("k", user("[devbot:plan] F-CUT")).statusCode(200).body("choices[0].finish_reason", equalTo("length"));
        chat("k", user("[devbot:plan] F-SLOW")).statusCode(200);
    }

    @Test
    void aRuleCanTargetOneKeySoAPoolCanRotate() {
        scenario("""
                rules:
                  - { match: { apiKey: "key-a" }, respond: { fault: rate-limit, retryAfterSeconds: 30 } }
                """);
        chat("key-a", planRequest("x")).statusCode(429);
        chat("key-b", planRequest("x")).statusCode(200);
    }

    @Test
    void streamingAnswersAsServerSentEventsEndingWithDone() {
        String events = chat("k", Map.of("model", "m", "stream", true, "stream_options", Map.of("include_usage", true),
                "messages", List.of(Map.of("role", "user", "content", "[devbot:review] ok?")))).statusCode(200)
                .extract().asString();
        assertTrue(events.startsWith("data: {"));
        assertTrue(events.contains("\"object\":\"chat.completion.chunk\""));
        assertTrue(events.contains("\"prompt_tokens\""));
        assertTrue(events.endsWith("data: [DONE]\n\n"));
    }

    static Map<String, Object> user(String text) {
        return Map.of("model", "m", "messages", List.of(Map.of("role", "user", "content", text)));
    }

    static void scenario(String yaml) {
        given().contentType("application/yaml").body(yaml.getBytes(java.nio.charset.StandardCharsets.UTF_8)).when().post("/sim/llm/scenarios").then().statusCode(200);
    }
}
