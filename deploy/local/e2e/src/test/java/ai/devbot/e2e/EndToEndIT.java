package ai.devbot.e2e;

import static ai.devbot.e2e.Chat.button;
import static ai.devbot.e2e.Chat.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import ai.devbot.testsupport.TopicReader;
import io.restassured.path.json.JsonPath;

/**
 * The product as a user meets it: every service's packaged jar, the simulators, real Kafka,
 * PostgreSQL and Redis. Each test is a new Telegram user; LLM faults are scripted in the simulator.
 */
@TestMethodOrder(MethodOrderer.MethodName.class)
class EndToEndIT {

    static final String IDEA = "A CLI that counts words in text files";
    static final double MODEL_WORK = 90;

    @BeforeAll
    static void theWholePlatformRuns() {
        LocalStack.ensureUp();
    }

    @AfterEach
    void noScriptedAnswersLeft() {
        Platform.clearScripts();
    }

    /** After everything the suite did — crashes, outages, refusals — billing's money audit finds nothing. */
    @AfterAll
    static void theMoneyAuditIsClean() {
        Platform.operator(LocalStack.BILLING).get("/api/admin/audit").then().statusCode(200)
                .body("violations", org.hamcrest.Matchers.empty()).body("staleHolds", org.hamcrest.Matchers.empty())
                .body("unbacked", org.hamcrest.Matchers.empty());
    }

    /** The notes of every finished step of the job the command with this update id started. */
    static List<String> stepNotes(long updateId) {
        return Platform.job("job-tg-" + updateId).getList("history.note", String.class).stream()
                .filter(java.util.Objects::nonNull).toList();
    }

    /** kill -9 of the orchestrator (proven gone) and a new one started: answers the PID that was killed. */
    static long crashAndRestartTheOrchestrator() throws Exception {
        long crashed = LocalStack.killOrchestrator();
        LocalStack.restartOrchestrator();
        long restarted = LocalStack.pidOf("orchestrator-service");
        assertNotEquals(crashed, restarted, "a new orchestrator process");
        assertTrue(LocalStack.alive(restarted), "the new orchestrator runs");
        return crashed;
    }

    /** The job of that update ran steps on the killed process and was finished by the one that replaced it. */
    static void assertTheJobFinishedOnTheNewProcess(long updateId, long crashedPid) throws Exception {
        long restarted = LocalStack.pidOf("orchestrator-service");
        JsonPath job = Platform.job("job-tg-" + updateId);
        List<String> steps = job.getList("history.step", String.class);
        List<String> ranOn = job.getList("history.ranOn", String.class);
        assertTrue(ranOn.stream().anyMatch(host -> host.endsWith("/" + crashedPid)),
                "steps ran on the process that was killed: " + ranOn);
        assertEquals("FINISH", steps.get(steps.size() - 1), steps.toString());
        assertTrue(ranOn.get(ranOn.size() - 1).endsWith("/" + restarted),
                "the job was finished by the new process (" + restarted + "): " + ranOn);
    }

    /** The low and high credits of the quote in a plan or change request message. */
    static long[] quoted(String message) {
        Matcher range = Pattern.compile("Estimated: ([\\d,]+)–([\\d,]+) credits").matcher(message);
        assertTrue(range.find(), "the plan shows a quote: " + message);
        return new long[] { Long.parseLong(range.group(1).replace(",", "")), Long.parseLong(range.group(2).replace(",", "")) };
    }

    /** /start and /newproject: answers the plan message and the project's id. */
    static long planned(Chat chat, String idea) {
        chat.send("/start").awaitMessage("Welcome", 30);
        chat.send("/newproject " + idea);
        Map<String, Object> plan = chat.awaitMessage("plan ready", MODEL_WORK);
        Matcher id = Pattern.compile("impl:all:p(\\d+)").matcher(button(plan, "Implement all"));
        assertTrue(id.matches());
        return Long.parseLong(id.group(1));
    }

    @Test
    void aNewUserGoesFromStartToADownloadedZipOfWhatTheImplementerWrote() throws IOException {
        Chat chat = Chat.newUser();
        long mark = Platform.modelCalls();
        long project = planned(chat, IDEA);
        assertEquals(4, Platform.tasks(project, chat.userId).size());

        long[] quoted = quoted(chat.texts().stream().filter(said -> said.contains("plan ready")).findFirst().orElseThrow());

        chat.press("impl:all:p" + project);
        Map<String, Object> done = chat.awaitMessage("Done", MODEL_WORK * 4);
        assertTrue(text(done).contains("Tasks #1, #2, #3, #4 implemented"), text(done));
        Matcher spentText = Pattern.compile("Credits spent: ([\\d,]+) credits").matcher(text(done));
        assertTrue(spentText.find(), text(done));
        long spent = Long.parseLong(spentText.group(1).replace(",", ""));
        assertTrue(spent <= quoted[1], "the plan's quote " + quoted[0] + "–" + quoted[1] + " is not below what the "
                + "tasks really cost: " + spent);

        assertTrue(chat.texts().stream().anyMatch(said -> said.contains("✓ Task 1/4 (#1) done")
                && said.matches("(?s).*· [\\d,]+ credits.*")),
                "each finished task says what it cost: " + chat.texts());
        assertTrue(Platform.tasks(project, chat.userId).stream().allMatch(task -> "done".equals(task.get("status"))));

        chat.send("/status").awaitMessage("4/4 tasks done", 30);
        chat.send("/download");
        Map<String, Object> document = chat.await(action -> "DOCUMENT".equals(action.get("kind")), 60, "send the zip");
        @SuppressWarnings("unchecked")
        Map<String, Object> file = (Map<String, Object>) document.get("document");
        Map<String, String> zipped = unzip(Platform.telegramFile(file.get("fileId").toString()));

        Map<String, String> stored = new TreeMap<>();
        for (String path : Platform.files(project, chat.userId)) {
            stored.put(path, Platform.content(project, chat.userId, path));
        }
        assertFalse(stored.isEmpty());
        assertEquals(stored, zipped, "the zip holds exactly the project's files");

        // Money is exact: the balance is the starter grant minus every simulated call and every sandbox run (one
        // per task: its checks passed the first time) at its price.
        long expected = Platform.priceOf(Platform.modelCallsSince(mark));
        assertTrue(expected > 0);
        List<Long> sandboxMillis = Platform.sandboxCharges(chat.userId);
        assertEquals(4, sandboxMillis.size(), "one checks run per task");
        long sandboxCost = Platform.sandboxCost(chat.userId);
        assertTrue(sandboxCost >= 4, "at least a credit a run");
        assertEquals(Platform.STARTER_GRANT - expected - sandboxCost, Platform.balance(chat.userId));
    }

