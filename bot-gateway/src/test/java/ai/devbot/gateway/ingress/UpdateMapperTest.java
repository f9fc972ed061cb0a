package ai.devbot.gateway.ingress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import ai.devbot.gateway.ingress.service.InvoicePayloadVerifierAccess;
import ai.devbot.gateway.ingress.service.MappedUpdate;
import ai.devbot.gateway.ingress.service.UpdateMapper;

class UpdateMapperTest {

    static final String KEY = "test-signing-key-0123456789";
    static final Instant NOW = Instant.parse("2026-11-26T10:00:00Z");
    static final ObjectMapper JSON = new ObjectMapper();

    final UpdateMapper mapper = new UpdateMapper(() -> Optional.of("devbot_test_bot"),
            InvoicePayloadVerifierAccess.create(KEY, Duration.ofHours(24), Clock.fixed(NOW, ZoneOffset.UTC)),
            Clock.fixed(NOW, ZoneOffset.UTC));

    static JsonNode message(long updateId, String text) throws Exception {
        return JSON.readTree("""
                {"update_id": %d, "message": {"message_id": 7, "date": 1764150000,
                  "chat": {"id": 42, "type": "private"},
                  "from": {"id": 42, "is_bot": false, "first_name": "Ada", "username": "ada_l", "language_code": "en"},
                  "text": %s}}""".formatted(updateId, JSON.writeValueAsString(text)));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "/start|start|",
            "/help|help|",
            "/newproject A habit tracker with reminders|newproject|A habit tracker with reminders",
            "/implement|implement|",
            "/implement 4|implement|4",
            "/implement all|implement|all",
            "/status|status|",
            "/tasks|tasks|",
            "/files|files|",
            "/show src/app/main.py|show|src/app/main.py",
            "/projects|projects|",
            "/use 17|use|17",
            "/readme|readme|",
            "/download|download|",
            "/credits|credits|",
            "/buy|buy|",
            "/cancel|cancel|",
            "/Start|start|",
            "/start@devbot_test_bot|start|",
            "/implement@DevBot_Test_Bot 3|implement|3",
            "/somethingelse x|somethingelse|x" })
    void everyCommandIsMappedWithItsArguments(String text, String command, String args) throws Exception {
        MappedUpdate mapped = mapper.map(message(1001, text));
        BotCommand published = mapped.command();
        assertEquals(BotCommand.Kind.COMMAND, published.kind());
        assertEquals(command, published.command());
        assertEquals(args == null ? "" : args, published.args());
        assertEquals("tg-1001", published.commandId());
        assertEquals(42, published.chatId());
        assertEquals(42, published.userId());
        assertEquals("ada_l", published.userName());
        assertEquals("Ada", published.firstName());
        assertEquals("en", published.languageCode());
        assertEquals(7L, published.messageId());
        assertEquals(NOW, published.receivedAt());
    }

    @Test
    void multiLineArgumentsKeepTheirLines() throws Exception {
        BotCommand published = mapper.map(message(1, "/newproject A CLI\nthat counts words")).command();
        assertEquals("A CLI\nthat counts words", published.args());
    }

    @Test
    void aCommandForAnotherBotIsIgnored() throws Exception {
        MappedUpdate mapped = mapper.map(message(2, "/start@otherbot"));
        assertTrue(mapped.ignored());
        assertTrue(mapped.ignoredBecause().contains("@otherbot"));
    }

    @ParameterizedTest
    @ValueSource(strings = { "Also export the habits as CSV", "/path/to/file is broken", "hello /start", "😀 emoji & <tags>" })
    void plainTextIsText(String text) throws Exception {
        BotCommand published = mapper.map(message(3, text)).command();
        assertEquals(BotCommand.Kind.TEXT, published.kind());
        assertEquals(text, published.text());
        assertNull(published.command());
    }

    @Test
    void aCallbackQueryCarriesItsIdDataAndTheMessageItCameFrom() throws Exception {
        BotCommand published = mapper.map(JSON.readTree("""
                {"update_id": 5, "callback_query": {"id": "cb-1", "data": "impl:next:p17", "chat_instance": "x",
                  "from": {"id": 42, "first_name": "Ada"},
                  "message": {"message_id": 415, "date": 1, "chat": {"id": 42, "type": "private"}}}}""")).command();
        assertEquals(BotCommand.Kind.CALLBACK, published.kind());
        assertEquals("cb-1", published.callbackQueryId());
        assertEquals("impl:next:p17", published.callbackData());
        assertEquals(415L, published.messageId());
        assertEquals(42, published.chatId());
    }

    @Test
    void aSuccessfulPaymentIsAPaymentKeyedByItsChargeId() throws Exception {
        BotCommand published = mapper.map(JSON.readTree("""
                {"update_id": 6, "message": {"message_id": 9, "date": 1, "chat": {"id": 42, "type": "private"},
                  "from": {"id": 42, "first_name": "Ada"},
                  "successful_payment": {"currency": "XTR", "total_amount": 250, "invoice_payload": "v1.x",
                    "telegram_payment_charge_id": "stx-1", "provider_payment_charge_id": ""}}}""")).command();
        assertEquals(BotCommand.Kind.PAYMENT, published.kind());
        assertEquals("stx-1", published.payment().telegramPaymentChargeId());
        assertEquals(250, published.payment().totalAmount());
        assertEquals("XTR", published.payment().currency());
    }

    static JsonNode preCheckout(long payer, String currency, long amount, String payload) throws Exception {
        return JSON.readTree("""
                {"update_id": 8, "pre_checkout_query": {"id": "pcq-1", "from": {"id": %d, "first_name": "Ada"},
                  "currency": "%s", "total_amount": %d, "invoice_payload": %s}}"""
                .formatted(payer, currency, amount, JSON.writeValueAsString(payload)));
    }

    @Test
    void aPreCheckoutWithOurSignedPayloadIsAnsweredOk() throws Exception {
        String payload = InvoicePayloads.sign(KEY, "pack-medium", 250, 42, NOW.minusSeconds(60));
        BotCommand published = mapper.map(preCheckout(42, "XTR", 250, payload)).command();
        assertEquals(BotCommand.Kind.PRE_CHECKOUT, published.kind());
        assertTrue(published.preCheckout().answeredOk());
        assertEquals("pcq-1", published.preCheckout().queryId());
        assertNull(published.preCheckout().errorMessage());
    }

    @Test
    void aPreCheckoutIsRefusedWithAReasonTheUserCanActOn() throws Exception {
        String good = InvoicePayloads.sign(KEY, "pack-medium", 250, 42, NOW.minusSeconds(60));
        assertRefused(preCheckout(42, "XTR", 250, InvoicePayloads.sign("another-key-0123456789", "pack-medium", 250, 42,
                NOW)), "not issued by this bot");
        int middle = good.length() - 8;
        String tampered = good.substring(0, middle) + (good.charAt(middle) == 'A' ? 'B' : 'A') + good.substring(middle + 1);
        assertRefused(preCheckout(42, "XTR", 250, tampered), "not issued by this bot");
        assertRefused(preCheckout(42, "XTR", 250, "v1.pack-medium.250.42"), "not issued by this bot");
        assertRefused(preCheckout(42, "XTR", 1, good), "amount does not match");
        assertRefused(preCheckout(42, "USD", 250, good), "amount does not match");
        assertRefused(preCheckout(43, "XTR", 250, good), "another account");
        assertRefused(preCheckout(42, "XTR", 250, InvoicePayloads.sign(KEY, "pack-medium", 250, 42,
                NOW.minus(Duration.ofHours(25)))), "expired");
    }

    private void assertRefused(JsonNode update, String reason) {
        BotCommand.PreCheckout answer = mapper.map(update).command().preCheckout();
        assertFalse(answer.answeredOk());
        assertTrue(answer.errorMessage().contains(reason), answer.errorMessage());
        assertTrue(answer.errorMessage().contains("/buy"), "tells the user what to do: " + answer.errorMessage());
    }

    static JsonNode document(String chatType, String caption, String extra) throws Exception {
        return JSON.readTree("""
                {"update_id": 11, "message": {"message_id": 8, "date": 1764150000,
                  "chat": {"id": %s, "type": "%s"},
                  "from": {"id": 42, "is_bot": false, "first_name": "Ada"},
                  %s
                  "document": {"file_id": "BQACAgIAAxkBAAJ-file", "file_unique_id": "AgADx", "file_name": "app-main.zip",
                               "mime_type": "application/zip", "file_size": 48213}}}""".formatted(
                "private".equals(chatType) ? "42" : "-1001", chatType,
                (caption == null ? "" : "\"caption\": " + JSON.writeValueAsString(caption) + ",") + extra));
    }

    @Test
    void aDocumentIsPublishedAfterItsFileIsFetchedAndTheFileIdStaysInTheGateway() throws Exception {
        MappedUpdate mapped = mapper.map(document("private", "/import", ""));

        assertEquals("BQACAgIAAxkBAAJ-file", mapped.fileId());
        BotCommand command = mapped.command();
        assertEquals(BotCommand.Kind.DOCUMENT, command.kind());
        assertEquals(new BotCommand.Document("app-main.zip", "application/zip", 48213L, null, null, null),
                command.document());
        assertEquals("/import", command.text());
        assertFalse(JSON.copy().findAndRegisterModules().writeValueAsString(command).contains("BQACAgIAAxkBAAJ-file"),
                "no file id on Kafka");
    }

    @Test
    void aForwardedFileIsStillTheUsersWhileAGroupFileNeedsToBeAddressed() throws Exception {
        assertFalse(mapper.map(document("private", null, "\"forward_origin\": {\"type\": \"hidden_user\"},")).ignored());
        assertTrue(mapper.map(document("supergroup", null, "")).ignored(), "group chatter");
        assertTrue(mapper.map(document("supergroup", "/import@other_bot", "")).ignored());
        assertFalse(mapper.map(document("supergroup", "/import@devbot_test_bot", "")).ignored());
        assertFalse(mapper.map(document("supergroup", "/import", "")).ignored());
    }

    @Test
    void aDocumentWithoutAFileIdIsIgnored() throws Exception {
        MappedUpdate mapped = mapper.map(JSON.readTree("""
                {"update_id": 12, "message": {"message_id": 8, "date": 1, "chat": {"id": 42, "type": "private"},
                  "from": {"id": 42, "is_bot": false, "first_name": "Ada"}, "document": {"file_name": "x.zip"}}}"""));
        assertTrue(mapped.ignored());
        assertEquals("the document has no file_id", mapped.ignoredBecause());
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"update_id\": 9, \"edited_message\": {\"message_id\": 1, \"chat\": {\"id\": 1}, \"from\": {\"id\": 1}, \"text\": \"x\"}}",
            "{\"update_id\": 9, \"channel_post\": {\"message_id\": 1, \"chat\": {\"id\": -100}, \"text\": \"x\"}}",
            "{\"update_id\": 9, \"my_chat_member\": {\"chat\": {\"id\": 1}}}",
            "{\"update_id\": 9, \"message\": {\"message_id\": 1, \"chat\": {\"id\": 1}, \"from\": {\"id\": 1}, \"sticker\": {\"file_id\": \"s\"}}}",
            "{\"update_id\": 9, \"message\": {\"message_id\": 1, \"chat\": {\"id\": 1}, \"from\": {\"id\": 1}, \"photo\": [{\"file_id\": \"p\"}]}}",
            "{\"update_id\": 9, \"message\": {\"message_id\": 1, \"chat\": {\"id\": 1}, \"text\": \"no sender\"}}",
            "{\"update_id\": 9, \"callback_query\": {\"id\": \"c\", \"from\": {\"id\": 1}, \"game_short_name\": \"g\"}}",
            "{\"update_id\": 9, \"some_future_kind\": {}}",
            "{\"update_id\": 9}" })
    void updateKindsTheBotDoesNotHandleAreIgnoredNotFailed(String update) throws Exception {
        MappedUpdate mapped = mapper.map(JSON.readTree(update));
        assertTrue(mapped.ignored(), update);
        assertEquals(9, mapped.updateId());
    }

    @ParameterizedTest
    @ValueSource(strings = { "{\"message\": {}}", "{\"update_id\": \"12\"}", "{\"update_id\": 1.5}", "{\"update_id\": null}" })
    void anUpdateWithoutANumericIdIsRejected(String update) {
        assertThrows(IllegalArgumentException.class, () -> mapper.map(JSON.readTree(update)));
    }
}
