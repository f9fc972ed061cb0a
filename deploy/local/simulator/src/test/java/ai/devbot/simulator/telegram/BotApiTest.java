package ai.devbot.simulator.telegram;

import static ai.devbot.simulator.SimulatorClient.TOKEN;
import static ai.devbot.simulator.SimulatorClient.bot;
import static ai.devbot.simulator.SimulatorClient.userSays;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

@QuarkusTest
class BotApiTest {

    private static final Map<String, Object> KEYBOARD = Map.of("inline_keyboard",
            List.of(List.of(Map.of("text", "Implement next", "callback_data", "impl:next:p1"),
                    Map.of("text", "Download", "callback_data", "dl:p1"))));

    @Test
    void getMeDescribesTheBot() {
        bot("getMe", Map.of()).statusCode(200)
                .body("ok", equalTo(true))
                .body("result.is_bot", equalTo(true))
                .body("result.username", equalTo("devbot_sim_bot"))
                .body("result.id", equalTo(123456789));
    }

    @Test
    void aWrongTokenGetsTelegramsUnauthorized() {
        given().contentType(ContentType.JSON).body(Map.of()).when().post("/bot123456789:wrong/getMe")
                .then().statusCode(401)
                .body("ok", equalTo(false)).body("error_code", equalTo(401)).body("description", equalTo("Unauthorized"));
    }

    @Test
    void anUnknownMethodIsNotFound() {
        bot("sendTelepathy", Map.of()).statusCode(404).body("description", equalTo("Not Found"));
    }

    @Test
    void sendMessageParsesHtmlIntoEntitiesAndKeepsTheKeyboard() {
        userSays(1001, "/start");
        bot("sendMessage", Map.of("chat_id", 1001, "parse_mode", "HTML",
                "text", "<b>Plan</b> ready &amp; <a href=\"https://example.org\">docs</a> 🚀", "reply_markup", KEYBOARD))
                .statusCode(200)
                .body("result.text", equalTo("Plan ready & docs 🚀"))
                .body("result.entities[0].type", equalTo("bold"))
                .body("result.entities[0].length", equalTo(4))
                .body("result.entities[1].type", equalTo("text_link"))
                .body("result.entities[1].url", equalTo("https://example.org"))
                .body("result.chat.id", equalTo(1001))
                .body("result.from.is_bot", equalTo(true))
                .body("result.reply_markup.inline_keyboard[0][1].callback_data", equalTo("dl:p1"));
    }

    @Test
    void formEncodedParametersWithAJsonEncodedKeyboardWorkAsTelegramAccepts() {
        userSays(1002, "hello");
        given().contentType(ContentType.URLENC)
                .formParam("chat_id", "1002").formParam("text", "plain text")
                .formParam("reply_markup", "{\"inline_keyboard\":[[{\"text\":\"Go\",\"callback_data\":\"go\"}]]}")
                .when().post("/bot" + TOKEN + "/sendMessage")
                .then().statusCode(200).body("result.reply_markup.inline_keyboard[0][0].text", equalTo("Go"));
        given().queryParam("chat_id", 1002).queryParam("text", "via query")
                .when().get("/bot" + TOKEN + "/sendMessage")
                .then().statusCode(200).body("result.text", equalTo("via query"));
    }

    @Test
    void textOver4096CharactersIsTooLongButExactly4096IsAccepted() {
        userSays(1003, "hi");
        bot("sendMessage", Map.of("chat_id", 1003, "text", "x".repeat(4097))).statusCode(400)
                .body("ok", equalTo(false)).body("error_code", equalTo(400))
                .body("description", equalTo("Bad Request: message is too long"));
        bot("sendMessage", Map.of("chat_id", 1003, "text", "x".repeat(4096))).statusCode(200);
    }

    @Test
    void badHtmlIsRefusedWithTelegramsEntityErrors() {
        userSays(1004, "hi");
        bot("sendMessage", Map.of("chat_id", 1004, "parse_mode", "HTML", "text", "ok <div>no</div>")).statusCode(400)
                .body("description", equalTo("Bad Request: can't parse entities: Unsupported start tag \"div\" at byte offset 3"));
        bot("sendMessage", Map.of("chat_id", 1004, "parse_mode", "HTML", "text", "<b>open")).statusCode(400)
                .body("description", containsString("Can't find end tag corresponding to start tag \"b\""));
        bot("sendMessage", Map.of("chat_id", 1004, "parse_mode", "HTML", "text", "a < b")).statusCode(400)
                .body("description", containsString("can't parse entities"));
    }

    @Test
    void aTestCanMakeTheParserRefuseTheNextHtmlTextsOnly() {
        userSays(1011, "hi");
        given().contentType(ContentType.JSON).body(Map.of("count", 1)).put("/sim/telegram/html-refusals").then()
                .statusCode(200);
        bot("sendMessage", Map.of("chat_id", 1011, "text", "plain is not parsed")).statusCode(200);
        bot("sendMessage", Map.of("chat_id", 1011, "parse_mode", "HTML", "text", "<b>ok</b>")).statusCode(400)
                .body("description", containsString("can't parse entities"));
        bot("sendMessage", Map.of("chat_id", 1011, "parse_mode", "HTML", "text", "<b>ok</b>")).statusCode(200);
        given().contentType(ContentType.JSON).body(Map.of("count", -1)).put("/sim/telegram/html-refusals").then()
                .statusCode(400);
    }

    @Test
    void aChatTheBotNeverSawIsNotFound() {
        bot("sendMessage", Map.of("chat_id", 999_999, "text", "hello?")).statusCode(400)
                .body("description", equalTo("Bad Request: chat not found"));
    }

