package ai.devbot.orchestrator.conversation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import ai.devbot.orchestrator.support.FakeProjectStore;
import ai.devbot.testsupport.TopicReader;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The project commands and buttons through real Kafka and Redis, project-store and billing played by
 * {@link FakeProjectStore}: /use, /projects, /files, /show, /tasks, the plan/tasks/use/cancel buttons, a
 * stranger's attempts on someone else's project, and project-store and billing down (an apology with a
 * reference, no internals, and service as usual once they are back).
 */
@QuarkusTest
@QuarkusTestResource(value = FakeProjectStore.class, restrictToAnnotatedClass = true)
class ProjectCommandsTest {

    static final String KAFKA = "127.0.0.1:59092";
    static final ObjectMapper JSON = new ObjectMapper();
    static TopicReader replies;

    @BeforeAll
    static void readReplies() {
        replies = new TopicReader(KAFKA, "test-orchestrator-bot-replies");
    }

    @AfterAll
    static void close() {
        replies.close();
    }

    @AfterEach
    void projectStoreIsBack() {
        FakeProjectStore.down = false;
    }

    /** Sends the user's commands in order and answers the replies to each, in order (one list per command). */
    static List<List<JsonNode>> say(long user, String... lines) {
        String[] commands = new String[lines.length];
        List<String> ids = new java.util.ArrayList<>();
        for (int i = 0; i < lines.length; i++) {
            String id = "tg-" + UUID.randomUUID();
            ids.add(id);
            String line = lines[i];
            commands[i] = line.startsWith("press ")
                    ? """
                            {"commandId":"%s","updateId":1,"chatId":%d,"userId":%d,"kind":"CALLBACK","callbackQueryId":"q-%s",\
                            "callbackData":"%s"}""".formatted(id, user, user, id, line.substring(6))
                    : """
                            {"commandId":"%s","updateId":1,"chatId":%d,"userId":%d,"kind":"COMMAND","command":"%s","args":"%s"}"""
                            .formatted(id, user, user, line.substring(1).split(" ", 2)[0],
                                    line.contains(" ") ? line.substring(line.indexOf(' ') + 1) : "");
        }
        TopicReader.send(KAFKA, "test-orchestrator-bot-commands", Long.toString(user), commands);
        // A marker after them: every reply they caused is on the topic before its answer.
        String marker = "tg-mark-" + UUID.randomUUID();
        TopicReader.send(KAFKA, "test-orchestrator-bot-commands", Long.toString(user), """
                {"commandId":"%s","updateId":1,"chatId":%d,"userId":%d,"kind":"COMMAND","command":"help"}"""
                .formatted(marker, user, user));
        List<JsonNode> all = replies.upTo(r -> r.key().equals(Long.toString(user)),
                r -> r.value().contains("\"inReplyTo\":\"" + marker + "\""), Duration.ofSeconds(30)).stream()
                .map(r -> read(r.value())).toList();
        return ids.stream().map(id -> all.stream().filter(reply -> id.equals(reply.path("inReplyTo").asText())).toList())
                .toList();
    }

