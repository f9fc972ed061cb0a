package ai.devbot.orchestrator.conversation.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.atLeastOnce;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

import ai.devbot.orchestrator.client.projectstore.ProjectStore;
import ai.devbot.orchestrator.client.projectstore.StoreRecords;
import ai.devbot.orchestrator.config.OrchestratorConfig;
import ai.devbot.orchestrator.conversation.Command;
import ai.devbot.orchestrator.job.service.JobStore;
import ai.devbot.orchestrator.reply.Markdown;
import ai.devbot.orchestrator.reply.Replies;
import ai.devbot.orchestrator.reply.Reply;
import ai.devbot.orchestrator.session.Session;
import ai.devbot.orchestrator.session.SessionStore;

/**
 * /diff and /undo with project-store and the job store mocked: which task they act on, what the user sees
 * of a short and a long change, and that a refused or busy undo changes nothing — no task status included.
 */
class HistoryCommandsTest {

    private static final long USER = 42;
    private static final long PROJECT = 7;

    private final SessionStore sessions = mock(SessionStore.class);
    private final ProjectStore store = mock(ProjectStore.class);
    private final JobStore jobs = mock(JobStore.class);
    private final OrchestratorConfig config = mock(OrchestratorConfig.class);
    private final Replies replies = mock(Replies.class);
    private final HistoryCommands history = new HistoryCommands(store, jobs, new ActiveProject(sessions, store), config);
    private final Session onProject = new Session(USER, USER, PROJECT, false, null);
    private final Answer answer = new Answer(new Command("tg-1", 1L, USER, null, USER, null, null, null,
            Command.Kind.COMMAND, null, null, null, null, null, null, null, null, null, null), replies);

    @BeforeEach
    void setUp() {
        when(config.projectStorePublicUrl()).thenReturn(URI.create("http://store.test/"));
        when(store.project(PROJECT, USER)).thenReturn(Optional.of(project()));
        when(store.tasks(PROJECT, USER)).thenReturn(List.of(task(1, "done"), task(2, "done"), task(3, "todo")));
        when(jobs.holdProject(eq(PROJECT), anyString(), any(Duration.class))).thenReturn(true);
    }

    @Test
    void diffWithoutANumberShowsTheLastTaskDoneInlineWithItsButtons() {
        when(store.taskDiff(PROJECT, USER, 2)).thenReturn(Optional.of(new StoreRecords.TaskDiff(2, List.of(
                new StoreRecords.FileDiff("app.js", "changed", "--- a/app.js\n+++ b/app.js\n@@ -1 +1 @@\n-a\n+b\n"),
                new StoreRecords.FileDiff("test/app.test.js", "created", "--- /dev/null\n+++ b/test/app.test.js\n")))));

        history.run("diff", answer, onProject, "");

        Reply reply = last();
        assertEquals(Reply.Kind.MESSAGE, reply.kind());
        assertTrue(reply.text().startsWith("**Task 2 · Task 2** — created `test/app.test.js`, changed `app.js`\n```\n"
                + "--- a/app.js\n"), reply.text());
        assertEquals(List.of("diff:p7:t2", "undo:p7:t2"),
                reply.buttons().get(0).stream().map(Reply.Button::callbackData).toList());
    }

    @Test
    void aLongDiffComesAsAPatchDocumentFromProjectStore() {
        String big = "+" + "x".repeat(HistoryCommands.MAX_INLINE_DIFF) + "\n";
        when(store.taskDiff(PROJECT, USER, 1)).thenReturn(Optional.of(new StoreRecords.TaskDiff(1,
                List.of(new StoreRecords.FileDiff("big.txt", "created", big)))));

        history.run("diff", answer, onProject, "#1");

        Reply reply = last();
        assertEquals(Reply.Kind.DOCUMENT, reply.kind());
        assertEquals("http://store.test/v1/projects/7/tasks/1/patch?ownerId=42", reply.document().url());
        assertEquals("habits-task-1.patch", reply.document().fileName());
        assertEquals("text/x-patch", reply.document().contentType());
    }

