package ai.devbot.simulator.llm;

import static ai.devbot.simulator.llm.OpenAiSimulatorTest.chat;
import static ai.devbot.simulator.llm.OpenAiSimulatorTest.scenario;
import static ai.devbot.simulator.llm.OpenAiSimulatorTest.user;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;

import java.nio.file.Files;
import java.nio.file.Path;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import ai.devbot.simulator.SimulatorClient;
import ai.devbot.simulator.llm.scenario.ScenarioEngine;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class ScenarioTest {

    @Inject
    ScenarioEngine engine;

    @BeforeEach
    void clean() {
        SimulatorClient.reset();
    }

    @Test
    void anExactScriptedAnswerWithItsOwnUsageIsServedOnlyAsOftenAsAllowed() {
        scenario("""
                rules:
                  - name: fixed
                    match: { operation: readme, model: m }
                    times: 2
                    respond: { text: "# Fixed README", usage: { inputTokens: 1000, outputTokens: 42 } }
                """);
        for (int i = 0; i < 2; i++) {
            chat("k", user("[devbot:readme] Project: X")).statusCode(200)
                    .body("choices[0].message.content", equalTo("# Fixed README"))
                    .body("usage.prompt_tokens", equalTo(1000)).body("usage.completion_tokens", equalTo(42));
        }
        chat("k", user("[devbot:readme] Project: X")).statusCode(200)
                .body("choices[0].message.content", not(equalTo("# Fixed README")));
    }

    @Test
    void theRequestLogNamesOperationRuleAndKeyAliasButNeverTheKey() {
        scenario("rules: [ { name: reject-once, match: { operation: review }, times: 1, respond: { fault: review-reject, problem: \"No tests\" } } ]");
        chat("sk-secret-value-9876", user("[devbot:review] Task 1: Skeleton")).statusCode(200)
                .body("choices[0].message.content", containsString("\"approved\" : false"))
                .body("choices[0].message.content", containsString("No tests"));
        given().when().get("/sim/llm/requests").then().statusCode(200)
                .body("$", hasSize(1))
                .body("[0].operation", equalTo("review"))
                .body("[0].rule", equalTo("reject-once"))
                .body("[0].keyAlias", equalTo("…9876"))
                .body(not(containsString("sk-secret-value")));
    }

    @Test
    void anEditMismatchFaultSendsASearchBlockThatMatchesNothing() {
        scenario("rules: [ { match: { operation: implement }, respond: { fault: edit-mismatch } } ]");
        chat("k", user("[devbot:implement] Package: `app`\nTask 2: Core model")).statusCode(200)
                .body("choices[0].message.content", containsString("def this_function_does_not_exist():"));
    }

    @Test
    void invalidScenariosAreRefusedWithTheReason() {
        given().contentType("application/yaml").body("rules: [ { respond: { fault: explode } } ]".getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .when().post("/sim/llm/scenarios").then().statusCode(400).body("error", containsString("unknown fault 'explode'"));
        given().contentType("application/yaml").body("rules: [ { match: { colour: red }, respond: { text: x } } ]".getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .when().post("/sim/llm/scenarios").then().statusCode(400).body("error", containsString("not a valid scenario"));
        given().contentType("application/yaml").body("nothing: here".getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .when().post("/sim/llm/scenarios").then().statusCode(400);
    }

    @Test
    void theShippedExampleScenarioFileIsValid() throws Exception {
        Path example = Path.of("scenarios/faults-example.yaml");
        var scenario = engine.parse(Files.readString(example));
        org.junit.jupiter.api.Assertions.assertFalse(scenario.rules().isEmpty());
    }
}