    @Test
    void aQuotedImplementationSpendsNothingUntilTheUserPressesStart() {
        Chat chat = Chat.newUser();
        long project = planned(chat, "A countdown timer CLI");
        chat.send("/settings autostart 0").awaitMessage("I always show the quote", 30);
        long before = Platform.balance(chat.userId);

        chat.press("impl:all:p" + project);
        Map<String, Object> quote = chat.awaitMessage("Nothing is spent until you press", 30);
        long[] range = quoted(text(quote));
        assertTrue(range[0] <= range[1], text(quote));
        assertEquals("go:all:p" + project, button(quote, "▶ Start"));
        List<Map<String, Object>> meanwhile = chat.drain(3);
        assertTrue(meanwhile.stream().noneMatch(action -> text(action).contains("Task 1/")), meanwhile.toString());
        assertEquals(before, Platform.balance(chat.userId), "nothing was spent before Start");
        assertTrue(Platform.tasks(project, chat.userId).stream().allMatch(task -> "todo".equals(task.get("status"))));

        chat.press("go:all:p" + project);
        Map<String, Object> done = chat.awaitMessage("Done", MODEL_WORK * 4);
        assertTrue(text(done).contains("Tasks #1, #2, #3, #4 implemented"), text(done));
        assertTrue(Platform.balance(chat.userId) < before, "Start started the work");
        chat.send("/settings autostart default").awaitMessage("(the default)", 30);
    }

    /** The models the simulator was asked for by these calls of that operation. */
    static java.util.Set<Object> modelsOf(List<Map<String, Object>> calls, String operation) {
        return calls.stream().filter(call -> operation.equals(call.get("operation"))).map(call -> call.get("model"))
                .collect(java.util.stream.Collectors.toSet());
    }

    @Test
    void aTierSwitchChangesTheModelsTheAgentCallsAndThePricesCharged() {
        Chat chat = Chat.newUser();
        long project = planned(chat, "A pomodoro timer CLI");
        Map<String, Object> tiers = chat.send("/model").awaitMessage("uses the Standard tier", 30);
        assertTrue(text(tiers).contains("qwen/qwen-2.5-coder-32b-instruct (whole-file edits)"), text(tiers));
        assertEquals("tier:p" + project + ":economy", button(tiers, "Economy"));

        chat.press(button(tiers, "Economy")).awaitMessage("now uses the Economy tier", 30);
        long mark = Platform.modelCalls();
        long before = Platform.balance(chat.userId);
        long sandboxBefore = Platform.sandboxCost(chat.userId);
        chat.send("/implement").awaitMessage("Done", MODEL_WORK);
        var economy = Platform.modelCallsSince(mark);
        assertEquals(java.util.Set.of("qwen/qwen-2.5-coder-32b-instruct"), modelsOf(economy, "implement"), economy.toString());
        assertEquals(java.util.Set.of("gemini-2.5-flash"), modelsOf(economy, "review"));
        long sandbox = Platform.sandboxCost(chat.userId) - sandboxBefore;
        assertEquals(Platform.priceOf(economy) + sandbox, before - Platform.balance(chat.userId),
                "charged at the economy implementer's price");

        chat.send("/model standard").awaitMessage("now uses the Standard tier", 30);
        long again = Platform.modelCalls();
        chat.send("/implement").awaitMessage("Done", MODEL_WORK);
        assertEquals(java.util.Set.of("qwen/qwen3-coder"), modelsOf(Platform.modelCallsSince(again), "implement"));
        chat.send("/model platinum").awaitMessage("There is no tier platinum", 30);
    }

    /**
     * Quotes made from measured history hold on the built-in scenario. The economy tier's history is its own (quotes
     * read the tasks of the tier's implementer), so five projects of the scenario give it 20 tasks whatever else the
     * suite did; then a sixth project's quote comes from them and its real spend falls inside it.
     */
    @Test
    void quotesFromMeasuredHistoryHoldTheBuiltInScenario() throws InterruptedException {
        for (int seed = 0; seed < 5; seed++) {
            Chat seeding = Chat.newUser();
            planned(seeding, "A history seeding CLI " + seed);
            seeding.send("/model economy").awaitMessage("now uses the Economy tier", 30);
            seeding.send("/implement all").awaitMessage("Done", MODEL_WORK * 4);
        }
        Chat chat = Chat.newUser();
        long project = planned(chat, "A measured quote CLI");
        chat.send("/model economy").awaitMessage("now uses the Economy tier", 30);
        chat.send("/settings autostart 0").awaitMessage("I always show the quote", 30);
        // Quotes read the history at most once a minute: ask until the measured one is in.
        Map<String, Object> quote = null;
        for (int asked = 0; asked < 10; asked++) {
            quote = chat.send("/implement all").awaitMessage("Nothing is spent until you press", 30);
            if (text(quote).contains("from what similar tasks have cost")) {
                break;
            }
            Thread.sleep(10_000);
        }
        assertTrue(text(quote).contains("from what similar tasks have cost"), "a measured quote: " + text(quote));
        long[] range = quoted(text(quote));
        long before = Platform.balance(chat.userId);
        chat.press("go:all:p" + project).awaitMessage("Done", MODEL_WORK * 4);
        long spent = before - Platform.balance(chat.userId);
        System.out.printf("measured quote of the built-in scenario: %d–%d credits, spent %d%n", range[0], range[1], spent);
        assertTrue(range[0] <= spent && spent <= range[1], spent + " spent, quoted " + range[0] + "–" + range[1]);
    }