    static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (Exception e) {
            throw new AssertionError(json, e);
        }
    }

    static String text(List<JsonNode> replies) {
        return String.join("\n---\n", replies.stream().map(reply -> reply.path("text").asText()).toList());
    }

    static List<String> buttons(List<JsonNode> replies) {
        return replies.stream().flatMap(reply -> reply.path("buttons").findValuesAsText("callbackData").stream()).toList();
    }

    @Test
    void useMakesAProjectActiveAndFilesShowAndTasksWorkOnIt() {
        long user = FakeProjectStore.newOwner();
        List<List<JsonNode>> answers = say(user, "/use 41", "/files", "/show main.py", "/show missing.py", "/show", "/tasks",
                "/show logo.png");
        assertTrue(text(answers.get(0)).contains("Now working on **Word Counter** (#41)"), text(answers.get(0)));
        assertEquals(List.of("impl:next:p41", "impl:all:p41", "plan:p41", "dl:p41"), buttons(answers.get(0)));
        String files = text(answers.get(1));
        assertTrue(files.contains("**Word Counter** — 3 files") && files.contains("`main.py`") && files.contains("`README.md`"),
                files);
        assertTrue(files.contains("`logo.png` · 12 B · binary"), files);
        assertTrue(text(answers.get(6)).contains("`logo.png` is a binary file (it came with the import)"),
                text(answers.get(6)));
        // The file holds ``` itself: the block is fenced with a longer run, so the content cannot close it.
        String shown = text(answers.get(2));
        assertTrue(shown.startsWith("`main.py`\n````"), shown);
        assertTrue(shown.contains(FakeProjectStore.MAIN_PY), shown);
        assertTrue(text(answers.get(3)).contains("There is no `missing.py` in **Word Counter**"), text(answers.get(3)));
        assertTrue(text(answers.get(4)).contains("Which file?"), text(answers.get(4)));
        String tasks = text(answers.get(5));
        assertTrue(tasks.contains("✅ 1. Count words") && tasks.contains("▫️ 2. Read files"), tasks);
        assertTrue(buttons(answers.get(5)).contains("impl:next:p41"), "a task is open: implement is offered");
    }

    @Test
    void downloadSendsTheZipAndTheHistoryBundleByProjectStoreUrls() {
        long user = FakeProjectStore.newOwner();
        List<JsonNode> sent = say(user, "/use 41", "/download").get(1);

        List<JsonNode> documents = sent.stream().filter(reply -> "DOCUMENT".equals(reply.path("kind").asText())).toList();
        assertEquals(List.of("word-counter.zip", "word-counter.bundle"),
                documents.stream().map(reply -> reply.path("document").path("fileName").asText()).toList());
        assertTrue(documents.get(0).path("document").path("url").asText().endsWith("/v1/projects/41/archive?ownerId=" + user));
        assertTrue(documents.get(1).path("document").path("url").asText()
                .endsWith("/v1/projects/41/history/bundle?ownerId=" + user));
        assertTrue(documents.get(1).path("text").asText().contains("git clone word-counter.bundle"));
    }

    @Test
    void theButtonsShowThePlanTheTasksSwitchProjectsAndCancelNothingRunning() {
        long user = FakeProjectStore.newOwner();
        List<List<JsonNode>> answers = say(user, "press plan:p41", "press tasks:p41", "press use:p41", "press cancel:p41",
                "/projects");
        for (List<JsonNode> pressed : answers.subList(0, 4)) {
            assertEquals("CALLBACK_ANSWER", pressed.get(0).path("kind").asText(), "every press is answered first");
        }
        String plan = text(answers.get(0));
        assertTrue(plan.contains("**Word Counter** — architecture") && plan.contains("One module: `main.py`.")
                && plan.contains("1. Count words"), plan);
        assertTrue(text(answers.get(1)).contains("▫️ 2. Read files"), text(answers.get(1)));
        assertTrue(text(answers.get(2)).contains("Now working on **Word Counter** (#41)"), text(answers.get(2)));
        assertTrue(text(answers.get(3)).contains("Nothing is running on **Word Counter**"), text(answers.get(3)));
        // The press made #41 the active project: /projects marks it.
        assertTrue(text(answers.get(4)).contains("▶️ Word Counter — `/use 41`"), text(answers.get(4)));
        assertEquals(List.of("use:p41"), buttons(answers.get(4)));
    }

    @Test
    void aStrangerCanNeitherUseNorSeeAnotherOwnersProject() {
        long stranger = FakeProjectStore.stranger();
        List<List<JsonNode>> answers = say(stranger, "/use 41", "press plan:p41", "press dl:p41", "/projects", "/files",
                "/use nonsense");
        assertTrue(text(answers.get(0)).contains("You have no project #41"), text(answers.get(0)));
        assertTrue(text(answers.get(1)).contains("does not exist or is not yours"), text(answers.get(1)));
        assertTrue(text(answers.get(2)).contains("does not exist or is not yours"), text(answers.get(2)));
        assertTrue(text(answers.get(3)).contains("You have no projects yet"), text(answers.get(3)));
        assertTrue(text(answers.get(4)).contains("No active project yet"), "/use of a stranger's project set nothing");
        assertTrue(text(answers.get(5)).contains("Use `/use ID`"), text(answers.get(5)));
        for (List<JsonNode> answer : answers) {
            assertFalse(text(answer).contains("Word Counter") || text(answer).contains("main.py"), text(answer));
        }
    }

    @Test
    void whileProjectStoreAndBillingAreDownTheUserGetsAnApologyWithAReferenceAndNoInternals() {
        long user = FakeProjectStore.newOwner();
        say(user, "/use 41");
        FakeProjectStore.down = true;
        List<List<JsonNode>> answers = say(user, "/projects", "/files", "/show main.py", "press tasks:p41", "/start",
                "/credits", "/status");
        for (List<JsonNode> answer : answers) {
            String said = text(answer);
            assertTrue(said.contains("something went wrong on our side") && said.matches("(?s).*reference `E-[0-9a-f]{8}`.*"),
                    said);
            assertFalse(said.contains("127.0.0.1") || said.contains("ai.devbot") || said.contains("503")
                    || said.contains("Exception"), "no internals: " + said);
        }
        FakeProjectStore.down = false;
        assertTrue(text(say(user, "/files").get(0)).contains("3 files"), "service as usual once it is back");
    }
}
