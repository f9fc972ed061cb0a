package ai.devbot.gateway.ingress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import ai.devbot.gateway.CommandsTopicTest;
import ai.devbot.gateway.GatewayHarness;
import ai.devbot.testsupport.SimulatorResource;
import ai.devbot.testsupport.TopicReader;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** Stars from invoice to payment: the gateway answers pre-checkout itself, offline, within Telegram's 10 s. */
@QuarkusTest
@QuarkusTestResource(SimulatorResource.class)
class PaymentsTest extends CommandsTopicTest {

    @BeforeEach
    void theUserAsksToBuy() {
        telegram.send(user, "/buy");
    }

    void invoice(String payload, long stars) throws Exception {
        TopicReader.send(GatewayHarness.kafka(), GatewayHarness.REPLIES, Long.toString(user),
                GatewayHarness.JSON.writeValueAsString(Map.of("replyId", "test-" + user + "/invoice", "chatId", user,
                        "kind", "INVOICE", "invoice", Map.of("title", "Medium pack · 500,000 credits",
                                "description", "About 60 implemented tasks.", "payload", payload, "currency", "XTR",
                                "amount", stars))));
        telegram.awaitActions(user, 0, 1, 20).stream().filter(a -> "INVOICE".equals(a.get("kind"))).findFirst()
                .orElseThrow(() -> new AssertionError("no invoice arrived"));
    }

    @Test
    void aSignedInvoiceIsApprovedAtPreCheckoutAndThePaymentIsPublished() throws Exception {
        invoice(InvoicePayloads.sign(GatewayHarness.signingKey(), "pack-medium", 250, user, Instant.now()), 250);
        JsonPath paid = telegram.pay(user);
        assertTrue(paid.getBoolean("ok"), paid.prettify());
        List<JsonNode> published = commandsOf(3);
        assertEquals(List.of("COMMAND", "PRE_CHECKOUT", "PAYMENT"), published.stream().map(c -> c.get("kind").asText()).toList());
        assertTrue(published.get(1).get("preCheckout").get("answeredOk").asBoolean());
        JsonNode payment = published.get(2).get("payment");
        assertEquals(paid.getString("telegramPaymentChargeId"), payment.get("telegramPaymentChargeId").asText());
        assertEquals(250, payment.get("totalAmount").asLong());
        assertEquals("XTR", payment.get("currency").asText());
    }

    @Test
    void aForgedInvoiceIsRefusedAtPreCheckoutWithAReasonAndNothingIsCharged() throws Exception {
        invoice(InvoicePayloads.sign("not-billings-key-0123456789", "pack-medium", 250, user, Instant.now()), 250);
        JsonPath paid = telegram.pay(user);
        assertFalse(paid.getBoolean("ok"));
        assertTrue(paid.getString("errorMessage").contains("not issued by this bot"), paid.prettify());
        List<JsonNode> published = commandsOf(2);
        assertEquals("PRE_CHECKOUT", published.get(1).get("kind").asText());
        assertFalse(published.get(1).get("preCheckout").get("answeredOk").asBoolean());
        assertEquals(2, commandsBeforeMarker().size(), "no PAYMENT follows a refused pre-checkout");
    }

    @Test
    void anExpiredInvoiceIsRefused() throws Exception {
        invoice(InvoicePayloads.sign(GatewayHarness.signingKey(), "pack-medium", 250, user,
                Instant.now().minus(Duration.ofDays(2))), 250);
        JsonPath paid = telegram.pay(user);
        assertFalse(paid.getBoolean("ok"));
        assertTrue(paid.getString("errorMessage").contains("expired"), paid.prettify());
    }
}