    @Test
    void aChangeRequestAddsTasksAndTheyAreImplemented() {
        Chat chat = Chat.newUser();
        long project = planned(chat, "A habit tracker CLI");
        chat.send("Also let users export the habits as CSV");
        Map<String, Object> extended = chat.awaitMessage("Change request planned", MODEL_WORK);
        assertTrue(text(extended).contains("5."), text(extended));
        assertEquals(5, Platform.tasks(project, chat.userId).size());

        chat.send("/implement 5");
        chat.awaitMessage("Done", MODEL_WORK * 2);
        assertEquals("done", Platform.tasks(project, chat.userId).get(4).get("status"));
    }

    @Test
    void diffShowsWhatATaskChangedAndUndoTakesItBackOnceWhileAnotherUserCannot() {
        Chat chat = Chat.newUser();
        long project = planned(chat, "A tip calculator CLI");
        chat.send("/implement 1");
        Map<String, Object> taskDone = chat.awaitMessage("done ·", MODEL_WORK * 2);
        assertEquals("undo:p" + project + ":t1", button(taskDone, "Undo"));
        chat.awaitMessage("Done", 30);
        List<String> written = Platform.files(project, chat.userId);
        assertFalse(written.isEmpty());

        chat.press(button(taskDone, "Diff"));
        Map<String, Object> diff = chat.await(action -> "DOCUMENT".equals(action.get("kind"))
                || "MESSAGE".equals(action.get("kind")) && text(action).contains("Task 1"), 30, "show the diff");
        String patch = "DOCUMENT".equals(diff.get("kind"))
                ? new String(Platform.telegramFile(((Map<?, ?>) diff.get("document")).get("fileId").toString()),
                        StandardCharsets.UTF_8)
                : text(diff);
        for (String path : written) {
            assertTrue(patch.contains("+++ b/" + path), path + " is in the diff: " + patch);
        }

        Chat eve = Chat.newUser();
        eve.send("/start").awaitMessage("Welcome", 30);
        eve.pressForged("undo:p" + project + ":t1").awaitMessage("not yours", 30);
        assertEquals(written, Platform.files(project, chat.userId), "another user's press undid nothing");

        chat.send("/undo");
        Map<String, Object> undone = chat.awaitMessage("Undid task 1", 30);
        assertTrue(text(undone).contains("to-do list again"), text(undone));
        assertEquals(List.of(), Platform.files(project, chat.userId), "task 1 created every file, so none is left");
        assertEquals("todo", Platform.tasks(project, chat.userId).get(0).get("status"));

        chat.send("/undo").awaitMessage("nothing to undo", 30);
        chat.send("/undo 1").awaitMessage("already undone", 30);
        chat.send("/undo 99").awaitMessage("There is no task 99", 30);

        chat.send("/implement 1");
        chat.awaitMessage("Done", MODEL_WORK * 2);
        assertEquals(written, Platform.files(project, chat.userId), "done anew after the undo");
        assertEquals("done", Platform.tasks(project, chat.userId).get(0).get("status"));
    }

    @Test
    void insufficientCreditsStopAJobBeforeAnyModelIsCalled() {
        Chat chat = Chat.newUser();
        chat.send("/start").awaitMessage("Welcome", 30);
        Platform.adjust(chat.userId, -(Platform.STARTER_GRANT - 10));
        long mark = Platform.modelCalls();

        chat.send("/newproject " + IDEA);
        Map<String, Object> refusal = chat.awaitMessage("Not enough credits", 60);
        assertTrue(text(refusal).contains("/buy"), text(refusal));
        assertTrue(text(refusal).contains("No model was called"), text(refusal));
        assertEquals(List.of(), Platform.modelCallsSince(mark));
        assertEquals(10, Platform.balance(chat.userId));
    }

    @Test
    void aPlanHoldsItsWorstCaseSoItCanNeverDriveTheBalanceBelowZero() {
        Chat chat = Chat.newUser();
        chat.send("/start").awaitMessage("Welcome", 30);
        // The worst a plan may cost: agent-service's token bounds at billing's price (request bytes add to it).
        var plan = Platform.agentLimit("plan");
        long worstWithoutRequest = (plan.getLong("fixedInputTokens") * Platform.PRICES.get("gemini-2.5-flash")[0]
                + plan.getLong("maxOutputTokens") * Platform.PRICES.get("gemini-2.5-flash")[1] + 999_999) / 1_000_000;
        long balance = worstWithoutRequest - 500;
        assertTrue(balance > 4_000, "more than the old flat estimate, so only the worst case refuses: " + balance);
        Platform.adjust(chat.userId, balance - Platform.STARTER_GRANT);
        long mark = Platform.modelCalls();

        chat.send("/newproject " + IDEA);
        assertTrue(text(chat.awaitMessage("Not enough credits", 60)).contains("No model was called"));
        assertEquals(List.of(), Platform.modelCallsSince(mark));
        assertEquals(balance, Platform.balance(chat.userId));
    }

    @Test
    void anEditThatDoesNotApplyAndARejectedReviewAreRetriedThenSucceed() {
        Chat chat = Chat.newUser();
        long project = planned(chat, "A todo list CLI");
        Platform.script("""
                rules:
                  - name: bad-edit
                    match: { operation: implement }
                    times: 1
                    respond: { fault: edit-mismatch }
                  - name: strict-review
                    match: { operation: review }
                    times: 1
                    respond: { fault: review-reject, problem: "main.py does not handle an empty input" }
                """);
        long update = Chat.TELEGRAM.send(chat.userId, "/implement");
        chat.awaitMessage("Done", MODEL_WORK);
        // The status message may skip these steps when the chat is backed up (superseded edits); the job's
        // history has every one.
        List<String> notes = stepNotes(update);
        assertTrue(notes.stream().anyMatch(note -> note.startsWith("edits did not apply")), notes.toString());
        assertTrue(notes.stream().anyMatch(note -> note.equals("rejected: main.py does not handle an empty input")),
                notes.toString());

        var task = Platform.tasks(project, chat.userId).get(0);
        assertEquals("done", task.get("status"));
        assertEquals(3, ((Number) task.get("attempts")).intValue());
    }

