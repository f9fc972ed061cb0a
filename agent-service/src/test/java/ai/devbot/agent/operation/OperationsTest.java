package ai.devbot.agent.operation;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import ai.devbot.testsupport.SimulatorResource;
import ai.devbot.testsupport.TopicReader;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/** Every operation over real HTTP against the simulator's Gemini and OpenAI protocols, metered on real Kafka. */
@QuarkusTest
@QuarkusTestResource(value = SimulatorResource.class, initArgs = @ResourceArg(name = "urls",
        value = "agent.models.architect.base-url=/v1beta,agent.models.implementer.base-url=/v1,"
                + "agent.models.implementer-economy.base-url=/v1,agent.models.architect-strong.base-url=/v1beta,"
                + "agent.models.implementer-strong.base-url=/v1"))
class OperationsTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final List<String> KEYS = List.of("test-gemini-key-1", "test-gemini-key-2", "test-openrouter-key-1",
            "test-openrouter-key-2");
    static TopicReader usage;

    String jobId;
    long userId;

    @BeforeAll
    static void readUsageAndCaptureLogs() {
        usage = new TopicReader(ConfigProvider.getConfig().getOptionalValue("kafka.bootstrap.servers", String.class)
                .orElse("127.0.0.1:59092"), "test-agent-billing-usage");
    }

    @AfterAll
    static void noKeyWasEverLogged() throws java.io.IOException {
        usage.close();
        // The test profile also writes the application's log to this file (DEBUG for our code).
        List<String> logLines = java.nio.file.Files.readAllLines(java.nio.file.Path.of("target", "quarkus-test.log"));
        for (String line : logLines) {
            for (String key : KEYS) {
                assertFalse(line.contains(key), "a key reached the log: " + line);
            }
        }
        assertFalse(logLines.isEmpty(), "logs were captured");
    }

    @BeforeEach
    void freshJobAndNoScripts() {
        jobId = "job-" + UUID.randomUUID();
        userId = 6_000_000_000L + (long) (Math.random() * 1e9);
        AgentApi.clearScripts();
    }



    Map<String, Object> job(Map<String, Object> fields) {
        var body = new java.util.HashMap<String, Object>(Map.of("jobId", jobId, "userId", userId, "projectId", 17L));
        body.putAll(fields);
        return body;
    }

    static final Map<String, Object> TASK = Map.of("number", 1, "title", "Project skeleton with a CLI entry point",
            "description", "Create the package and a main().", "acceptanceCriteria", List.of("python -m wordcount runs"));

    List<JsonNode> usageEvents(int count) {
        return usage.await(r -> r.value().contains(jobId), count, Duration.ofSeconds(20)).stream().map(OperationsTest::json).toList();
    }

    static JsonNode json(ConsumerRecord<String, String> record) {
        try {
            return JSON.readTree(record.value());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void eachOperationsTokenBoundsCoverTwoAnsweredCallsAtTheModelsCap() {
        var limits = given().auth().preemptive().basic("service", ai.devbot.testsupport.PlatformCredentials.servicePassword())
                .get("/api/v1/limits").then().statusCode(200).extract().jsonPath();
        assertEquals(List.of("extend", "implement", "onboard", "plan", "readme", "review"), limits.getList("operation"));
        assertEquals("gemini", limits.getString("find { it.operation == 'plan' }.provider"));
        assertEquals("openrouter", limits.getString("find { it.operation == 'implement' }.provider"));
        long cap = ConfigProvider.getConfig().getValue("agent.models.architect.max-tokens", Long.class);
        assertEquals(2 * cap, limits.getLong("find { it.operation == 'plan' }.maxOutputTokens"),
                "two answered calls at max-tokens");
        long fixed = limits.getLong("find { it.operation == 'plan' }.fixedInputTokens");
        assertTrue(fixed > cap + 2 * 1000, "the prompts twice and the correction: " + fixed);
        assertEquals(2, limits.getInt("find { it.operation == 'review' }.inputTokensPerRequestByte"));
        given().get("/api/v1/limits").then().statusCode(401);
    }

    @Test
    void planOverGeminiIsValidatedAndMeteredWithTheProvidersTokenCounts() {
        JsonPath plan = AgentApi.call("plan", job(Map.of("idea", "A CLI that counts words in text files"))).statusCode(200)
                .extract().jsonPath();
        assertEquals(4, plan.getList("plan.tasks").size());
        assertFalse(plan.getString("plan.architecture").isBlank());
        assertEquals(1, plan.getList("usage.calls").size());
        assertTrue(plan.getBoolean("usage.simulated"));
        assertEquals("gemini", plan.getString("usage.calls[0].provider"));

        Map<String, Object> asked = AgentApi.simulatorLog().get(0);
        JsonNode event = usageEvents(1).get(0);
        assertEquals(((Number) asked.get("promptTokens")).longValue(), event.get("inputTokens").asLong());
        assertEquals(((Number) asked.get("completionTokens")).longValue(), event.get("outputTokens").asLong());
        assertEquals(plan.getLong("usage.inputTokens"), event.get("inputTokens").asLong());
        assertFalse(event.get("estimated").asBoolean());
        assertTrue(event.get("succeeded").asBoolean());
        assertEquals(userId, event.get("userId").asLong());
        assertEquals(17, event.get("projectId").asLong());
        assertMatchesTheContract(event);
        assertEquals("plan", event.get("operation").asText());
        assertTrue(event.get("keyAlias").asText().startsWith("gemini-"));
        assertEquals(Long.toString(userId), usage.await(r -> r.value().contains(jobId), 1, Duration.ofSeconds(5)).get(0).key());
    }

    /** billing reads these events (docs/contracts/billing-usage): every field of the example, each of its JSON type. */
    static void assertMatchesTheContract(JsonNode event) {
        JsonNode example;
        try {
            example = JSON.readTree(java.nio.file.Path.of("..", "docs", "contracts", "billing-usage", "usage.json").toFile());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        example.fieldNames().forEachRemaining(field -> {
            assertTrue(event.has(field), "the event has " + field + ": " + event);
            assertEquals(example.get(field).getNodeType(), event.get(field).getNodeType(), field + "'s JSON type");
        });
    }

    @Test
    void aRepeatedRequestWithTheSameCallIdIsMeteredUnderTheSameEventIds() {
        Map<String, Object> request = job(Map.of("idea", "A CLI that counts words", "callId", jobId + "/PLAN"));
        JsonPath first = AgentApi.call("plan", request).statusCode(200).extract().jsonPath();
        JsonPath again = AgentApi.call("plan", request).statusCode(200).extract().jsonPath();

        assertEquals(jobId + "/PLAN#1", first.getString("usage.calls[0].eventId"));
        assertEquals(first.getString("usage.calls[0].eventId"), again.getString("usage.calls[0].eventId"));
        List<String> published = usageEvents(2).stream().map(event -> event.get("eventId").asText()).toList();
        assertEquals(List.of(jobId + "/PLAN#1", jobId + "/PLAN#1"), published);
        // Without a call id every call is its own event.
        JsonPath unnamed = AgentApi.call("plan", job(Map.of("idea", "A CLI that counts words"))).statusCode(200)
                .extract().jsonPath();
        assertNotEquals(first.getString("usage.calls[0].eventId"), unnamed.getString("usage.calls[0].eventId"));
    }

    @Test
    void implementOverOpenAiReturnsTypedEditsAndTheExplanation() {
        JsonPath result = AgentApi.call("implement", job(Map.of("task", TASK, "architecture",
                "# Word counter\n\nPackage: `wordcount`\n", "fileTree", List.of(), "context", List.of())))
                .statusCode(200).extract().jsonPath();
        assertFalse(result.getList("edits").isEmpty());
        assertEquals("replace", result.getString("edits[0].kind"));
        assertTrue(result.getList("edits.path", String.class).contains("src/wordcount/main.py"), result.prettify());
        assertTrue(result.getString("explanation").contains("task 1"), result.getString("explanation"));
        assertEquals("search_replace", result.getString("editFormat"));
        assertEquals("openrouter", result.getString("usage.calls[0].provider"));
        assertTrue(usageEvents(1).get(0).get("keyAlias").asText().startsWith("openrouter-"));
    }

    @Test
    void aTierCallsItsOwnModelsWithTheEditFormatThatSuitsThemAndAnUnknownOneIsRefused() {
        var tiers = given().auth().preemptive().basic("service", ai.devbot.testsupport.PlatformCredentials.servicePassword())
                .get("/api/v1/tiers").then().statusCode(200).extract().jsonPath();
        assertEquals(List.of("economy", "standard", "strong"), tiers.getList("name"));
        assertEquals(List.of(false, true, false), tiers.getList("isDefault"));
        assertEquals("qwen/qwen-2.5-coder-32b-instruct", tiers.getString("find { it.name == 'economy' }.implementer.model"));
        assertEquals("whole-file", tiers.getString("find { it.name == 'economy' }.editFormat"),
                "Qwen2.5-Coder writes whole files best");
        assertEquals("search-replace", tiers.getString("find { it.name == 'strong' }.editFormat"));

        JsonPath economy = AgentApi.call("implement", job(Map.of("task", TASK, "architecture", "Package: `wordcount`\n",
                "fileTree", List.of(), "context", List.of(), "tier", "economy"))).statusCode(200).extract().jsonPath();
        assertEquals("whole_file", economy.getString("editFormat"));
        assertEquals("qwen/qwen-2.5-coder-32b-instruct", economy.getString("usage.calls[0].model"));
        AgentApi.call("review", job(Map.of("task", TASK, "change", "x", "files", "x", "tier", "strong"))).statusCode(200);
        List<Object> asked = AgentApi.simulatorLog().stream().map(call -> call.get("model")).toList();
        assertEquals(List.of("qwen/qwen-2.5-coder-32b-instruct", "gemini-2.5-pro"), asked);
        assertEquals("gemini-2.5-pro", given().auth().preemptive().basic("service",
                ai.devbot.testsupport.PlatformCredentials.servicePassword()).queryParam("tier", "strong")
                .get("/api/v1/limits").then().statusCode(200).extract().jsonPath()
                .getString("find { it.operation == 'review' }.model"));

        AgentApi.clearScripts();
        AgentApi.call("plan", job(Map.of("idea", "x", "tier", "platinum"))).statusCode(400)
                .body("error", containsString("tier must be one of [economy, standard, strong]"));
        assertEquals(List.of(), AgentApi.simulatorLog(), "no model was called for the unknown tier");
    }

    @Test
    void reviewExtendAndReadmeAnswerInTheirShapes() {
        JsonPath review = AgentApi.call("review", job(Map.of("task", TASK, "change", "wordcount/__main__.py\n+print('hi')",
                "files", "wordcount/__main__.py"))).statusCode(200).extract().jsonPath();
        assertTrue(review.getBoolean("review.approved"));
        JsonPath extend = AgentApi.call("extend", job(Map.of("plan", Map.of("title", "Word counter", "tasks", List.of("Skeleton")),
                "changeRequest", "Also export the counts as CSV"))).statusCode(200).extract().jsonPath();
        assertFalse(extend.getList("tasks").isEmpty());
        JsonPath readme = AgentApi.call("readme", job(Map.of("title", "Word counter", "architecture", "# Word counter",
                "tasks", List.of("Skeleton"), "fileTree", List.of("wordcount/__main__.py")))).statusCode(200)
                .extract().jsonPath();
        assertTrue(readme.getString("markdown").startsWith("#"), readme.getString("markdown"));
        assertEquals(3, usageEvents(3).size());
    }

    @Test
    void anImportedProjectIsOnboardedFromItsTreeAndFilesAndTheOperationIsBilledLikeTheOthers() {
        JsonPath onboarded = AgentApi.call("onboard", job(Map.of("title", "tips", "fileTree",
                List.of("src/tips.py", "tests/test_tips.py"), "files", List.of(Map.of("path", "src/tips.py",
                        "content", "def tip(x): return x * 0.15"))))).statusCode(200).extract().jsonPath();

        assertEquals("tips", onboarded.getString("onboarding.title"));
        assertEquals("python3 -m pytest -q", onboarded.getString("onboarding.checks.check"));
        assertEquals("gemini", onboarded.getString("usage.calls[0].provider"));
        String prompt = AgentApi.simulatorLog().get(AgentApi.simulatorLog().size() - 1).toString();
        assertTrue(prompt.contains("onboard"), prompt);

        AgentApi.call("onboard", job(Map.of("title", "tips", "fileTree", List.of()))).statusCode(400)
                .body("error", org.hamcrest.Matchers.containsString("fileTree is required"));
        AgentApi.call("onboard", job(Map.of("title", "tips", "fileTree", List.of("a.py"), "files",
                List.of(Map.of("path", "a.py", "content", "x".repeat(200_001)))))).statusCode(400)
                .body("error", org.hamcrest.Matchers.containsString("send fewer files"));
    }

    /**
     * Users' ideas, tasks and code are full of braces. They must reach the model as written: an AI
     * service that takes a value as a template fails on them ("Key x not found") or rewrites them.
     */
    @Test
    void textThatLooksLikeATemplateReachesTheModelAsWritten() {
        String written = "print(f\"{x}\") {{it}} {#if user}{/if} {system}";
        for (String operation : List.of("plan", "review", "implement")) {
            AgentApi.script("rules: [{match: {operation: " + operation + ", promptContains: '" + written
                    + "'}, times: 1, respond: {delayMs: 1, usage: {inputTokens: 4242}}}]");
            Map<String, Object> fields = switch (operation) {
                case "plan" -> Map.of("idea", written);
                case "review" -> Map.of("task", TASK, "change", written);
                default -> Map.of("task", TASK, "architecture", written);
            };
            JsonPath result = AgentApi.call(operation, job(fields)).statusCode(200).extract().jsonPath();
            assertEquals(4242, result.getInt("usage.calls[0].inputTokens"),
                    operation + ": the prompt did not carry the text as written");
            AgentApi.clearScripts();
        }
    }

    @Test
    void aMalformedPlanIsRetriedOnceWithTheProblemAndBothCallsAreBilled() {
        AgentApi.script("rules: [{match: {operation: plan}, times: 1, respond: {fault: malformed-json}}]");
        JsonPath plan = AgentApi.call("plan", job(Map.of("idea", "A todo list"))).statusCode(200).extract().jsonPath();
        assertEquals(2, plan.getList("usage.calls").size());
        assertEquals(2, usageEvents(2).size());
    }

    @Test
    void twoUnusableAnswersAreAClearFailureWithTheirUsage() {
        AgentApi.script("rules: [{match: {operation: plan}, times: 2, respond: {fault: truncated}}]");
        JsonPath failure = AgentApi.call("plan", job(Map.of("idea", "A todo list"))).statusCode(422).extract().jsonPath();
        assertTrue(failure.getString("error").contains("unusable twice"), failure.getString("error"));
        assertEquals(2, failure.getList("usage.calls").size());
        assertEquals(2, usageEvents(2).size());
    }

    @Test
    void aTruncatedImplementationIsRetriedWithTheParseProblem() {
        AgentApi.script("rules: [{match: {operation: implement}, times: 1, respond: {fault: truncated}}]");
        JsonPath result = AgentApi.call("implement", job(Map.of("task", TASK, "architecture", "Package: `wordcount`")))
                .statusCode(200).extract().jsonPath();
        assertEquals(2, result.getList("usage.calls").size());
        assertFalse(result.getList("edits").isEmpty());
    }

    @Test
    void aRateLimitedKeyRestsAndTheCallGoesOnWithTheNextKey() {
        AgentApi.script("rules: [{match: {provider: gemini, operation: plan}, times: 1, respond: {fault: rate-limit, retryAfterSeconds: 1}}]");
        JsonPath plan = AgentApi.call("plan", job(Map.of("idea", "A timer"))).statusCode(200).extract().jsonPath();
        List<Map<String, Object>> asked = AgentApi.simulatorLog();
        assertEquals(2, asked.size());
        assertEquals(429, ((Number) asked.get(0).get("status")).intValue());
        assertNotEquals(asked.get(0).get("keyAlias"), asked.get(1).get("keyAlias"), "the retry used the other key");
        assertEquals(List.of(false, true), plan.getList("usage.calls.succeeded"));
        List<JsonNode> events = usageEvents(2);
        assertEquals(0, events.get(0).get("inputTokens").asLong(), "a refused call spent no tokens");
        assertFalse(events.get(0).get("succeeded").asBoolean());
        assertNotEquals(events.get(0).get("keyAlias").asText(), events.get(1).get("keyAlias").asText());
    }

    /** The orchestrator sends what went wrong and the change as data; the prompts word them for the model. */
    @Test
    void structuredFeedbackAndChangesAreWordedByThePrompts() {
        Map<String, Object> rejected = Map.of("kind", "REJECTED", "problems", List.of("the total is not shown"));
        Map<String, Object> checksFailed = Map.of("kind", "CHECKS_FAILED", "problems", List.of(), "checks", Map.of(
                "command", "python3 -m pytest -q", "summary", "✗ 1 of 3 failed", "failedStep", "check",
                "failures", List.of(Map.of("name", "test_total", "message", "assert 3 == 4")),
                "stdoutTail", "FAILED test_total", "stderrTail", ""));
        Map<String, Map<String, Object>> cases = Map.of(
                "- the total is not shown", Map.of("task", TASK, "architecture", "a", "feedback", rejected),
                "Failing tests:\n- test_total: assert 3 == 4", Map.of("task", TASK, "architecture", "a",
                        "feedback", checksFailed));
        for (var expected : cases.entrySet()) {
            AgentApi.script("rules: [{match: {operation: implement, promptContains: " + json(expected.getKey())
                    + "}, times: 1, respond: {delayMs: 1, usage: {inputTokens: 4343}}}]");
            assertEquals(4343, AgentApi.call("implement", job(expected.getValue())).statusCode(200).extract()
                    .jsonPath().getInt("usage.calls[0].inputTokens"), expected.getKey());
            AgentApi.clearScripts();
        }
        AgentApi.script("rules: [{match: {operation: review, promptContains: " + json("app.py\n<<<<<<< SEARCH\nx = 0\n"
                + "=======\nx = 1\n>>>>>>> REPLACE\n\nThe project's checks after the change: ✓ 5 passed\n\nThe files "
                + "after the change:\napp.py:\n```\nx = 1\n```\nold.py: (deleted)\n") + "}, times: 1, "
                + "respond: {delayMs: 1, usage: {inputTokens: 4444}}}]");
        JsonPath review = AgentApi.call("review", job(Map.of("task", TASK, "explanation", "Set x.", "edits",
                List.of(Map.of("kind", "replace", "path", "app.py", "search", "x = 0", "replace", "x = 1")),
                "checks", "✓ 5 passed", "changedFiles", List.of(Map.of("path", "app.py", "content", "x = 1"),
                        Map.of("path", "old.py", "deleted", true)), "filesLeftOut", 0)))
                .statusCode(200).extract().jsonPath();
        assertEquals(4444, review.getInt("usage.calls[0].inputTokens"), "the review prompt renders the edits and files");
        AgentApi.clearScripts();
    }

    @Test
    void malformedFeedbackOrChangesAre400WithWhatToFix() {
        AgentApi.call("implement", job(Map.of("task", TASK, "architecture", "a", "feedback", Map.of("problems",
                List.of("x"))))).statusCode(400).body("error", containsString("feedback.kind is required"));
        AgentApi.call("implement", job(Map.of("task", TASK, "architecture", "a", "feedback", Map.of("kind", "BORED"))))
                .statusCode(400);
        AgentApi.call("implement", job(Map.of("task", TASK, "architecture", "a", "feedback",
                Map.of("kind", "CHECKS_FAILED")))).statusCode(400)
                .body("error", containsString("feedback.checks is required"));
        AgentApi.call("review", job(Map.of("task", TASK))).statusCode(400)
                .body("error", containsString("edits is required"));
        AgentApi.call("review", job(Map.of("task", TASK, "edits", List.of(Map.of("kind", "chmod", "path", "a")))))
                .statusCode(400).body("error", containsString("edits[].kind must be one of"));
        AgentApi.call("review", job(Map.of("task", TASK, "edits", List.of(Map.of("kind", "write", "path", "a",
                "content", "x".repeat(200_001)))))).statusCode(400).body("error", containsString("send fewer files"));
        assertEquals(List.of(), AgentApi.simulatorLog(), "no model was called for a bad request");
    }

    private static String json(String text) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(text);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void invalidRequestsAre400AndCallersNeedCredentials() {
        AgentApi.call("plan", job(Map.of("idea", " "))).statusCode(400);
        AgentApi.call("plan", Map.of("userId", 1, "idea", "x")).statusCode(400);
        AgentApi.call("implement", job(Map.of("task", Map.of("number", 0, "title", "x"), "architecture", "a"))).statusCode(400);
        AgentApi.call("plan", job(Map.of("idea", "x".repeat(4_001)))).statusCode(400);
        AgentApi.call("plan", job(Map.of("idea", "x", "projectId", "bench"))).statusCode(400)
                .body("error", containsString("projectId has the wrong type (expected a number)"));
        AgentApi.call("plan", job(Map.of("idea", "x", "projectId", 0))).statusCode(400)
                .body("error", containsString("projectId must be a positive project number"));
        AgentApi.call("review", job(Map.of("task", Map.of("number", "one", "title", "x"), "change", "c"))).statusCode(400)
                .body("error", containsString("task.number has the wrong type"));
        AgentApi.call("plan", "{\"jobId\": \"j\",").statusCode(400)
                .body("error", containsString("not valid JSON"));
        given().contentType(ContentType.JSON).body(job(Map.of("idea", "x"))).post("/api/v1/plan").then().statusCode(401);
        assertEquals(List.of(), AgentApi.simulatorLog(), "no model was called for a bad request");
    }

    @Test
    void healthShowsEachProvidersKeysByAliasOnly() {
        String health = given().get("/q/health/ready").then().extract().asString();
        assertTrue(health.contains("Model providers"), health);
        assertTrue(health.contains("gemini-1") && health.contains("openrouter-2"), health);
        KEYS.forEach(key -> assertFalse(health.contains(key)));
    }
}
