package ai.devbot.agent.operation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import ai.devbot.testsupport.SimulatorResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;

/** The providers swapped — Architect on an OpenAI-compatible endpoint, Implementer on Gemini: every operation in the other protocol. */
@QuarkusTest
@TestProfile(SwappedProtocolsTest.Swapped.class)
@QuarkusTestResource(value = SimulatorResource.class, restrictToAnnotatedClass = true, initArgs = @ResourceArg(
        name = "urls", value = "agent.models.architect.base-url=/v1,agent.models.implementer.base-url=/v1beta"))
class SwappedProtocolsTest {

    public static class Swapped implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("agent.models.architect.provider", "openai", "agent.models.architect.model", "gpt-4o-mini",
                    "agent.models.implementer.provider", "gemini", "agent.models.implementer.provider-name", "gemini",
                    "agent.models.implementer.model", "gemini-2.5-pro");
        }
    }

    static JsonPath call(String operation, Map<String, Object> fields) {
        var body = new java.util.HashMap<String, Object>(Map.of("jobId", "job-swapped", "userId", 77, "projectId", 1));
        body.putAll(fields);
        return AgentApi.call(operation, body).statusCode(200).extract().jsonPath();
    }

    static final Map<String, Object> TASK = Map.of("number", 1, "title", "Skeleton", "description", "Package and CLI",
            "acceptanceCriteria", List.of("it runs"));

    @Test
    void everyOperationWorksInTheOtherProtocol() {
        JsonPath plan = call("plan", Map.of("idea", "A CLI that counts words"));
        assertEquals(4, plan.getList("plan.tasks").size());
        assertEquals("openai", plan.getString("usage.calls[0].provider"));
        assertTrue(plan.getBoolean("usage.simulated"), "OpenAI-style answers are recognised as simulated too");
        assertTrue(call("review", Map.of("task", TASK, "change", "x.py\n+print(1)")).getBoolean("review.approved"));
        assertFalse(call("extend", Map.of("plan", Map.of("title", "Word counter"), "changeRequest", "Add CSV export"))
                .getList("tasks").isEmpty());
        assertFalse(call("readme", Map.of("title", "Word counter", "architecture", "# Word counter")).getString("markdown")
                .isBlank());
        JsonPath implement = call("implement", Map.of("task", TASK, "architecture", "Package: `wordcount`"));
        assertFalse(implement.getList("edits").isEmpty());
        assertEquals("gemini", implement.getString("usage.calls[0].provider"));
    }
}