    /** The extra credits a "Try again" offers under a pause, from its button. */
    static long extraCredits(Map<String, Object> pause) {
        Matcher extra = Pattern.compile("\\+([\\d,]+) credits").matcher(tryAgainLabel(pause));
        assertTrue(extra.find(), tryAgainLabel(pause));
        return Long.parseLong(extra.group(1).replace(",", ""));
    }

    @SuppressWarnings("unchecked")
    static String tryAgainLabel(Map<String, Object> message) {
        return ((List<List<Map<String, Object>>>) message.get("buttons")).get(0).get(0).get("text").toString();
    }

    @Test
    void aTaskThatNeverConvergesPausesAtItsCapTryAgainSpendsAtMostTheExtraAndStopEndsIt() {
        Chat chat = Chat.newUser();
        long project = planned(chat, "A unit converter CLI");
        Platform.script("""
                rules:
                  - name: never-satisfied
                    match: { operation: review }
                    respond: { fault: review-reject, problem: "the converter rounds wrongly" }
                """);
        long mark = Platform.modelCalls();
        chat.send("/implement all");
        Map<String, Object> pause = chat.awaitMessage("did not converge in 3 attempts", MODEL_WORK * 2);
        assertTrue(text(pause).contains("Task #1 paused"), text(pause));
        assertTrue(text(pause).contains("the converter rounds wrongly"), "the review's problems: " + text(pause));
        assertEquals("again:p" + project + ":t1", button(pause, tryAgainLabel(pause)));
        assertEquals("skip:p" + project + ":t1", button(pause, "Skip it"));
        assertEquals("drop:p" + project + ":t1", button(pause, "Undo this task"));
        // Three implementations (each followed by a review when its edits applied), then nothing more.
        var calls = Platform.modelCallsSince(mark);
        assertEquals(3, calls.stream().filter(call -> "implement".equals(call.get("operation"))).count());
        assertTrue(calls.size() <= 6, "at most one review per attempt: " + calls.size());
        assertEquals(0, Platform.reserved(chat.userId), "a paused job holds no credits");
        assertTrue(chat.drain(3).stream().noneMatch(action -> "MESSAGE".equals(action.get("kind"))), "it waits");
        chat.send("/status").awaitMessage("paused at its cap, waiting for your choice", 30);
        assertEquals("in_progress", Platform.tasks(project, chat.userId).get(0).get("status"));

        long extra = extraCredits(pause);
        long before = Platform.balance(chat.userId);
        long again = Platform.modelCalls();
        chat.press(button(pause, tryAgainLabel(pause)));
        chat.awaitMessage("Trying task 1 once more", 30);
        Map<String, Object> second = chat.awaitMessage("did not converge in 4 attempts", MODEL_WORK * 2);
        var retried = Platform.modelCallsSince(again);
        assertEquals(1, retried.stream().filter(call -> "implement".equals(call.get("operation"))).count(),
                "one more attempt: " + retried);
        long spentOnRetry = before - Platform.balance(chat.userId);
        assertTrue(spentOnRetry > 0 && spentOnRetry <= extra, spentOnRetry + " spent, at most " + extra + " offered");

        long stopped = Platform.modelCalls();
        long beforeStop = Platform.balance(chat.userId);
        chat.press(button(second, "Stop"));
        Map<String, Object> failed = chat.awaitMessage("/implement 1", 30);
        assertTrue(text(failed).contains("did not converge in 4 attempts"), text(failed));
        assertEquals("failed", Platform.tasks(project, chat.userId).get(0).get("status"));
        assertEquals("todo", Platform.tasks(project, chat.userId).get(1).get("status"));
        assertEquals(0, Platform.modelCallsSince(stopped).size(), "Stop calls no model");
        assertEquals(beforeStop, Platform.balance(chat.userId), "and spends nothing");
        chat.press(button(second, "Stop")).awaitMessage("is not waiting for a choice any more", 30);
    }

    @Test
    void aPausedJobWaitsThroughAnOrchestratorRestartAndTryAgainThenFinishesIt() throws Exception {
        Chat chat = Chat.newUser();
        long project = planned(chat, "A tip calculator CLI");
        Platform.script("""
                rules:
                  - name: three-rejections
                    match: { operation: review }
                    times: 3
                    respond: { fault: review-reject, problem: "the tip is not rounded to cents" }
                """);
        long update = Chat.TELEGRAM.send(chat.userId, "/implement");
        Map<String, Object> pause = chat.awaitMessage("did not converge in 3 attempts", MODEL_WORK * 2);
        long crashed = crashAndRestartTheOrchestrator();

        chat.press(button(pause, tryAgainLabel(pause)));
        Map<String, Object> done = chat.awaitMessage("Done", MODEL_WORK * 2);
        assertTrue(text(done).contains("Task #1 implemented"), text(done));
        assertTheJobFinishedOnTheNewProcess(update, crashed);
        var task = Platform.tasks(project, chat.userId).get(0);
        assertEquals("done", task.get("status"));
        assertEquals(4, ((Number) task.get("attempts")).intValue());
    }

