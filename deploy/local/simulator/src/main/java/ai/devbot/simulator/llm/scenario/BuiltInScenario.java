package ai.devbot.simulator.llm.scenario;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import ai.devbot.simulator.llm.LlmRequest;

/**
 * The answers that make the product work end to end without a real model, following the prompt
 * contract of docs/contracts/llm/README.md: a plan for any idea (a small Python CLI project in four
 * tasks), edits that create and then change real files for each task, approving reviews, change
 * requests turned into tasks, and a README. Everything is deterministic: the same request gives the
 * same answer, so tests can predict files and token counts.
 */
@ApplicationScoped
public class BuiltInScenario {

    static final String SIMULATOR_NOTE = "(written by the devbot LLM simulator)";

    private static final Pattern IDEA = Pattern.compile("(?im)^\\s*Idea:\\s*(.+)$");
    private static final Pattern CHANGE = Pattern.compile("(?im)^\\s*Change request:\\s*(.+)$");
    private static final Pattern PROJECT = Pattern.compile("(?im)^\\s*Project:\\s*(.+)$");
    private static final Pattern PACKAGE = Pattern.compile("Package: `([a-z_][a-z0-9_]*)`");
    private static final Pattern TASK = Pattern.compile("(?i)\\bTask\\s+(\\d+)\\b(?:\\s*[:.-]\\s*(.+))?");
    private static final Pattern FILE_TREE = Pattern.compile("(?s)\\nFiles[^\\n]*:\\n(.*?)\\nTelling files:");
    private static final Pattern REVIEW_FEEDBACK = Pattern.compile("(?is)(?:review|problems?)\\s*:\\s*(.{1,400})");

    private final ObjectMapper json;

    public BuiltInScenario(ObjectMapper json) {
        this.json = json;
    }

    public String answer(LlmRequest request) {
        return switch (request.operation()) {
            case "plan" -> plan(request);
            case "implement" -> implement(request, false);
            case "review" -> review(true, List.of());
            case "extend" -> extend(request);
            case "readme" -> readme(request);
            case "onboard" -> onboard(request);
            default -> "This is the devbot LLM simulator. It answers the platform's prompts, marked [devbot:plan], "
                    + "[devbot:implement], [devbot:review], [devbot:extend], [devbot:readme] and [devbot:onboard].";
        };
    }

    // ------------------------------------------------------------------ plan

    String plan(LlmRequest request) {
        String idea = firstGroup(IDEA, request.promptText()).orElse(request.lastUserText()).trim();
        String title = titleOf(idea);
        String pkg = packageOf(title);
        ObjectNode plan = json.createObjectNode();
        plan.put("title", title);
        plan.put("summary", "A small Python command-line application for: " + idea + " " + SIMULATOR_NOTE);
        ArrayNode stack = plan.putArray("techStack");
        List.of("Python 3.11", "argparse", "sqlite3", "pytest").forEach(stack::add);
        plan.put("architecture", """
                # %s — architecture

                Package: `%s`

                A command-line application in one Python package:

                | module | responsibility |
                | --- | --- |
                | `main.py` | command-line entry point, argument parsing |
                | `core.py` | the domain model and its rules |
                | `storage.py` | persistence in a local SQLite file |

                Tests live in `tests/` and run with `python3 -m pytest -q` (pyproject.toml puts `src` on the path).

                _%s_
                """.formatted(title, pkg, SIMULATOR_NOTE));
        ObjectNode checks = plan.putObject("checks");
        checks.put("setup", "");
        checks.put("check", "python3 -m pytest -q");
        ArrayNode tasks = plan.putArray("tasks");
        task(tasks, "Project skeleton", "Create the package layout, pyproject.toml, a runnable entry point and a first test.",
                "`python -m " + pkg + ".main` prints a greeting", "pyproject.toml declares the package",
                "`python3 -m pytest -q` passes");
        task(tasks, "Core model", "Add the domain model in core.py and use it from the entry point.",
                "core.py defines Item with a name and a done flag", "main.py creates an Item and prints it");
        task(tasks, "Storage", "Persist items in SQLite through storage.py.",
                "storage.py saves and loads items", "core.py exposes Item.toggled()");
        task(tasks, "Tests", "Cover the core model with pytest.",
                "tests/test_core.py checks Item and toggled()", "pytest passes");
        return plan.toPrettyString();
    }

