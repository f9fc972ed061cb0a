package ai.devbot.simulator.telegram;

import static ai.devbot.simulator.SimulatorClient.bot;
import static ai.devbot.simulator.SimulatorClient.reset;
import static ai.devbot.simulator.SimulatorClient.userSays;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

@QuarkusTest
class PaymentsTest {

    private static final long USER = 3001;

    @BeforeEach
    void anInvoiceIsOpen() {
        reset();
        userSays(USER, "/buy");
        bot("sendInvoice", Map.of("chat_id", USER, "title", "Medium pack", "description", "500,000 credits",
                "payload", "v1.medium.3001.sig", "currency", "XTR", "prices", List.of(Map.of("label", "Medium", "amount", 250))))
                .statusCode(200);
        bot("getUpdates", Map.of("offset", Long.MAX_VALUE));
    }

    @Test
    void payingAsksThePreCheckoutQueryThenDeliversTheSuccessfulPayment() throws Exception {
        CompletableFuture<JsonPath> payment = CompletableFuture.supplyAsync(() -> given().contentType(ContentType.JSON)
                .body(Map.of()).when().post("/sim/telegram/users/" + USER + "/pay").then().statusCode(200)
                .extract().jsonPath());

        JsonPath preCheckout = pollOne();
        assertEquals("XTR", preCheckout.getString("result[0].pre_checkout_query.currency"));
        assertEquals(250, preCheckout.getInt("result[0].pre_checkout_query.total_amount"));
        assertEquals("v1.medium.3001.sig", preCheckout.getString("result[0].pre_checkout_query.invoice_payload"));
        String queryId = preCheckout.getString("result[0].pre_checkout_query.id");
        bot("answerPreCheckoutQuery", Map.of("pre_checkout_query_id", queryId, "ok", true)).statusCode(200);

        JsonPath paid = payment.get();
        assertTrue(paid.getBoolean("ok"));
        String chargeId = paid.getString("telegramPaymentChargeId");
        JsonPath success = pollOne();
        assertEquals(chargeId, success.getString("result[0].message.successful_payment.telegram_payment_charge_id"));
        assertEquals(250, success.getInt("result[0].message.successful_payment.total_amount"));
        assertEquals("v1.medium.3001.sig", success.getString("result[0].message.successful_payment.invoice_payload"));

        bot("refundStarPayment", Map.of("user_id", USER, "telegram_payment_charge_id", chargeId)).statusCode(200);
        bot("refundStarPayment", Map.of("user_id", USER, "telegram_payment_charge_id", chargeId)).statusCode(400)
                .body("description", equalTo("Bad Request: CHARGE_ALREADY_REFUNDED"));
    }

    @Test
    void aRefusedPreCheckoutMeansNoPayment() throws Exception {
        CompletableFuture<JsonPath> payment = CompletableFuture.supplyAsync(() -> given().contentType(ContentType.JSON)
                .body(Map.of()).when().post("/sim/telegram/users/" + USER + "/pay").then().extract().jsonPath());
        String queryId = pollOne().getString("result[0].pre_checkout_query.id");
        bot("answerPreCheckoutQuery", Map.of("pre_checkout_query_id", queryId, "ok", false)).statusCode(400)
                .body("description", equalTo("Bad Request: error_message is empty"));
        bot("answerPreCheckoutQuery", Map.of("pre_checkout_query_id", queryId, "ok", false,
                "error_message", "This invoice has expired. Send /buy again.")).statusCode(200);
        JsonPath refused = payment.get();
        assertFalse(refused.getBoolean("ok"));
        assertEquals("This invoice has expired. Send /buy again.", refused.getString("errorMessage"));
        bot("getUpdates", Map.of("timeout", 0)).body("result.size()", equalTo(0));
    }

    @Test
    void anUnansweredPreCheckoutTimesOut() {
        given().contentType(ContentType.JSON).body(Map.of()).when().post("/sim/telegram/users/" + USER + "/pay")
                .then().statusCode(200).body("ok", equalTo(false))
                .body("errorMessage", equalTo("the bot did not answer the pre-checkout query in time"));
    }

    @Test
    void refundingAnUnknownChargeIsRefused() {
        bot("refundStarPayment", Map.of("user_id", USER, "telegram_payment_charge_id", "stx-nope")).statusCode(400)
                .body("description", equalTo("Bad Request: CHARGE_NOT_FOUND"));
    }

    private static JsonPath pollOne() {
        JsonPath updates = bot("getUpdates", Map.of("timeout", 5)).statusCode(200).extract().jsonPath();
        long id = updates.getLong("result[0].update_id");
        bot("getUpdates", Map.of("offset", id + 1));
        return updates;
    }
}