    @Test
    void aTaskThatDoesNotExistOrAMalformedNumberIsAnsweredAndNothingIsUndone() {
        history.run("undo", answer, onProject, "9");
        assertEquals("There is no task 9 in **Habits** (it has 3). /tasks shows them.", last().text());

        history.run("undo", answer, onProject, "2; drop");
        assertTrue(last().text().startsWith("Use `/undo` for the last task done, or `/undo N`"), last().text());

        history.run("diff", answer, onProject, "123456");
        assertTrue(last().text().startsWith("Use `/diff`"), last().text());
        verify(store, never()).rollback(anyLong(), anyLong(), anyInt());
        verify(store, never()).taskDiff(anyLong(), anyLong(), anyInt());
    }

    @Test
    void withNoTaskDoneThereIsNothingToUndo() {
        when(store.tasks(PROJECT, USER)).thenReturn(List.of(task(1, "todo")));

        history.run("undo", answer, onProject, "");

        assertTrue(last().text().startsWith("No task of **Habits** is done yet, so there is nothing to undo."),
                last().text());
        verify(store, never()).rollback(anyLong(), anyLong(), anyInt());
    }

    @Test
    void anUndoPutsTheTaskBackOnTheToDoListAndSaysWhatItRestored() {
        when(store.rollback(PROJECT, USER, 2)).thenReturn(new ProjectStore.Rollback(new StoreRecords.Applied(
                "rollback-task-2@5", List.of(), List.of("app.js"), List.of("test/app.test.js")), null));

        history.run("undo", answer, onProject, "");

        verify(store).updateTask(PROJECT, USER, 2, new StoreRecords.TaskUpdate("todo", null, null, null));
        assertEquals("↩️ Undid task 2 · Task 2: restored `app.js`, removed `test/app.test.js`. It is on the to-do "
                + "list again: `/implement 2` does it anew.", last().text());
        verify(jobs).releaseProject(PROJECT, "undo:tg-1");
    }

    @Test
    void aRefusedUndoSaysWhyAndLeavesTheTaskAsItWas() {
        when(store.rollback(PROJECT, USER, 1)).thenReturn(new ProjectStore.Rollback(null,
                "later changes touched its files: app.js (task 2); undo those first"));

        history.run("undo", answer, onProject, "1");

        assertEquals("Task 1 was not undone: " + Markdown.text("later changes touched its files: app.js (task 2); "
                + "undo those first") + ". Nothing changed.", last().text());
        verify(store, never()).updateTask(anyLong(), anyLong(), anyInt(), any());
        verify(jobs).releaseProject(PROJECT, "undo:tg-1");
    }

    @Test
    void anUndoWhileAJobRunsIsRefusedBeforeProjectStoreIsAsked() {
        when(jobs.holdProject(eq(PROJECT), anyString(), any(Duration.class))).thenReturn(false);
        when(jobs.projectJob(PROJECT)).thenReturn(Optional.of("job-tg-0"));

        history.run("undo", answer, onProject, "");

        assertTrue(last().text().startsWith("**Habits** is busy: "), last().text());
        assertTrue(last().text().endsWith("Undo once it has finished, or /cancel it."), last().text());
        verify(store, never()).rollback(anyLong(), anyLong(), anyInt());
        verify(jobs, never()).releaseProject(anyLong(), anyString());
    }

    @Test
    void withoutAnActiveProjectNothingIsLookedUp() {
        history.run("diff", answer, new Session(USER, USER, null, false, null), "");

        assertTrue(last().text().startsWith("No active project yet."), last().text());
        verify(store, never()).tasks(anyLong(), anyLong());
    }

    @Test
    void aButtonForATaskThatIsGoneSaysSo() {
        history.pressed(answer, project(), 12, true);

        assertEquals("There is no task 12 in **Habits** (it has 3). /tasks shows them.", last().text());
        assertNull(last().buttons());
        verify(store, never()).rollback(anyLong(), anyLong(), anyInt());
    }

    private Reply last() {
        ArgumentCaptor<Reply> reply = ArgumentCaptor.forClass(Reply.class);
        verify(replies, atLeastOnce()).send(any(), reply.capture());
        List<Reply> all = reply.getAllValues();
        return all.get(all.size() - 1);
    }

    private static StoreRecords.Project project() {
        return new StoreRecords.Project(PROJECT, USER, "Habits", "a habit tracker", "summary", List.of("node"),
                "architecture", null, "active");
    }

    private static StoreRecords.Task task(int number, String status) {
        return new StoreRecords.Task(number, "Task " + number, "Do " + number, List.of(), status, 0, null, null);
    }
}