    private void task(ArrayNode tasks, String title, String description, String... criteria) {
        ObjectNode task = tasks.addObject();
        task.put("title", title);
        task.put("description", description);
        ArrayNode acceptance = task.putArray("acceptanceCriteria");
        Arrays.stream(criteria).forEach(acceptance::add);
    }

    // ------------------------------------------------------------------ implement

    /** An edit block in Aider's SEARCH/REPLACE format; empty search creates the file. */
    record Edit(String path, String search, String replace) {
    }

    /** A test the {@code failing-tests} fault adds; the next answer that sees its output fixes it. */
    public static final String SCRIPTED_TEST = "tests/test_scripted_failure.py";
    public static final String SCRIPTED_FAILURE = "    assert 1 + 1 == 3, \"scripted failure (devbot simulator)\"\n";

    String implement(LlmRequest request, boolean mismatch) {
        return implement(request, mismatch, false);
    }

    /** With {@code failingTest}, the answer also writes (or keeps) a test that fails. */
    public String implement(LlmRequest request, boolean mismatch, boolean failingTest) {
        String prompt = request.promptText();
        int number = taskNumber(prompt);
        String pkg = firstGroup(PACKAGE, prompt).orElseGet(() -> packageOf(firstGroup(PROJECT, prompt).orElse("app")));
        String title = titleFromPackage(pkg);
        List<Edit> edits = new ArrayList<>(editsFor(number, pkg, title, firstGroup(TASK, prompt, 2).orElse("")));
        // A retry sees the files as the last attempt left them: skip what is already there.
        edits.removeIf(edit -> !edit.replace().isEmpty() && prompt.contains(edit.replace()));
        boolean scriptedTestExists = prompt.contains(SCRIPTED_FAILURE);
        if (failingTest) {
            // Written once, then kept as it is by an edit that changes nothing but still applies.
            edits.add(scriptedTestExists ? new Edit(SCRIPTED_TEST, SCRIPTED_FAILURE, SCRIPTED_FAILURE)
                    : new Edit(SCRIPTED_TEST, "", "def test_scripted_failure():\n" + SCRIPTED_FAILURE));
        } else if (scriptedTestExists && prompt.contains("test_scripted_failure")) {
            // The failing test's output came back: fix it the way a model would.
            edits.add(new Edit(SCRIPTED_TEST, SCRIPTED_FAILURE, SCRIPTED_FAILURE.replace("1 + 1 == 3", "1 + 1 == 2")));
        }
        if (edits.isEmpty()) {
            String feedback = firstGroup(REVIEW_FEEDBACK, prompt).orElse("the review's points").trim();
            String fixes = "docs/task-" + number + "-fixes.md";
            String header = "# Task " + number + " — follow-up\n";
            String addressed = "\nAddressed: " + feedback + "\n";
            // A later retry finds its follow-up in the file tree: it adds to it, as a model would.
            edits.add(prompt.contains(fixes) ? new Edit(fixes, header, header + addressed)
                    : new Edit(fixes, "", header + addressed));
        }
        if (mismatch) {
            Edit first = edits.stream().filter(e -> !e.search().isEmpty()).findFirst()
                    .orElse(new Edit("src/" + pkg + "/main.py", "", ""));
            edits.add(0, new Edit(first.path(), "def this_function_does_not_exist():\n    pass\n",
                    "def replacement():\n    pass\n"));
        }
        StringBuilder answer = new StringBuilder("Here are the changes for task ").append(number).append(' ')
                .append(SIMULATOR_NOTE).append(".\n\n");
        for (Edit edit : edits) {
            answer.append(edit.path()).append('\n')
                    .append("<<<<<<< SEARCH\n").append(edit.search())
                    .append("=======\n").append(edit.replace())
                    .append(">>>>>>> REPLACE\n\n");
        }
        answer.append("Each file is small and covered by the task's acceptance criteria.");
        return answer.toString();
    }

