package ai.devbot.simulator.llm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import ai.devbot.simulator.llm.LlmRequest.Provider;
import ai.devbot.simulator.llm.LlmRequest.Turn;
import ai.devbot.simulator.llm.scenario.BuiltInScenario;

/**
 * The built-in scenario is a whole project: its plan's tasks, implemented in order, produce edits
 * that apply exactly (creating files, then changing them) — checked with a strict applier.
 */
class BuiltInScenarioTest {

    private static final Pattern BLOCK = Pattern.compile(
            "(?m)^(\\S[^\\n]*)\\n<<<<<<< SEARCH\\n(.*?)=======\\n(.*?)>>>>>>> REPLACE\\n", Pattern.DOTALL);

    private final ObjectMapper json = new ObjectMapper();
    private final BuiltInScenario scenario = new BuiltInScenario(json);

    @Test
    void anImportedProjectIsDescribedFromItsFileTreeWithChecksWhenItHasTests() throws Exception {
        JsonNode python = json.readTree(scenario.answer(request("[devbot:onboard]", "Project: tips\n\nFiles:\n"
                + "src/tips.py\ntests/test_tips.py\n\nTelling files:\n")));
        assertEquals("tips", python.get("title").asText());
        assertEquals("python3 -m pytest -q", python.get("checks").get("check").asText());

        JsonNode node = json.readTree(scenario.answer(request("[devbot:onboard]", "Project: web\n\nFiles:\n"
                + "package.json\nindex.js\n\nTelling files:\npackage.json:\n{\"scripts\": {\"test\": \"node --test\"}}\n")));
        assertEquals("npm test", node.get("checks").get("check").asText());

        JsonNode untested = json.readTree(scenario.answer(request("[devbot:onboard]", "Project: notes\n\nFiles:\n"
                + "notes.md\n\nTelling files:\n")));
        assertTrue(untested.get("checks").isNull(), untested.toString());
    }

    @Test
    void everyTaskOfThePlanProducesEditsThatApplyToTheFilesTheEarlierTasksWrote() throws Exception {
        JsonNode plan = json.readTree(scenario.answer(request("[devbot:plan]", "Idea: a recipe box for families")));
        String architecture = plan.get("architecture").asText();
        Map<String, String> files = new TreeMap<>();
        for (int task = 1; task <= plan.get("tasks").size(); task++) {
            String title = plan.get("tasks").get(task - 1).get("title").asText();
            String answer = scenario.answer(request("[devbot:implement]\n" + architecture,
                    "Task " + task + ": " + title + "\n" + files));
            applyStrictly(answer, files);
        }
        assertTrue(files.containsKey("src/recipe_box_families/main.py"), files.keySet().toString());
        assertTrue(files.get("src/recipe_box_families/main.py").contains("from .core import Item"));
        assertTrue(files.get("src/recipe_box_families/core.py").contains("def toggled(self)"));
        assertTrue(files.containsKey("tests/test_core.py"));
        assertTrue(files.get("tests/test_main.py").contains("def test_main_greets"), "task 1 brings a first test");
        assertTrue(files.get("pyproject.toml").contains("pythonpath = [\"src\"]"));
        assertEquals(7, files.size(), files.keySet().toString());
        assertEquals("python3 -m pytest -q", plan.get("checks").get("check").asText());
    }

    @Test
    void aScriptedFailingTestIsFixedOnceItsOutputComesBack() {
        Map<String, String> files = new TreeMap<>();
        String prompt = "[devbot:implement]\nPackage: `app`";
        applyStrictly(scenario.implement(request(prompt, "Task 1: Skeleton"), false, true), files);
        assertTrue(files.get(BuiltInScenario.SCRIPTED_TEST).contains("1 + 1 == 3"));
        String failingOutput = "FAILED tests/test_scripted_failure.py::test_scripted_failure\n>   "
                + BuiltInScenario.SCRIPTED_FAILURE;
        applyStrictly(scenario.answer(request(prompt, "Task 1: Skeleton\n" + failingOutput + files)), files);
        assertTrue(files.get(BuiltInScenario.SCRIPTED_TEST).contains("1 + 1 == 2"), files.get(BuiltInScenario.SCRIPTED_TEST));
    }

    @Test
    void aRetryThatSeesItsEditsAlreadyAppliedWritesAFollowUpInsteadOfFailing() {
        Map<String, String> files = new TreeMap<>();
        String prompt = "[devbot:implement]\nPackage: `app`";
        applyStrictly(scenario.answer(request(prompt, "Task 1: Skeleton")), files);
        applyStrictly(scenario.answer(request(prompt, "Task 2: Core model\n" + files)), files);
        String retry = scenario.answer(request(prompt, "Task 2: Core model\nReview: add a docstring\n" + files));
        applyStrictly(retry, files);
        assertTrue(files.containsKey("docs/task-2-fixes.md"));
    }

    @Test
    void aLaterRetryAddsToItsFollowUpInsteadOfCreatingItAgain() {
        Map<String, String> files = new TreeMap<>();
        String prompt = "[devbot:implement]\nPackage: `app`";
        applyStrictly(scenario.answer(request(prompt, "Task 1: Skeleton")), files);
        applyStrictly(scenario.answer(request(prompt, "Task 1: Skeleton\nReview: add a docstring\n" + files)), files);
        applyStrictly(scenario.answer(request(prompt, "Task 1: Skeleton\nReview: name the flag\n" + files)), files);
        String followUp = files.get("docs/task-1-fixes.md");
        assertTrue(followUp.contains("Addressed: add a docstring") && followUp.contains("Addressed: name the flag"),
                followUp);
    }

    @Test
    void changeRequestsBecomeTasksAndTheReadmeNamesTheProject() throws Exception {
        JsonNode extension = json.readTree(scenario.answer(request("[devbot:extend]", "Change request: export habits as CSV")));
        assertEquals("Change: export habits as CSV", extension.get("tasks").get(0).get("title").asText());
        String readme = scenario.answer(request("[devbot:readme]", "Project: Habit Tracker\nPackage: `habit_tracker`"));
        assertTrue(readme.startsWith("# Habit Tracker"));
        assertTrue(readme.contains("devbot LLM simulator"));
    }

    private static LlmRequest request(String system, String user) {
        return new LlmRequest(Provider.OPENAI, "m", "k", List.of(new Turn("system", system), new Turn("user", user)), null);
    }

    /** Exact-match SEARCH/REPLACE; empty SEARCH creates a file that must not exist. */
    private static void applyStrictly(String answer, Map<String, String> files) {
        Matcher block = BLOCK.matcher(answer);
        List<String> applied = new ArrayList<>();
        while (block.find()) {
            String path = block.group(1).trim();
            String search = block.group(2);
            String replace = block.group(3);
            if (search.isEmpty()) {
                assertTrue(!files.containsKey(path), "creating " + path + " which exists");
                files.put(path, replace);
            } else {
                String content = files.get(path);
                assertTrue(content != null && content.contains(search), "SEARCH not found in " + path + ":\n" + search);
                files.put(path, content.replace(search, replace));
            }
            applied.add(path);
        }
        assertTrue(!applied.isEmpty(), "no edit blocks in:\n" + answer);
    }
}