    @Test
    void failingTestsGoBackToTheImplementerWithTheirOutputAndTheTaskEndsWithPassingTests() {
        Chat chat = Chat.newUser();
        long project = planned(chat, "A note taking CLI");
        Platform.script("""
                rules:
                  - name: first-answer-breaks-a-test
                    match: { operation: implement }
                    times: 1
                    respond: { fault: failing-tests }
                  - name: second-answer-sees-the-failure
                    match: { operation: implement, promptContains: "scripted failure (devbot simulator)" }
                    times: 1
                    respond: { delayMs: 1 }
                """);
        long update = Chat.TELEGRAM.send(chat.userId, "/implement");
        Map<String, Object> done = chat.awaitMessage("Done", MODEL_WORK);
        List<String> notes = stepNotes(update);
        assertTrue(notes.contains("checks failed: ✗ 1 of 2 failed"), notes.toString());
        assertTrue(text(done).contains("Tests: ✓ 2 passed"), text(done));
        var task = Platform.tasks(project, chat.userId).get(0);
        assertEquals("done", task.get("status"));
        assertEquals(2, ((Number) task.get("attempts")).intValue());
        // The implementer's second prompt carried the failing test's output (the rule matched on it).
        assertTrue(Platform.modelCallsSince(0).stream()
                .anyMatch(call -> "second-answer-sees-the-failure".equals(call.get("rule"))));
        assertTrue(Platform.content(project, chat.userId, "tests/test_scripted_failure.py").contains("1 + 1 == 2"));

        chat.send("/test");
        Map<String, Object> tests = chat.awaitMessage("python3 -m pytest -q", 120);
        assertTrue(text(tests).contains("✓ 2 passed"), text(tests));
        Map<String, Object> status = chat.send("/status").awaitMessage("Last tests", 30);
        assertTrue(text(status).contains("✓ 2 passed (/test"), text(status));
    }

    @Test
    void aCheckThatNeverPassesPausesWithTheChecksOutputAndUndoTakesTheTaskBack() {
        Chat chat = Chat.newUser();
        long project = planned(chat, "A dice roller CLI");
        Platform.script("""
                rules:
                  - name: always-breaks-a-test
                    match: { operation: implement }
                    respond: { fault: failing-tests }
                """);
        long mark = Platform.modelCalls();
        chat.send("/implement all");
        Map<String, Object> pause = chat.awaitMessage("did not converge in 3 attempts", MODEL_WORK * 2);
        assertTrue(text(pause).contains("its checks did not pass"), text(pause));
        assertTrue(text(pause).contains("test_scripted_failure"), "the failing test and its output: " + text(pause));
        var calls = Platform.modelCallsSince(mark);
        assertEquals(3, calls.stream().filter(call -> "implement".equals(call.get("operation"))).count());
        assertEquals(0, calls.stream().filter(call -> "review".equals(call.get("operation"))).count(),
                "a change whose checks fail is never reviewed");
        assertTrue(Platform.files(project, chat.userId).contains("tests/test_scripted_failure.py"));

        chat.press(button(pause, "Undo this task"));
        chat.awaitMessage("Cancelled", 60);
        assertFalse(Platform.files(project, chat.userId).contains("tests/test_scripted_failure.py"),
                "what the task wrote is taken back");
        assertEquals("todo", Platform.tasks(project, chat.userId).get(0).get("status"));
        assertEquals(3, Platform.modelCallsSince(mark).stream().filter(call -> "implement".equals(call.get("operation")))
                .count(), "no attempt after the choice");
    }

    @Test
    void aChecksStepRedeliveredAfterACrashRunsTheCommandsOnceAndIsChargedOnce() throws Exception {
        Chat chat = Chat.newUser();
        String idea = "A slow checks CLI " + chat.userId;
        Platform.script("""
                rules:
                  - name: slow-checks-plan
                    match: { operation: plan, promptContains: "%s" }
                    times: 1
                    respond:
                      text: >-
                        {"title": "Slow Checks", "summary": "A project whose tests take a while.",
                        "techStack": ["Python 3.11", "pytest"], "architecture": "Package: `slow_checks`",
                        "checks": {"setup": "", "check": "sleep 8 && python3 -m pytest -q"},
                        "tasks": [{"title": "Project skeleton", "description": "Package, entry point, a first test.",
                        "acceptanceCriteria": ["pytest passes"]}]}
                """.formatted(idea));
        long project = planned(chat, idea);
        long update = Chat.TELEGRAM.send(chat.userId, "/implement");
        chat.await(action -> text(action).contains("running tests…"), MODEL_WORK, "start the checks");
        long crashed = crashAndRestartTheOrchestrator();
        Map<String, Object> done = chat.awaitMessage("Done", MODEL_WORK * 2);
        assertTrue(text(done).contains("Tests: ✓ 1 passed"), text(done));
        assertTheJobFinishedOnTheNewProcess(update, crashed);

        var runs = Platform.sandboxRuns(chat.userId, project);
        assertEquals(1, runs.size(), "the re-delivered step read the first run's result: " + runs);
        assertEquals("PASSED", runs.get(0).get("status"));
        assertEquals(1, Platform.sandboxCharges(chat.userId).size(), "and it was charged once");
    }

    @Test
    void aTaskThatGetsTooExpensivePausesAtTheCreditCapAndSkipGoesOnWithTheNextTaskUntilStop() {
        Chat chat = Chat.newUser();
        long project = planned(chat, "A markdown previewer CLI");
        // Every implementation costs 28,500 credits (300,000 output tokens at 95,000 per million) and
        // its edits never apply; the cap per task is 40,000: after two attempts (57,000) no third one.
        Platform.script("""
                rules:
                  - name: verbose-implementer
                    match: { operation: implement }
                    times: 2
                    respond: { fault: edit-mismatch, usage: { inputTokens: 10, outputTokens: 300000 } }
                """);
        Platform.adjust(chat.userId, 100_000);
        long mark = Platform.modelCalls();
        chat.send("/implement all");
        Map<String, Object> pause = chat.awaitMessage("credit cap", MODEL_WORK * 2);
        assertTrue(text(pause).contains("40,000"), text(pause));
        assertEquals(2, Platform.modelCallsSince(mark).size(), "two implementations, then the cap");

        chat.press(button(pause, "Skip it"));
        chat.awaitMessage("Skipping task 1", 30);
        // The job goes on with task 2 (which, built on a skeleton that never landed, pauses in its turn).
        Map<String, Object> next = chat.awaitMessage("Task #2 paused", MODEL_WORK * 2);
        assertEquals("failed", Platform.tasks(project, chat.userId).get(0).get("status"));
        chat.press(button(next, "Stop"));
        Map<String, Object> stopped = chat.awaitMessage("Skipped at the cap, left failed: Task #1", 60);
        assertTrue(text(stopped).contains("Task #2 did not converge"), text(stopped));
        assertEquals("failed", Platform.tasks(project, chat.userId).get(1).get("status"));
        assertEquals("todo", Platform.tasks(project, chat.userId).get(2).get("status"));
    }

