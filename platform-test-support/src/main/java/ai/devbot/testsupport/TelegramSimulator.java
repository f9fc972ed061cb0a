package ai.devbot.testsupport;

import static io.restassured.RestAssured.given;

import java.util.List;
import java.util.Map;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;

/** The user's side of the Telegram simulator, for tests: users send, press and pay; see what the bot did. */
public final class TelegramSimulator {

    private final String url;

    public TelegramSimulator(String url) {
        this.url = url;
    }

    public static TelegramSimulator running() {
        return new TelegramSimulator(SimulatorResource.url());
    }

    private RequestSpecification sim() {
        return given().baseUri(url).contentType(ContentType.JSON);
    }

    /** The user sends text (a command when it starts with /); returns the update id. */
    public long send(long userId, String text) {
        return sim().body(Map.of("text", text)).post("/sim/telegram/users/{id}/messages", userId)
                .then().statusCode(200).extract().jsonPath().getLong("updateId");
    }

    /** The same, from a user with this first name (Telegram shows it; the bot may greet them by it). */
    public long send(long userId, String text, String firstName) {
        return sim().body(Map.of("text", text, "firstName", firstName)).post("/sim/telegram/users/{id}/messages", userId)
                .then().statusCode(200).extract().jsonPath().getLong("updateId");
    }

    /**
     * The user sends a file with an optional caption; {@code declaredSize} makes the update claim another size
     * (null: the real one). Returns the update id.
     */
    public long sendDocument(long userId, String fileName, String mimeType, byte[] content, String caption,
            Long declaredSize) {
        RequestSpecification request = given().baseUri(url).contentType("application/octet-stream")
                .queryParam("fileName", fileName).queryParam("mimeType", mimeType);
        if (caption != null) {
            request = request.queryParam("caption", caption);
        }
        if (declaredSize != null) {
            request = request.queryParam("declaredSize", declaredSize);
        }
        return request.body(content).post("/sim/telegram/users/{id}/documents", userId).then().statusCode(200)
                .extract().jsonPath().getLong("updateId");
    }

    /** Presses a button by its callback data; {@code forged} sends data no button carries. Returns the query id. */
    public String press(long userId, String callbackData, boolean forged) {
        return sim().body(Map.of("callbackData", callbackData, "forged", forged))
                .post("/sim/telegram/users/{id}/press", userId)
                .then().statusCode(200).extract().jsonPath().getString("callbackQueryId");
    }

    /** Pays the latest invoice in the chat: pre-checkout, then successful_payment if the bot said ok. */
    public JsonPath pay(long userId) {
        return sim().body(Map.of()).post("/sim/telegram/users/{id}/pay", userId).then().extract().jsonPath();
    }

    /** Queues a raw update of any kind; returns its update id. */
    public long inject(String updateJson) {
        return sim().body(updateJson).post("/sim/telegram/updates").then().statusCode(200).extract().jsonPath()
                .getLong("updateId");
    }

    /** What the bot did in the chat after {@code after}, waiting up to {@code waitSeconds} for something new. */
    public List<Map<String, Object>> actions(long userId, long after, double waitSeconds) {
        return sim().queryParam("after", after).queryParam("wait", waitSeconds)
                .get("/sim/telegram/users/{id}/actions", userId).then().statusCode(200).extract().jsonPath()
                .getList("$");
    }

    /** Waits until the chat shows at least {@code count} actions after {@code after}. */
    public List<Map<String, Object>> awaitActions(long userId, long after, int count, double patienceSeconds) {
        long deadline = System.nanoTime() + (long) (patienceSeconds * 1e9);
        List<Map<String, Object>> all = new java.util.ArrayList<>();
        long last = after;
        while (all.size() < count && System.nanoTime() < deadline) {
            List<Map<String, Object>> more = actions(userId, last, 1);
            all.addAll(more);
            if (!more.isEmpty()) {
                last = ((Number) more.get(more.size() - 1).get("seq")).longValue();
            }
        }
        if (all.size() < count) {
            throw new AssertionError("expected " + count + " bot actions in chat " + userId + ", saw " + all);
        }
        return all;
    }


    /** Flood control as Telegram would apply it; tests turn it on to provoke 429s. */
    public void rateLimit(boolean enabled, double perChatPerSecond, int perChatBurst, double globalPerSecond,
            int globalBurst) {
        sim().body(Map.of("enabled", enabled, "perChatPerSecond", perChatPerSecond, "perChatBurst", perChatBurst,
                "globalPerSecond", globalPerSecond, "globalBurst", globalBurst))
                .put("/sim/telegram/rate-limit").then().statusCode(200);
    }

    /** Telegram's parser refuses the next {@code count} HTML texts, as it sometimes does with valid-looking markup. */
    public void refuseHtml(int count) {
        sim().body(Map.of("count", count)).put("/sim/telegram/html-refusals").then().statusCode(200);
    }

}
