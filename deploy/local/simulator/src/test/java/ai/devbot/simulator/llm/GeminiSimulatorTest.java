package ai.devbot.simulator.llm;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import ai.devbot.simulator.SimulatorClient;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

@QuarkusTest
class GeminiSimulatorTest {

    private static final String SYSTEM = "[devbot:review] You are the Architect reviewing a change.";
    private static final String USER = "Task 2: Core model\nThe diff follows.";

    @BeforeEach
    void clean() {
        SimulatorClient.reset();
    }

    static ValidatableResponse generate(String model, String headerKey, Map<String, ?> body) {
        var request = given().contentType(ContentType.JSON).body(body);
        if (headerKey != null) {
            request.header("x-goog-api-key", headerKey);
        }
        return request.when().post("/v1beta/models/" + model + ":generateContent").then();
    }

    static Map<String, Object> review() {
        return Map.of(
                "systemInstruction", Map.of("parts", List.of(Map.of("text", SYSTEM))),
                "contents", List.of(Map.of("role", "user", "parts", List.of(Map.of("text", USER)))),
                "generationConfig", Map.of("temperature", 0.2, "maxOutputTokens", 2048, "responseMimeType", "application/json"));
    }

    @Test
    void generateContentAnswersWithCandidatesAndUsageMetadata() {
        var response = generate("gemini-2.5-flash", "AIza-test", review()).statusCode(200)
                .header("X-Devbot-Simulator", "true")
                .body("candidates[0].content.role", equalTo("model"))
                .body("candidates[0].finishReason", equalTo("STOP"))
                .body("candidates[0].content.parts[0].text", containsString("\"approved\" : true"))
                .body("modelVersion", equalTo("gemini-2.5-flash-devbot-simulator"))
                .extract();
        long prompt = TokenCounter.count(SYSTEM + "\n" + USER);
        assertEquals(prompt, ((Number) response.path("usageMetadata.promptTokenCount")).longValue());
        int candidates = response.path("usageMetadata.candidatesTokenCount");
        assertEquals(TokenCounter.count(response.path("candidates[0].content.parts[0].text")), candidates);
        assertEquals(prompt + candidates, ((Number) response.path("usageMetadata.totalTokenCount")).longValue());
    }

    @Test
    void theKeyMayComeAsAQueryParameter() {
        given().contentType(ContentType.JSON).body(review()).queryParam("key", "AIza-test")
                .when().post("/v1beta/models/gemini-2.5-pro:generateContent").then().statusCode(200);
    }

    @Test
    void aMissingKeyIsPermissionDenied() {
        generate("gemini-2.5-flash", null, review()).statusCode(403)
                .body("error.code", equalTo(403)).body("error.status", equalTo("PERMISSION_DENIED"));
    }

    @Test
    void onlyGenerateContentIsServed() {
        given().contentType(ContentType.JSON).header("x-goog-api-key", "k").body(review())
                .when().post("/v1beta/models/gemini-2.5-flash:embedContent").then().statusCode(404)
                .body("error.status", equalTo("NOT_FOUND"));
    }

    @Test
    void requestsWithoutContentsAreInvalid() {
        generate("gemini-2.5-flash", "k", Map.of("contents", List.of())).statusCode(400)
                .body("error.status", equalTo("INVALID_ARGUMENT"));
    }

    @Test
    void faultsUseGooglesErrorShape() {
        OpenAiSimulatorTest.scenario("""
                rules:
                  - { match: { provider: gemini }, times: 1, respond: { fault: rate-limit, retryAfterSeconds: 5 } }
                  - { match: { provider: gemini }, times: 1, respond: { fault: truncated } }
                """);
        generate("gemini-2.5-flash", "k", review()).statusCode(429).header("Retry-After", "5")
                .body("error.status", equalTo("RESOURCE_EXHAUSTED"));
        generate("gemini-2.5-flash", "k", review()).statusCode(200)
                .body("candidates[0].finishReason", equalTo("MAX_TOKENS"));
        generate("gemini-2.5-flash", "k", review()).statusCode(200)
                .body("candidates[0].finishReason", equalTo("STOP"));
    }
}