    @Test
    void twoUsersNeverSeeEachOthersProjectsWhateverTheySend() {
        Chat ada = Chat.newUser();
        long adas = planned(ada, "A recipe box CLI");
        Chat eve = Chat.newUser();
        eve.send("/start").awaitMessage("Welcome", 30);

        eve.send("/use " + adas).awaitMessage("You have no project #" + adas, 30);
        eve.pressForged("impl:all:p" + adas).awaitMessage("not yours", 30);
        eve.pressForged("dl:p" + adas).awaitMessage("not yours", 30);
        eve.pressForged("nonsense:data").await(action -> "CALLBACK_ANSWER".equals(action.get("kind")), 30,
                "answer the forged callback");
        eve.send("/projects").awaitMessage("no projects yet", 30);
        assertEquals(List.of(), Platform.projects(eve.userId));
        assertEquals("todo", Platform.tasks(adas, ada.userId).get(0).get("status"));
    }

    @Test
    void aCommandDeliveredTwiceIsAnsweredOnce() {
        Chat chat = Chat.newUser();
        String command = """
                {"commandId":"tg-e2e-%d","updateId":1,"chatId":%d,"userId":%d,"kind":"COMMAND","command":"credits",\
                "args":"","receivedAt":"2026-11-26T08:14:03.512Z"}""".formatted(chat.userId, chat.userId, chat.userId);
        answeredOnce(chat, "Credits", () -> TopicReader.send("127.0.0.1:59092", "bot-commands",
                Long.toString(chat.userId), command, command));
    }

    @Test
    void aWebhookTelegramSendsTwiceIsAnsweredOnce() {
        Chat chat = Chat.newUser();
        long updateId = 1_999_000_000L + (long) (Math.random() * 100_000_000);
        String update = """
                {"update_id":%d,"message":{"message_id":77,"date":1795690000,"text":"/help",\
                "entities":[{"type":"bot_command","offset":0,"length":5}],\
                "from":{"id":%d,"is_bot":false,"first_name":"Twice"},"chat":{"id":%d,"type":"private"}}}"""
                .formatted(updateId, chat.userId, chat.userId);
        answeredOnce(chat, "Commands", () -> {
            Chat.TELEGRAM.inject(update);
            Chat.TELEGRAM.inject(update);
        });
    }

    /** After /start, {@code deliverTwice} sends one update twice: exactly one answer containing {@code marker}. */
    private static void answeredOnce(Chat chat, String marker, Runnable deliverTwice) {
        chat.send("/start").awaitMessage("Welcome", 30);
        deliverTwice.run();
        chat.awaitMessage(marker, 30);
        assertTrue(chat.drain(3).stream().noneMatch(action -> text(action).contains(marker)),
                "the second delivery was not answered");
    }

    @Test
    void creditsBoughtWithStarsArriveOnceAndAreShown() {
        Chat chat = Chat.newUser();
        chat.send("/start").awaitMessage("Welcome", 30);
        Map<String, Object> packs = chat.send("/buy").awaitMessage("Credit packs", 30);
        chat.press(button(packs, "50 ⭐ · 50,000 credits"));
        chat.await(action -> "INVOICE".equals(action.get("kind")), 30, "send the invoice");
        Chat.TELEGRAM.pay(chat.userId);
        chat.awaitMessage("Thank you", 30);
        assertEquals(Platform.STARTER_GRANT + 50_000, Platform.balance(chat.userId));
        chat.send("/credits").awaitMessage("100,000 credits", 30);
    }

    @Test
    void aPaymentMadeWhileBillingIsDownForTwoMinutesIsCreditedOnceWhenItIsBackAndTheUserHearsBoth() throws Exception {
        Chat chat = Chat.newUser();
        chat.send("/start").awaitMessage("Welcome", 30);
        Map<String, Object> packs = chat.send("/buy").awaitMessage("Credit packs", 30);
        chat.press(button(packs, "50 ⭐ · 50,000 credits"));
        @SuppressWarnings("unchecked")
        Map<String, Object> invoice = (Map<String, Object>) chat.await(action -> "INVOICE".equals(action.get("kind")),
                30, "send the invoice").get("invoice");
        long stoppedAt = System.nanoTime();
        LocalStack.stop("billing-service");
        String chargeId;
        try {
            // The gateway answers the pre-checkout itself (billing's signature, checked offline).
            chargeId = Chat.TELEGRAM.pay(chat.userId).getString("telegramPaymentChargeId");
            String pending = text(chat.awaitMessage("arrived", 60));
            assertTrue(pending.contains("shortly") && pending.contains(chargeId), pending);
            Platform.operator(LocalStack.ORCHESTRATOR).get("/api/admin/payments/{id}", chargeId).then().statusCode(200)
                    .body("state", org.hamcrest.Matchers.equalTo("PENDING"));
            Thread.sleep(Math.max(0, 120_000 - (System.nanoTime() - stoppedAt) / 1_000_000));
        } finally {
            LocalStack.restartStopped();
        }
        String credited = text(chat.awaitMessage("is credited", 240));
        assertTrue(credited.contains("50,000 credits"), credited);
        assertEquals(Platform.STARTER_GRANT + 50_000, Platform.balance(chat.userId));
        Platform.operator(LocalStack.ORCHESTRATOR).get("/api/admin/payments/{id}", chargeId).then().statusCode(404);

        // Telegram delivering the same payment three more times (new updates, same charge) credits nothing more.
        for (int i = 0; i < 3; i++) {
            Chat.TELEGRAM.inject("""
                    {"message": {"message_id": %d, "date": %d, "chat": {"id": %d, "type": "private", "first_name": "E2E"},
                      "from": {"id": %d, "is_bot": false, "first_name": "E2E"},
                      "successful_payment": {"currency": "XTR", "total_amount": 50, "invoice_payload": "%s",
                        "telegram_payment_charge_id": "%s", "provider_payment_charge_id": ""}}}"""
                    .formatted(900_000 + i, System.currentTimeMillis() / 1000, chat.userId, chat.userId,
                            invoice.get("payload"), chargeId));
            chat.awaitMessage("already on your balance", 60);
        }
        assertEquals(Platform.STARTER_GRANT + 50_000, Platform.balance(chat.userId));
        assertEquals(1, Platform.ledger(chat.userId).stream().filter(entry -> "PURCHASE".equals(entry.get("kind")))
                .count(), "one purchase in the ledger");
    }

