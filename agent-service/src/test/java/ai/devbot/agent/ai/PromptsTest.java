package ai.devbot.agent.ai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.inject.Inject;

import java.util.List;

import org.junit.jupiter.api.Test;

import ai.devbot.agent.operation.Requests;
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
        for (String operation : new String[] { "plan", "review", "extend", "readme", "implement", "onboard" }) {
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

    @Test
    void eachKindOfFeedbackIsWordedForTheImplementer() {
        assertTrue(implement(new Requests.Feedback(Requests.Feedback.Kind.NO_EDITS, List.of(), null))
                .contains("Fix exactly this:\nYour answer contained no edits."));
        String notApplied = implement(new Requests.Feedback(Requests.Feedback.Kind.NOT_APPLIED,
                List.of("app.py: the SEARCH text was not found"), null));
        assertTrue(notApplied.contains("did not apply and nothing was changed. Fix these problems:\n"
                + "- app.py: the SEARCH text was not found\n"), notApplied);
        String rejected = implement(new Requests.Feedback(Requests.Feedback.Kind.REJECTED,
                List.of("the total is not shown", "no test"), null));
        assertTrue(rejected.contains("Review: the change was not approved. Fix these problems (the files already "
                + "contain your previous edits):\n- the total is not shown\n- no test\n"), rejected);
        assertTrue(implement(new Requests.Feedback(Requests.Feedback.Kind.UNREADABLE,
                List.of("no SEARCH/REPLACE block could be read"), null)).contains("no SEARCH/REPLACE block could be read"));
    }

    @Test
    void failedChecksShowTheCommandTheFailingTestsAndTheOutputsEnd() {
        String text = implement(new Requests.Feedback(Requests.Feedback.Kind.CHECKS_FAILED, List.of(),
                new Requests.CheckRun("python3 -m pytest -q", "✗ 1 of 3 failed", "check", "exited with code 1",
                        List.of(new Requests.TestFailure("test_total", "assert 3 == 4"),
                                new Requests.TestFailure("test_empty", null)),
                        "FAILED test_total", "")));
        assertTrue(text.contains("Change the code so that `python3 -m pytest -q` passes.\n"
                + "check: ✗ 1 of 3 failed (exited with code 1)\nFailing tests:\n- test_total: assert 3 == 4\n"
                + "- test_empty\nOutput (its end):\n```\nFAILED test_total\n```\n"), text);
        assertFalse(text.contains("Errors (their end)"), text);
    }

    @Test
    void aFirstAttemptHasNoFeedbackAndAnOldOrchestratorsLinesStillArrive() {
        assertFalse(implement(null).contains("did not go through"));
        String legacy = prompts.render("implement-user", "architecture", "a", "taskNumber", 1, "taskTitle", "t",
                "task", "d", "fileTree", "", "context", "", "feedback", null, "feedbackKind", "", "previousErrors",
                "tests failed: 2 of 5", "correction", "");
        assertTrue(legacy.contains("Fix exactly this:\ntests failed: 2 of 5"), legacy);
    }

    @Test
    void theReviewSeesEveryEditTheChecksAndTheFilesAsTheyAreNow() {
        String user = prompts.render("review-user", "taskNumber", 2, "taskTitle", "Totals", "task", "Show totals",
                "explanation", "Added totals.", "edits", List.of(
                        new Requests.Edit("replace", "app.py", "x = 0", "x = 1", null),
                        new Requests.Edit("write", "README.md", null, null, "# App"),
                        new Requests.Edit("delete", "old.py", null, null, null)),
                "checks", "✓ 5 passed", "changedFiles", List.of(new Requests.ChangedFile("app.py", "x = 1", false),
                        new Requests.ChangedFile("old.py", null, true)), "filesLeftOut", 2, "change", "", "files", "",
                "correction", "");
        assertTrue(user.contains("The change:\nAdded totals.\n\napp.py\n<<<<<<< SEARCH\nx = 0\n=======\nx = 1\n"
                + ">>>>>>> REPLACE\n\nREADME.md (whole file)\n```\n# App\n```\n\nDELETE old.py\n\n"
                + "The project's checks after the change: ✓ 5 passed\n"), user);
        assertTrue(user.contains("The files after the change:\napp.py:\n```\nx = 1\n```\nold.py: (deleted)\n"
                + "(2 more files changed; not shown)\n"), user);
    }

    private String implement(Requests.Feedback feedback) {
        return prompts.render("implement-user", "architecture", "one module", "taskNumber", 2, "taskTitle", "Totals",
                "task", "Show totals", "fileTree", "app.py", "context", "", "feedback", feedback, "feedbackKind",
                feedback == null ? "" : feedback.kind().name(), "previousErrors", "", "correction", "");
    }
}