    private static List<Edit> editsFor(int task, String pkg, String title, String taskTitle) {
        String src = "src/" + pkg + "/";
        String greeting = "def main() -> None:\n    print(\"" + title + " is ready.\")\n";
        return switch (task) {
            case 1 -> List.of(
                    new Edit("pyproject.toml", "", """
                            [project]
                            name = "%s"
                            version = "0.1.0"
                            requires-python = ">=3.11"

                            [project.scripts]
                            %s = "%s.main:main"

                            [tool.pytest.ini_options]
                            pythonpath = ["src"]
                            """.formatted(pkg.replace('_', '-'), pkg.replace('_', '-'), pkg)),
                    new Edit("tests/test_main.py", "", """
                            from %s.main import main


                            def test_main_greets(capsys):
                                main()
                                assert "is ready." in capsys.readouterr().out
                            """.formatted(pkg)),
                    new Edit(src + "__init__.py", "", "\"\"\"" + title + ".\"\"\"\n"),
                    new Edit(src + "main.py", "", "\"\"\"Command-line entry point.\"\"\"\n\n\n" + greeting
                            + "\n\nif __name__ == \"__main__\":\n    main()\n"));
            case 2 -> List.of(
                    new Edit(src + "core.py", "", """
                            \"\"\"The domain model.\"\"\"
                            from dataclasses import dataclass


                            @dataclass(frozen=True)
                            class Item:
                                name: str
                                done: bool = False
                            """),
                    new Edit(src + "main.py", "\"\"\"Command-line entry point.\"\"\"\n",
                            "\"\"\"Command-line entry point.\"\"\"\nfrom .core import Item\n"),
                    new Edit(src + "main.py", greeting,
                            "def main() -> None:\n    print(\"" + title + " is ready.\")\n    print(Item(\"first item\"))\n"));
            case 3 -> List.of(
                    new Edit(src + "storage.py", "", """
                            \"\"\"Persistence in a local SQLite file.\"\"\"
                            import sqlite3

                            from .core import Item


                            def save(path: str, items: list[Item]) -> None:
                                with sqlite3.connect(path) as db:
                                    db.execute("CREATE TABLE IF NOT EXISTS item (name TEXT PRIMARY KEY, done INTEGER)")
                                    db.executemany("INSERT OR REPLACE INTO item VALUES (?, ?)",
                                                   [(i.name, int(i.done)) for i in items])


                            def load(path: str) -> list[Item]:
                                with sqlite3.connect(path) as db:
                                    db.execute("CREATE TABLE IF NOT EXISTS item (name TEXT PRIMARY KEY, done INTEGER)")
                                    return [Item(name, bool(done)) for name, done in db.execute("SELECT name, done FROM item")]
                            """),
                    new Edit(src + "core.py", "    done: bool = False\n", """
                                done: bool = False

                                def toggled(self) -> "Item":
                                    return Item(self.name, not self.done)
                            """));
            case 4 -> List.of(new Edit("tests/test_core.py", "", """
                    from %s.core import Item


                    def test_new_items_are_not_done():
                        assert not Item("a").done


                    def test_toggled_flips_done():
                        assert Item("a").toggled().done
                    """.formatted(pkg)));
            default -> List.of(new Edit(src + "change_" + task + ".py", "", """
                    \"\"\"Task %d: %s\"\"\"


                    def describe() -> str:
                        return "%s"
                    """.formatted(task, taskTitle.isBlank() ? "change request" : taskTitle,
                    (taskTitle.isBlank() ? "change request " + task : taskTitle).replace("\"", "'"))),
                    new Edit("tests/test_change_" + task + ".py", "", """
                            import pathlib
                            import sys

                            # Runs whether or not the project's pytest configuration puts src on the path yet.
                            sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent.parent / "src"))

                            from %s.change_%d import describe  # noqa: E402


                            def test_describes_the_change():
                                assert describe()
                            """.formatted(pkg, task)));
        };
    }

    // ------------------------------------------------------------------ review, extend, readme

    String review(boolean approved, List<String> problems) {
        ObjectNode review = json.createObjectNode();
        review.put("approved", approved);
        ArrayNode list = review.putArray("problems");
        problems.forEach(list::add);
        review.put("summary", approved ? "The change meets the task's acceptance criteria " + SIMULATOR_NOTE + "."
                : "The change does not meet the acceptance criteria yet " + SIMULATOR_NOTE + ".");
        return review.toPrettyString();
    }

    private String extend(LlmRequest request) {
        String change = firstGroup(CHANGE, request.promptText()).orElse(request.lastUserText()).trim();
        ObjectNode answer = json.createObjectNode();
        ArrayNode tasks = answer.putArray("tasks");
        String words = String.join(" ", Arrays.stream(change.split("\\s+")).limit(6).toList());
        task(tasks, "Change: " + words, change, "The change request is implemented: " + change);
        return answer.toPrettyString();
    }