    @Test
    void callbackDataOver64BytesIsInvalid() {
        userSays(1005, "hi");
        bot("sendMessage", Map.of("chat_id", 1005, "text", "pick", "reply_markup", Map.of("inline_keyboard",
                List.of(List.of(Map.of("text", "x", "callback_data", "d".repeat(65)))))))
                .statusCode(400).body("description", equalTo("Bad Request: BUTTON_DATA_INVALID"));
    }

    @Test
    void editMessageTextChangesTheMessageAndRefusesNoOpsAndUnknownMessages() {
        userSays(1006, "hi");
        int id = bot("sendMessage", Map.of("chat_id", 1006, "text", "Task 1/3 · implementing…"))
                .extract().path("result.message_id");
        bot("editMessageText", Map.of("chat_id", 1006, "message_id", id, "text", "Task 1/3 · reviewing…"))
                .statusCode(200).body("result.text", equalTo("Task 1/3 · reviewing…"))
                .body("result.edit_date", org.hamcrest.Matchers.notNullValue());
        bot("editMessageText", Map.of("chat_id", 1006, "message_id", id, "text", "Task 1/3 · reviewing…"))
                .statusCode(400).body("description", containsString("message is not modified"));
        bot("editMessageText", Map.of("chat_id", 1006, "message_id", 9999, "text", "x"))
                .statusCode(400).body("description", equalTo("Bad Request: message to edit not found"));
    }

    @Test
    void chatActionsAreRecordedAndUnknownActionsRefused() {
        userSays(1007, "hi");
        bot("sendChatAction", Map.of("chat_id", 1007, "action", "typing")).statusCode(200).body("result", equalTo(true));
        bot("sendChatAction", Map.of("chat_id", 1007, "action", "dancing")).statusCode(400)
                .body("description", equalTo("Bad Request: wrong parameter action in request"));
        given().when().get("/sim/telegram/users/1007/actions").then().statusCode(200)
                .body("kind", hasItem("CHAT_ACTION")).body("action", hasItem("typing"));
    }

    @Test
    void aPressedButtonIsAnsweredOnceAndAnUnknownQueryIsRefused() {
        userSays(1008, "hi");
        bot("sendMessage", Map.of("chat_id", 1008, "text", "pick", "reply_markup", KEYBOARD)).statusCode(200);
        String queryId = given().contentType(ContentType.JSON).body(Map.of("button", 2))
                .when().post("/sim/telegram/users/1008/press").then().statusCode(200)
                .extract().path("callbackQueryId");
        bot("answerCallbackQuery", Map.of("callback_query_id", queryId, "text", "Preparing…")).statusCode(200);
        bot("answerCallbackQuery", Map.of("callback_query_id", queryId)).statusCode(400)
                .body("description", containsString("query ID is invalid"));
    }

    @Test
    void anUploadedDocumentIsKeptByteForByte() throws Exception {
        userSays(1009, "hi");
        byte[] zip = new byte[70_000];
        for (int i = 0; i < zip.length; i++) {
            zip[i] = (byte) (i * 31);
        }
        String fileId = given().multiPart("chat_id", "1009").multiPart("caption", "Your project")
                .multiPart("document", "habit-tracker.zip", zip, "application/zip")
                .when().post("/bot" + TOKEN + "/sendDocument")
                .then().statusCode(200)
                .body("result.document.file_name", equalTo("habit-tracker.zip"))
                .body("result.document.file_size", equalTo(70_000))
                .body("result.caption", equalTo("Your project"))
                .extract().path("result.document.file_id");
        byte[] kept = given().when().get("/sim/telegram/files/" + fileId).then().statusCode(200).extract().asByteArray();
        assertArrayEquals(zip, kept);
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(zip));
        given().when().get("/sim/telegram/users/1009/actions").then()
                .body("find { it.kind == 'DOCUMENT' }.document.sha256", equalTo(sha));
    }

    @Test
    void aDocumentWithoutAFileIsRefused() {
        userSays(1010, "hi");
        bot("sendDocument", Map.of("chat_id", 1010)).statusCode(400)
                .body("description", equalTo("Bad Request: there is no document in the request"));
    }

    @Test
    void invoicesAreInStarsOnly() {
        userSays(1011, "hi");
        bot("sendInvoice", Map.of("chat_id", 1011, "title", "Pack", "description", "Credits", "payload", "p",
                "currency", "USD", "prices", List.of(Map.of("label", "Pack", "amount", 100))))
                .statusCode(400).body("description", containsString("XTR"));
        bot("sendInvoice", Map.of("chat_id", 1011, "title", "Small pack", "description", "100,000 credits",
                "payload", "v1.small.1011", "currency", "XTR", "prices", List.of(Map.of("label", "Small", "amount", 50))))
                .statusCode(200)
                .body("result.invoice.currency", equalTo("XTR"))
                .body("result.invoice.total_amount", equalTo(50))
                .body("result.text", nullValue());
    }

    @Test
    void utf8ByteOffsetsAreReportedLikeTelegram() {
        userSays(1012, "hi");
        // "é" is two bytes in UTF-8: the bad tag starts at byte 3, not character 2.
        bot("sendMessage", Map.of("chat_id", 1012, "parse_mode", "HTML", "text", "é <x>")).statusCode(400)
                .body("description", containsString("at byte offset " + "é ".getBytes(StandardCharsets.UTF_8).length));
        assertEquals(3, "é ".getBytes(StandardCharsets.UTF_8).length);
    }
}