    static final long ANONYMOUS_ADMIN = 1087968824L;

    /** A message in a group, as Telegram delivers it. */
    static String groupMessage(long group, String from, String senderChat, String text) {
        return """
                {"message": {"message_id": %d, "date": %d, "chat": {"id": %d, "type": "supergroup", "title": "Team"},
                  "from": %s,%s "text": "%s"}}""".formatted((int) (Math.random() * 1e6), System.currentTimeMillis() / 1000,
                group, from, senderChat == null ? "" : " \"sender_chat\": " + senderChat + ",", text);
    }

    @Test
    void anonymousAdminsOfTwoGroupsAreRefusedAndNeverShareAnAccountWhileAMemberActsAsThemself() {
        long groupA = -1_002_000_000_000L - (long) (Math.random() * 1e9);
        long groupB = groupA - 7;
        String anonymous = "{\"id\": " + ANONYMOUS_ADMIN + ", \"is_bot\": true, \"first_name\": \"Group\", "
                + "\"username\": \"GroupAnonymousBot\"}";
        Chat.TELEGRAM.inject(groupMessage(groupA, anonymous, "{\"id\": " + groupA + ", \"type\": \"supergroup\"}",
                "/newproject A secret ledger"));
        Chat.TELEGRAM.inject(groupMessage(groupB, anonymous, "{\"id\": " + groupB + ", \"type\": \"supergroup\"}",
                "/projects"));
        new Chat(groupA).awaitMessage("Remain anonymous", 30);
        Chat inB = new Chat(groupB);
        inB.awaitMessage("Remain anonymous", 30);
        assertTrue(inB.drain(3).stream().noneMatch(action -> text(action).contains("ledger")), "nothing of group A");
        assertEquals(0, Platform.projects(ANONYMOUS_ADMIN).size(), "no account for the shared anonymous id");

        long member = Chat.newUser().userId;
        Chat.TELEGRAM.inject(groupMessage(groupB, "{\"id\": " + member + ", \"is_bot\": false, \"first_name\": \"Ada\"}",
                null, "/projects"));
        inB.awaitMessage("You have no projects yet", 30);
        // Group chatter is never a change request.
        Chat.TELEGRAM.inject(groupMessage(groupB, "{\"id\": " + member + ", \"is_bot\": false, \"first_name\": \"Ada\"}",
                null, "lunch at noon?"));
        assertTrue(inB.drain(4).isEmpty(), "the bot stayed out of the conversation");
    }

    @Test
    void aUserNamedLikeAMarkdownLinkIsGreetedByTheTextNotALink() {
        Chat chat = Chat.newUser();
        Chat.TELEGRAM.send(chat.userId, "/start", "[Claim free credits](https://evil.example/login)");
        String welcome = text(chat.awaitMessage("Welcome", 30));
        assertTrue(welcome.contains("Welcome, [Claim free credits](https://evil.example/login)!"),
                "shown as typed, so no hidden link: " + welcome);
    }

    @Test
    void aModerationRefusalOfOneUsersCallLeavesTheKeysWorkingForAnotherUser() {
        Chat flagged = Chat.newUser();
        planned(flagged, "A Zebrafish feeding planner");
        Platform.script("""
                rules:
                  - name: moderation
                    match: { operation: implement, promptContains: "Zebrafish" }
                    respond: { fault: moderation }
                """);
        flagged.send("/implement");
        String refused = text(flagged.awaitMessage("moderation flagged", MODEL_WORK));
        assertFalse(refused.contains("simulated") || refused.contains("openrouter"), refused);

        Chat other = Chat.newUser();
        planned(other, "A dice roller CLI");
        other.send("/implement").awaitMessage("Done", MODEL_WORK);
    }

    @Test
    void aStepThatCanNeverSucceedEndsItsJobWithAMessageAndIsNotIssuedAgain() {
        Chat chat = Chat.newUser();
        chat.send("/start").awaitMessage("Welcome", 30);
        // The simulated architect titles the project after the idea's first words: one 250-letter word makes a
        // title project-store refuses (over 200 characters) — a 400 no retry can fix.
        chat.send("/newproject " + "z".repeat(250));
        String failed = text(chat.awaitMessage("cannot succeed as it is", MODEL_WORK));
        assertTrue(failed.contains("reference"), failed);
        assertFalse(failed.contains("Exception") || failed.contains("127.0.0.1") || failed.contains("ai.devbot"),
                "no internal details: " + failed);
        assertTrue(chat.drain(5).stream().noneMatch(action -> "MESSAGE".equals(action.get("kind"))),
                "nothing more: the job is over");
        for (Object id : Platform.operator(LocalStack.ORCHESTRATOR).get("/api/admin/jobs").then().statusCode(200)
                .extract().jsonPath().getList("$")) {
            assertFalse(((Number) Platform.job(id.toString()).get("userId")).longValue() == chat.userId,
                    "the job is not among the running ones");
        }
        Platform.operator(LocalStack.BILLING).get("/api/v1/accounts/{id}", chat.userId).then()
                .body("reserved", org.hamcrest.Matchers.equalTo(0));
    }

