package ai.devbot.simulator;

import static io.restassured.RestAssured.given;

import java.util.Map;

import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

/** Calls the simulator the way the platform's services and tests do. */
public final class SimulatorClient {

    public static final String TOKEN = "123456789:TEST-simulated-token";

    private SimulatorClient() {
    }

    public static ValidatableResponse bot(String method, Map<String, ?> params) {
        return given().contentType(ContentType.JSON).body(params).when().post("/bot" + TOKEN + "/" + method).then();
    }

    public static long userSays(long userId, String text) {
        return given().contentType(ContentType.JSON).body(Map.of("text", text))
                .when().post("/sim/telegram/users/" + userId + "/messages")
                .then().statusCode(200).extract().jsonPath().getLong("updateId");
    }

    public static void reset() {
        given().when().post("/sim/reset").then().statusCode(204);
    }
}
