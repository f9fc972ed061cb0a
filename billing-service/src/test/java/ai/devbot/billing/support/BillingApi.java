package ai.devbot.billing.support;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.empty;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import ai.devbot.testsupport.PlatformCredentials;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/** Billing's REST API as the orchestrator (service role) and operators call it. */
public final class BillingApi {

    private BillingApi() {
    }

    public static RequestSpecification service() {
        return given().auth().preemptive().basic("service", PlatformCredentials.servicePassword())
                .contentType(ContentType.JSON);
    }

    public static RequestSpecification operator() {
        return given().auth().preemptive().basic("operator", PlatformCredentials.operatorPassword())
                .contentType(ContentType.JSON);
    }

    public static long newUserId() {
        return ThreadLocalRandom.current().nextLong(1_000_000_000L, 9_000_000_000_000L);
    }

    /** Creates the account with its starter grant; returns the user id. */
    public static long newAccount() {
        long userId = newUserId();
        service().body(Map.of("userId", userId)).post("/api/v1/accounts").then().statusCode(200);
        return userId;
    }

    public static long balance(long userId) {
        return service().get("/api/v1/accounts/" + userId).then().statusCode(200).extract().jsonPath().getLong("balance");
    }

    public static Map<String, Object> usage(String eventId, long userId, String jobId, String provider, String model,
            long input, long output, Instant at) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("eventId", eventId);
        event.put("userId", userId);
        if (jobId != null) {
            event.put("jobId", jobId);
        }
        event.put("projectId", 17);
        event.put("operation", "IMPLEMENT");
        event.put("provider", provider);
        event.put("model", model);
        event.put("keyAlias", "openrouter-1");
        event.put("inputTokens", input);
        event.put("outputTokens", output);
        event.put("estimated", false);
        event.put("succeeded", true);
        event.put("occurredAt", at.toString());
        return event;
    }

    public static String id(String prefix) {
        return prefix + "-" + UUID.randomUUID();
    }

    /** The money invariants hold for every account (audit.service.MoneyAudit; its planted-violation tests: MoneyAuditTest). */
    public static void assertInvariants() {
        operator().get("/api/admin/audit").then().statusCode(200).body("violations", empty())
                .body("staleHolds", empty()).body("unbacked", empty());
    }
}
