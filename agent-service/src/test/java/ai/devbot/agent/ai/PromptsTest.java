package ai.devbot.agent.ai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class PromptsTest {

    @Inject
    Prompts prompts;

    @Test
    void valuesAreInsertedAsTextEvenWhenTheyLookLikeTemplates() {
        String user = prompts.render("review-user", "taskNumber", 3, "taskTitle", "Parse {config}", "task",
                "Handle {#if debug}verbose{/if} mode", "change", "x = {}", "files", "{! not a comment !}", "correction", "");
        assertTrue(user.startsWith("Task 3: Parse {config}\nHandle {#if debug}verbose{/if} mode\n"), user);
        assertTrue(user.contains("x = {}") && user.contains("{! not a comment !}"), user);
        assertTrue(!user.contains("previous answer"), "no correction on a first try: " + user);
    }

    @Test
    void aCorrectionAddsTheRetryInstruction() {
        String user = prompts.render("plan-user", "idea", "a CLI", "constraints", "", "correction", "tasks is empty");
        assertTrue(user.contains("tasks is empty"), user);
    }

    @Test
    void everySystemPromptCarriesItsOperationMarkerForTheSimulator() {
        for (String operation : new String[] { "plan", "review", "extend", "readme", "implement" }) {
            String system = prompts.render(operation + "-system", "editFormat", "", "stacks", java.util.List.of());
            assertTrue(system.startsWith("[devbot:" + operation + "]"), operation + ": " + system);
        }
    }

    @Test
    void thePlanPromptAsksForChecksAndNamesEveryStackTheSandboxRuns() {
        String system = prompts.render("plan-system", "stacks", java.util.List.of("Python 3.11 with pytest",
                "Node.js 20 (check: node --test)"));
        assertTrue(system.contains("\"checks\""), system);
        assertTrue(system.contains("- Python 3.11 with pytest\n- Node.js 20 (check: node --test)\n"), system);
    }

    @Test
    void anUnknownPromptIsAnError() {
        var failure = assertThrows(IllegalArgumentException.class, () -> prompts.render("deploy-user"));
        assertEquals("no prompt deploy-user", failure.getMessage());
    }
}
