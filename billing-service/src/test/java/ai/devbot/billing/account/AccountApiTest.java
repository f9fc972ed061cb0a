package ai.devbot.billing.account;

import static ai.devbot.billing.support.BillingApi.assertInvariants;
import static ai.devbot.billing.support.BillingApi.newUserId;
import static ai.devbot.billing.support.BillingApi.operator;
import static ai.devbot.billing.support.BillingApi.service;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

@QuarkusTest
class AccountApiTest {

    @AfterEach
    void moneyInvariantsHold() {
        assertInvariants();
    }

    @Test
    void theStarterGrantIsGivenOnceHoweverOftenTheAccountIsEnsured() {
        long user = newUserId();
        service().body(Map.of("userId", user)).post("/api/v1/accounts").then().statusCode(200)
                .body("created", equalTo(true)).body("balance", equalTo(50_000)).body("available", equalTo(50_000));
        service().body(Map.of("userId", user)).post("/api/v1/accounts").then().statusCode(200)
                .body("created", equalTo(false)).body("balance", equalTo(50_000));
        operator().get("/api/admin/accounts/" + user + "/ledger").then().statusCode(200)
                .body("entries", hasSize(1)).body("entries[0].kind", equalTo("GRANT"));
    }

    @Test
    void concurrentCreationGrantsOnce() throws Exception {
        long user = newUserId();
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<CompletableFuture<Integer>> calls = new ArrayList<>();
            for (int i = 0; i < 32; i++) {
                calls.add(CompletableFuture.supplyAsync(() -> service().body(Map.of("userId", user))
                        .post("/api/v1/accounts").then().extract().statusCode(), pool));
            }
            for (CompletableFuture<Integer> call : calls) {
                assertEquals(200, call.get());
            }
        } finally {
            pool.shutdown();
        }
        service().get("/api/v1/accounts/" + user).then().body("balance", equalTo(50_000));
        operator().get("/api/admin/accounts/" + user + "/ledger").then().body("total", equalTo(1));
    }

    @Test
    void anUnknownAccountIs404() {
        service().get("/api/v1/accounts/" + newUserId()).then().statusCode(404).body("code", equalTo("NOT_FOUND"));
    }

    @Test
    void invalidUserIdsAre400() {
        service().body(Map.of("userId", -5)).post("/api/v1/accounts").then().statusCode(400);
        service().body("{\"userId\": \"abc\"}").post("/api/v1/accounts").then().statusCode(400);
        service().body("{not json").post("/api/v1/accounts").then().statusCode(400);
    }

    @Test
    void operatorAdjustmentsAreIdempotentAndNeverOverdraw() {
        long user = ai.devbot.billing.support.BillingApi.newAccount();
        Map<String, Object> grant = Map.of("amount", 1_000, "reason", "support goodwill", "idempotencyKey", "ticket-77",
                "kind", "GRANT");
        long first = operator().body(grant).post("/api/admin/accounts/" + user + "/adjustments").then().statusCode(200)
                .extract().jsonPath().getLong("id");
        long again = operator().body(grant).post("/api/admin/accounts/" + user + "/adjustments").then().statusCode(200)
                .extract().jsonPath().getLong("id");
        assertEquals(first, again);
        service().get("/api/v1/accounts/" + user).then().body("balance", equalTo(51_000));
        // Services read the newest entries (what /credits shows the user); the size is bounded.
        service().queryParam("size", 1).get("/api/v1/accounts/" + user + "/recent-entries").then().statusCode(200)
                .body("size()", equalTo(1)).body("[0].amount", equalTo(1_000)).body("[0].reason", equalTo("support goodwill"));
        service().queryParam("size", 500).get("/api/v1/accounts/" + user + "/recent-entries").then().statusCode(400);
        service().get("/api/v1/accounts/" + newUserId() + "/recent-entries").then().statusCode(404);
        operator().body(Map.of("amount", -60_000, "reason", "typo", "idempotencyKey", "ticket-78"))
                .post("/api/admin/accounts/" + user + "/adjustments").then().statusCode(409);
        operator().body(Map.of("amount", 0, "reason", "nothing", "idempotencyKey", "ticket-79"))
                .post("/api/admin/accounts/" + user + "/adjustments").then().statusCode(400);
    }

    @Test
    void operatorEndpointsRefuseMissingWrongAndServiceCredentials() {
        long user = ai.devbot.billing.support.BillingApi.newAccount();
        String ledger = "/api/admin/accounts/" + user + "/ledger";
        given().get(ledger).then().statusCode(401);
        given().auth().preemptive().basic("operator", "wrong").get(ledger).then().statusCode(401);
        service().get(ledger).then().statusCode(403);
        given().contentType(ContentType.JSON).body(Map.of("userId", 1)).post("/api/v1/accounts").then().statusCode(401);
        operator().get(ledger).then().statusCode(200);
    }
}
