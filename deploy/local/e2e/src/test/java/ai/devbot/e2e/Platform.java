package ai.devbot.e2e;

import static io.restassured.RestAssured.given;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import ai.devbot.testsupport.PlatformCredentials;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;

/** The services' own APIs, for checking what a conversation left behind. */
final class Platform {

    /** The seeded prices (billing V2 migration), credits per million tokens: input, output. */
    static final Map<String, long[]> PRICES = Map.of("gemini-2.5-flash", new long[] { 30_000, 250_000 },
            "qwen/qwen3-coder", new long[] { 22_000, 95_000 },
            // The other tiers' models (billing V7).
            "qwen/qwen-2.5-coder-32b-instruct", new long[] { 7_000, 16_000 },
            "gemini-2.5-pro", new long[] { 125_000, 1_000_000 },
            "anthropic/claude-sonnet-4", new long[] { 300_000, 1_500_000 });
    static final long STARTER_GRANT = 50_000;

    private Platform() {
    }

    static RequestSpecification operator(String base) {
        return given().baseUri(base).auth().preemptive().basic("operator", PlatformCredentials.operatorPassword())
                .contentType(ContentType.JSON);
    }

    static long balance(long userId) {
        return operator(LocalStack.BILLING).get("/api/v1/accounts/{id}", userId).then().statusCode(200).extract()
                .jsonPath().getLong("balance");
    }

    /** Credits held for the user's work in progress. */
    static long reserved(long userId) {
        return operator(LocalStack.BILLING).get("/api/v1/accounts/{id}", userId).then().statusCode(200).extract()
                .jsonPath().getLong("reserved");
    }

    static void adjust(long userId, long amount) {
        operator(LocalStack.BILLING).body(Map.of("amount", amount, "reason", "end-to-end test",
                "idempotencyKey", "e2e-" + System.nanoTime())).post("/api/admin/accounts/{id}/adjustments", userId)
                .then().statusCode(200);
    }

    static List<Map<String, Object>> ledger(long userId) {
        return operator(LocalStack.BILLING).queryParam("size", 500).get("/api/admin/accounts/{id}/ledger", userId)
                .then().statusCode(200).extract().jsonPath().getList("entries");
    }

    /** Credits per million sandbox milliseconds (billing's V5 price for sandbox/local). */
    static final long SANDBOX_PRICE = 2_000;

    /** The milliseconds of each sandbox run charged to the user, read from the ledger ("sandbox/local 4180 ms"). */
    static List<Long> sandboxCharges(long userId) {
        return ledger(userId).stream().map(entry -> String.valueOf(entry.get("reason")))
                .filter(reason -> reason.startsWith("sandbox/local "))
                .map(reason -> Long.parseLong(reason.substring("sandbox/local ".length()).replace(" ms", "")))
                .toList();
    }

    /** What the user's sandbox runs cost: each run's milliseconds at the price, rounded up per run. */
    static long sandboxCost(long userId) {
        return sandboxCharges(userId).stream().mapToLong(ms -> (ms * SANDBOX_PRICE + 999_999) / 1_000_000).sum();
    }

    /** The sandbox runs of one project, newest first (sandbox-service's operator API). */
    static List<Map<String, Object>> sandboxRuns(long userId, long projectId) {
        return operator(LocalStack.SANDBOX).queryParam("ownerId", userId).queryParam("projectId", projectId)
                .get("/api/admin/runs").then().statusCode(200).extract().jsonPath().getList("$");
    }

    /** agent-service's token bounds of one operation ({@code GET /api/v1/limits}). */
    static JsonPath agentLimit(String operation) {
        List<Map<String, Object>> limits = given().baseUri(LocalStack.AGENT).auth().preemptive()
                .basic("service", PlatformCredentials.servicePassword()).get("/api/v1/limits").then().statusCode(200)
                .extract().jsonPath().getList("$");
        return JsonPath.from(limits.stream().filter(limit -> operation.equals(limit.get("operation"))).findFirst()
                .map(limit -> new com.fasterxml.jackson.databind.ObjectMapper().valueToTree(limit).toString())
                .orElseThrow());
    }

    static List<Map<String, Object>> projects(long userId) {
        return operator(LocalStack.PROJECT_STORE).queryParam("ownerId", userId).get("/api/v1/projects").then()
                .statusCode(200).extract().jsonPath().getList("$");
    }

    static List<Map<String, Object>> tasks(long projectId, long userId) {
        return operator(LocalStack.PROJECT_STORE).queryParam("ownerId", userId)
                .get("/api/v1/projects/{id}/tasks", projectId).then().statusCode(200).extract().jsonPath().getList("$");
    }

    static List<String> files(long projectId, long userId) {
        return operator(LocalStack.PROJECT_STORE).queryParam("ownerId", userId)
                .get("/api/v1/projects/{id}/files", projectId).then().statusCode(200).extract().jsonPath()
                .getList("path", String.class);
    }

    static String content(long projectId, long userId, String path) {
        return operator(LocalStack.PROJECT_STORE).queryParam("ownerId", userId).queryParam("path", path)
                .get("/api/v1/projects/{id}/files/content", projectId).then().statusCode(200).extract().asString();
    }

    static JsonPath job(String jobId) {
        return operator(LocalStack.ORCHESTRATOR).get("/api/admin/jobs/{id}", jobId).then().statusCode(200).extract()
                .jsonPath();
    }

    static byte[] telegramFile(String fileId) {
        return given().baseUri(LocalStack.SIMULATOR).get("/sim/telegram/files/{id}", fileId).then().statusCode(200)
                .extract().asByteArray();
    }

    /** The number of the simulator's latest model request (a mark for {@link #modelCallsSince}). */
    static long modelCalls() {
        return llmLog().stream().mapToLong(call -> ((Number) call.get("number")).longValue()).max().orElse(0);
    }

    static List<Map<String, Object>> modelCallsSince(long mark) {
        return llmLog().stream().filter(call -> ((Number) call.get("number")).longValue() > mark).toList();
    }

    /** What billing must charge for these calls: each call's tokens at its model's price, rounded up. */
    static long priceOf(List<Map<String, Object>> calls) {
        long total = 0;
        for (Map<String, Object> call : calls) {
            long[] price = PRICES.get(call.get("model").toString());
            long in = ((Number) call.get("promptTokens")).longValue();
            long out = ((Number) call.get("completionTokens")).longValue();
            if (in + out > 0) {
                total += (in * price[0] + out * price[1] + 999_999) / 1_000_000;
            }
        }
        return total;
    }

    static void script(String yaml) {
        given().baseUri(LocalStack.SIMULATOR).contentType("application/yaml").body(yaml.getBytes(StandardCharsets.UTF_8))
                .post("/sim/llm/scenarios").then().statusCode(200);
    }

    static void clearScripts() {
        given().baseUri(LocalStack.SIMULATOR).delete("/sim/llm/scenarios").then().statusCode(204);
    }

    private static List<Map<String, Object>> llmLog() {
        return given().baseUri(LocalStack.SIMULATOR).get("/sim/llm/requests").then().statusCode(200).extract().jsonPath()
                .getList("$");
    }
}
