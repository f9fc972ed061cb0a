package ai.devbot.simulator.telegram;

import static ai.devbot.simulator.SimulatorClient.TOKEN;
import static ai.devbot.simulator.SimulatorClient.bot;
import static ai.devbot.simulator.SimulatorClient.userSays;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

@QuarkusTest
class UserSideTest {

    @Test
    void theTranscriptNumbersButtonsSoAPersonCanPressThem() {
        userSays(5001, "/start");
        bot("sendMessage", Map.of("chat_id", 5001, "parse_mode", "HTML", "text", "<b>Welcome</b>\nPick one:",
                "reply_markup", Map.of("inline_keyboard", List.of(
                        List.of(Map.of("text", "New project", "callback_data", "new")),
                        List.of(Map.of("text", "Help", "callback_data", "help"), Map.of("text", "Buy", "callback_data", "buy"))))));
        given().when().get("/sim/telegram/users/5001/transcript").then().statusCode(200)
                .body(containsString("bot:\n  Welcome\n  Pick one:\n"))
                .body(containsString("[1] New project"))
                .body(containsString("[2] Help [3] Buy"));
        given().contentType(ContentType.JSON).body(Map.of("button", 3)).when().post("/sim/telegram/users/5001/press")
                .then().statusCode(200);
        bot("getUpdates", Map.of()).body("result.find { it.callback_query != null }.callback_query.data", equalTo("buy"));
    }

    @Test
    void callbackDataNoButtonCarriesIsOnlySentWhenForged() {
        userSays(5002, "/start");
        given().contentType(ContentType.JSON).body(Map.of("callbackData", "impl:all:p999"))
                .when().post("/sim/telegram/users/5002/press").then().statusCode(400)
                .body("error", containsString("forged=true"));
        given().contentType(ContentType.JSON).body(Map.of("callbackData", "impl:all:p999", "forged", true))
                .when().post("/sim/telegram/users/5002/press").then().statusCode(200);
    }

    @Test
    void readingActionsWaitsForTheBot() throws Exception {
        userSays(5003, "/status");
        CompletableFuture<String> waiting = CompletableFuture.supplyAsync(() -> given()
                .when().get("/sim/telegram/users/5003/actions?after=0&wait=10").then().statusCode(200)
                .extract().path("[0].text"));
        Thread.sleep(200);
        bot("sendMessage", Map.of("chat_id", 5003, "text", "All quiet."));
        assertEquals("All quiet.", waiting.get());
    }

    @Test
    void aDocumentTheUserSendsIsFetchedWithGetFileAndTheFileUrlAsTelegramServesIt() {
        byte[] zip = { 'P', 'K', 5, 6, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0 };
        given().contentType("application/octet-stream").queryParam("fileName", "app.zip")
                .queryParam("mimeType", "application/zip").queryParam("caption", "/import").body(zip)
                .when().post("/sim/telegram/users/5005/documents").then().statusCode(200);
        var document = bot("getUpdates", Map.of()).extract().jsonPath()
                .getMap("result.find { it.message?.document?.file_name == 'app.zip' }.message.document");
        assertEquals(zip.length, ((Number) document.get("file_size")).intValue());

        String path = bot("getFile", Map.of("file_id", document.get("file_id"))).statusCode(200)
                .extract().path("result.file_path");
        byte[] downloaded = given().when().get("/file/bot" + TOKEN + "/" + path).then().statusCode(200)
                .extract().asByteArray();
        assertArrayEquals(zip, downloaded);
        given().when().get("/file/bot123:wrong/" + path).then().statusCode(401);
        given().when().get("/file/bot" + TOKEN + "/documents/../../etc/passwd").then().statusCode(404);
    }

    @Test
    void aFileOverTheBotDownloadLimitIsRefusedByGetFileWhateverTheUpdateDeclared() {
        given().contentType("application/octet-stream").queryParam("fileName", "huge.zip").queryParam("declaredSize", 1000)
                .body(new byte[21 * 1024 * 1024]).when().post("/sim/telegram/users/5006/documents").then().statusCode(200);
        var document = bot("getUpdates", Map.of()).extract().jsonPath()
                .getMap("result.find { it.message?.document?.file_name == 'huge.zip' }.message.document");
        assertEquals(1000, ((Number) document.get("file_size")).intValue(), "the update lies about the size");

        bot("getFile", Map.of("file_id", document.get("file_id"))).statusCode(400)
                .body("description", equalTo("Bad Request: file is too big"));
    }

    @Test
    void anEmptyMessageIsRefusedWithAClearError() {
        given().contentType(ContentType.JSON).body(Map.of("text", " ")).when().post("/sim/telegram/users/5004/messages")
                .then().statusCode(400).body("error", equalTo("text is required"));
    }
}