    private String readme(LlmRequest request) {
        String prompt = request.promptText();
        String pkg = firstGroup(PACKAGE, prompt).orElseGet(() -> packageOf(firstGroup(PROJECT, prompt).orElse("app")));
        String title = firstGroup(PROJECT, prompt).map(String::trim).orElse(titleFromPackage(pkg));
        return """
                # %s

                A small Python command-line application.

                ## Run

                ```bash
                pip install -e .
                %s
                ```

                ## Test

                ```bash
                pytest
                ```

                _%s_
                """.formatted(title, pkg.replace('_', '-'), SIMULATOR_NOTE);
    }

    // ------------------------------------------------------------------ onboard

    /**
     * An imported project described from its file tree: a Python project with tests is checked with pytest, a
     * Node.js one with npm test (or node --test), anything else has no checks.
     */
    String onboard(LlmRequest request) {
        String prompt = request.promptText();
        String title = firstGroup(PROJECT, prompt).map(String::trim).orElse("Imported project");
        List<String> files = fileTree(prompt);
        boolean node = files.contains("package.json");
        boolean python = files.stream().anyMatch(path -> path.endsWith(".py"));
        boolean pythonTests = files.stream().anyMatch(path -> path.matches("(.*/)?test_[^/]*\\.py|(.*/)?[^/]*_test\\.py"));
        ObjectNode onboarding = json.createObjectNode();
        onboarding.put("title", title);
        onboarding.put("summary", "An imported " + (node ? "Node.js" : python ? "Python" : "software") + " project with "
                + files.size() + " files. " + SIMULATOR_NOTE);
        ArrayNode stack = onboarding.putArray("techStack");
        (node ? List.of("Node.js 20") : python ? List.of("Python 3.11", "pytest") : List.of("plain files")).forEach(stack::add);
        StringBuilder architecture = new StringBuilder("# " + title + " — architecture\n\n| file |\n| --- |\n");
        files.stream().limit(40).forEach(path -> architecture.append("| `").append(path).append("` |\n"));
        onboarding.put("architecture", architecture + "\n_" + SIMULATOR_NOTE + "_\n");
        if (node) {
            ObjectNode checks = onboarding.putObject("checks");
            checks.put("setup", "");
            checks.put("check", prompt.contains("\"test\":") ? "npm test" : "node --test");
        } else if (python && pythonTests) {
            ObjectNode checks = onboarding.putObject("checks");
            checks.put("setup", "");
            checks.put("check", "python3 -m pytest -q");
        } else {
            onboarding.putNull("checks");
        }
        return onboarding.toPrettyString();
    }

    /** The lines between "Files…:" and "Telling files:" in the onboarding prompt. */
    private static List<String> fileTree(String prompt) {
        Matcher tree = FILE_TREE.matcher(prompt);
        if (!tree.find()) {
            return List.of();
        }
        return tree.group(1).lines().map(String::strip).filter(line -> !line.isEmpty()).toList();
    }

    // ------------------------------------------------------------------ helpers

    static String titleOf(String idea) {
        String ascii = Normalizer.normalize(idea, Normalizer.Form.NFKD).replaceAll("[^\\p{ASCII}]", "");
        List<String> words = Arrays.stream(ascii.replaceAll("[^A-Za-z0-9 ]", " ").trim().split("\\s+"))
                .filter(w -> !w.isEmpty())
                .filter(w -> !Map.of("a", 1, "an", 1, "the", 1, "for", 1, "with", 1, "and", 1, "of", 1, "to", 1)
                        .containsKey(w.toLowerCase(Locale.ROOT)))
                .limit(3)
                .map(w -> Character.toUpperCase(w.charAt(0)) + w.substring(1).toLowerCase(Locale.ROOT))
                .toList();
        return words.isEmpty() ? "App" : String.join(" ", words);
    }

    static String packageOf(String title) {
        String pkg = titleOf(title).toLowerCase(Locale.ROOT).replace(' ', '_');
        return Character.isDigit(pkg.charAt(0)) ? "app_" + pkg : pkg;
    }

    private static String titleFromPackage(String pkg) {
        return titleOf(pkg.replace('_', ' '));
    }

    private static int taskNumber(String prompt) {
        Matcher task = TASK.matcher(prompt);
        return task.find() ? Integer.parseInt(task.group(1)) : 1;
    }

    private static java.util.Optional<String> firstGroup(Pattern pattern, String text) {
        return firstGroup(pattern, text, 1);
    }

    private static java.util.Optional<String> firstGroup(Pattern pattern, String text, int group) {
        Matcher matcher = pattern.matcher(text);
        return matcher.find() && matcher.group(group) != null ? java.util.Optional.of(matcher.group(group))
                : java.util.Optional.empty();
    }
}
