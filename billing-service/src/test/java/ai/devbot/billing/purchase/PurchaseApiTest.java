package ai.devbot.billing.purchase;

import static ai.devbot.billing.support.BillingApi.assertInvariants;
import static ai.devbot.billing.support.BillingApi.balance;
import static ai.devbot.billing.support.BillingApi.id;
import static ai.devbot.billing.support.BillingApi.newAccount;
import static ai.devbot.billing.support.BillingApi.operator;
import static ai.devbot.billing.support.BillingApi.service;
import static ai.devbot.billing.support.BillingApi.usage;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

@QuarkusTest
class PurchaseApiTest {

    @AfterEach
    void moneyInvariantsHold() {
        assertInvariants();
    }

    static JsonPath invoice(long user, String pack) {
        return service().body(Map.of("userId", user, "packId", pack)).post("/api/v1/invoices").then().statusCode(200)
                .extract().jsonPath();
    }

    static Map<String, Object> paid(String charge, long user, String payload, long amount) {
        return Map.of("telegramPaymentChargeId", charge, "userId", user, "invoicePayload", payload, "currency", "XTR",
                "totalAmount", amount);
    }

    @Test
    void packsAreListedAndInvoicesCarryASignedPayloadThatFitsTelegram() {
        service().get("/api/v1/packs").then().statusCode(200).body("id", org.hamcrest.Matchers.contains("small", "medium", "large"));
        long user = newAccount();
        JsonPath invoice = invoice(user, "medium");
        assertEquals("XTR", invoice.getString("currency"));
        assertEquals(250, invoice.getInt("amount"));
        String payload = invoice.getString("payload");
        assertTrue(payload.startsWith("v1.medium.250." + user + "."), payload);
        assertTrue(payload.getBytes(StandardCharsets.UTF_8).length <= 128);
        service().body(Map.of("userId", user, "packId", "gigantic")).post("/api/v1/invoices").then().statusCode(404)
                .body("error", containsString("small, "));
    }

    @Test
    void aPaymentGrantsThePackOncePerChargeId() {
        long user = newAccount();
        String payload = invoice(user, "small").getString("payload");
        String charge = id("stx");
        service().body(paid(charge, user, payload, 50)).post("/api/v1/purchases").then().statusCode(200)
                .body("credits", equalTo(50_000)).body("duplicate", equalTo(false));
        service().body(paid(charge, user, payload, 50)).post("/api/v1/purchases").then().statusCode(200)
                .body("duplicate", equalTo(true));
        assertEquals(100_000, balance(user));
    }

    @Test
    void forgedTamperedOrMismatchedPaymentsAreRefused() {
        long user = newAccount();
        String payload = invoice(user, "small").getString("payload");
        String tampered = payload.replace("v1.small.50.", "v1.large.50.");
        service().body(paid(id("stx"), user, tampered, 50)).post("/api/v1/purchases").then().statusCode(400)
                .body("error", containsString("signature"));
        service().body(paid(id("stx"), user, payload, 49)).post("/api/v1/purchases").then().statusCode(400);
        service().body(paid(id("stx"), user + 1, payload, 50)).post("/api/v1/purchases").then().statusCode(400)
                .body("error", containsString("another user"));
        service().body(paid(id("stx"), user, "hello", 50)).post("/api/v1/purchases").then().statusCode(400);
        assertEquals(50_000, balance(user));
    }

    @Test
    void aRefundTakesTheCreditsBackOnceAndIsRefusedWhenTheyWereSpent() {
        long user = newAccount();
        String payload = invoice(user, "small").getString("payload");
        String charge = id("stx");
        service().body(paid(charge, user, payload, 50)).post("/api/v1/purchases").then().statusCode(200);
        operator().body(Map.of("reason", "user asked")).post("/api/admin/purchases/" + charge + "/refund").then()
                .statusCode(200).body("status", equalTo("REFUNDED"));
        operator().body(Map.of()).post("/api/admin/purchases/" + charge + "/refund").then().statusCode(200);
        assertEquals(50_000, balance(user));

        String spentCharge = id("stx");
        service().body(paid(spentCharge, user, invoice(user, "small").getString("payload"), 50))
                .post("/api/v1/purchases").then().statusCode(200);
        // Spend 60,000 of the 100,000: 480,000 input tokens of gemini-2.5-pro at 125,000 credits/M.
        service().body(usage(id("evt"), user, null, "gemini", "gemini-2.5-pro", 480_000, 0, Instant.now()))
                .post("/api/v1/usage").then().statusCode(200).body("cost", equalTo(60_000));
        operator().body(Map.of()).post("/api/admin/purchases/" + spentCharge + "/refund").then().statusCode(409)
                .body("error", containsString("already spent"));
        operator().body(Map.of()).post("/api/admin/purchases/" + id("stx") + "/refund").then().statusCode(404);
    }
}