    @Test
    void aUserOverTheCommandLimitIsToldWhileAnotherUserIsServedNormally() {
        Chat flooder = Chat.newUser();
        Chat calm = Chat.newUser();
        // 45 within seconds: even split across a minute boundary, one minute holds more than the limit (20).
        for (int i = 0; i < 45; i++) {
            flooder.send("/help");
        }
        calm.send("/start").awaitMessage("Welcome", 30);
        flooder.awaitMessage("commands in a minute", 120);
    }

    @Test
    void cancelStopsARunningJobAtTheNextStepAndReleasesItsHold() {
        Chat chat = Chat.newUser();
        long project = planned(chat, "A password generator CLI");
        Platform.script("""
                rules:
                  - name: slow-implementer
                    match: { operation: implement }
                    times: 1
                    respond: { delayMs: 9000 }
                """);
        chat.send("/implement all");
        chat.await(action -> text(action).startsWith("Task 1/4"), MODEL_WORK, "start task 1");
        chat.send("/cancel").awaitMessage("Stopping", 30);
        chat.awaitMessage("Cancelled", MODEL_WORK);
        // "typing" lasts ~5 s in Telegram: the 9 s call re-sent it (plan 1 + implement 1 + refreshes).
        long typing = Chat.TELEGRAM.actions(chat.userId, 0, 0).stream()
                .filter(action -> "CHAT_ACTION".equals(action.get("kind"))).count();
        assertTrue(typing >= 3, "typing refreshed during the long call: " + typing);

        var tasks = Platform.tasks(project, chat.userId);
        assertEquals("todo", tasks.get(0).get("status"), "the interrupted task is open again");
        assertTrue(tasks.stream().noneMatch(task -> "done".equals(task.get("status"))));
        // Nothing stays held: every reservation of the job was closed.
        Platform.operator(LocalStack.BILLING).get("/api/v1/accounts/{id}", chat.userId).then()
                .body("reserved", org.hamcrest.Matchers.equalTo(0));
        chat.send("/implement").awaitMessage("Done", MODEL_WORK);
    }

    @Test
    void cancelStopsAPlanInProgressAndAThirdJobIsRefusedWhileTwoRun() {
        Chat chat = Chat.newUser();
        chat.send("/start").awaitMessage("Welcome", 30);
        Platform.script("""
                rules:
                  - name: slow-architect
                    match: { operation: plan, promptContains: "Quokka" }
                    times: 2
                    respond: { delayMs: 9000 }
                """);
        chat.send("/newproject A Quokka metronome CLI");
        chat.send("/newproject A Quokka pomodoro timer CLI");
        chat.send("/newproject A unit converter CLI");
        String refused = text(chat.awaitMessage("You already have 2 jobs running", 60));
        assertTrue(refused.contains("planning") && refused.contains("/cancel"), refused);
        // /cancel without an active project stops the newest job of this chat: the pomodoro plan.
        chat.send("/cancel").awaitMessage("Stopping planning", 30);
        chat.awaitMessage("Cancelled", MODEL_WORK);
        // The metronome plan started first, so its answer may already be behind the cancellation.
        if (chat.texts().stream().noneMatch(said -> said.contains("plan ready"))) {
            chat.awaitMessage("plan ready", MODEL_WORK);
        }
        List<Map<String, Object>> projects = Platform.projects(chat.userId);
        assertEquals(1, projects.size(), "only the plan that was not cancelled made a project: " + projects);
        assertTrue(projects.get(0).get("title").toString().contains("Quokka Metronome"), projects.toString());
        Platform.operator(LocalStack.BILLING).get("/api/v1/accounts/{id}", chat.userId).then()
                .body("reserved", org.hamcrest.Matchers.equalTo(0));
        // With both finished, the limit lets the user start again.
        chat.send("/newproject A unit converter CLI").awaitMessage("plan ready", MODEL_WORK);
    }

    @Test
    void killingTheOrchestratorMidJobFinishesItWithoutDoubleChargesOrDuplicates() throws Exception {
        // A reference user does the same work without a crash: same prompts, same simulated tokens.
        Chat reference = Chat.newUser();
        long referenceProject = planned(reference, "A stopwatch CLI");
        reference.send("/implement all").awaitMessage("Done", MODEL_WORK * 4);

        Chat chat = Chat.newUser();
        long project = planned(chat, "A stopwatch CLI");
        Platform.script("""
                rules:
                  - name: slow-implementer
                    match: { operation: implement, promptContains: "Task 2" }
                    times: 1
                    respond: { delayMs: 6000 }
                """);
        long update = Chat.TELEGRAM.send(chat.userId, "/implement all");
        chat.await(action -> text(action).startsWith("Task 2/4"), MODEL_WORK, "start task 2");
        long crashed = crashAndRestartTheOrchestrator();
        chat.awaitMessage("Done", MODEL_WORK * 4);
        assertTheJobFinishedOnTheNewProcess(update, crashed);

        assertEquals(1, Platform.projects(chat.userId).size(), "one project");
        assertEquals(4, Platform.tasks(project, chat.userId).size(), "no duplicated tasks");
        assertEquals(Platform.files(referenceProject, reference.userId), Platform.files(project, chat.userId));
        for (String path : Platform.files(project, chat.userId)) {
            assertEquals(Platform.content(referenceProject, reference.userId, path),
                    Platform.content(project, chat.userId, path), path);
        }
        // Sandbox time varies from run to run; the number of runs charged may not.
        assertEquals(4, Platform.sandboxCharges(chat.userId).size(), "each task's checks charged once");
        assertEquals(Platform.balance(reference.userId) + Platform.sandboxCost(reference.userId),
                Platform.balance(chat.userId) + Platform.sandboxCost(chat.userId),
                "charged exactly what the same model work cost without a crash");
    }

    private static Map<String, String> unzip(byte[] zip) throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (var in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry entry; (entry = in.getNextEntry()) != null;) {
                if (!entry.isDirectory()) {
                    String path = entry.getName().substring(entry.getName().indexOf('/') + 1);
                    files.put(path, new String(in.readAllBytes(), StandardCharsets.UTF_8));
                }
            }
        }
        return files;
    }
}
