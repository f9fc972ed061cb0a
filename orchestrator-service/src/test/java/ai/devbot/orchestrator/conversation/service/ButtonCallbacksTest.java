package ai.devbot.orchestrator.conversation.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.atLeastOnce;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

import ai.devbot.orchestrator.client.projectstore.ProjectStore;
import ai.devbot.orchestrator.client.projectstore.StoreRecords;
import ai.devbot.orchestrator.conversation.Command;
import ai.devbot.orchestrator.job.model.Choice;
import ai.devbot.orchestrator.reply.Replies;
import ai.devbot.orchestrator.reply.Reply;
import ai.devbot.orchestrator.session.Session;
import ai.devbot.orchestrator.session.SessionStore;

/**
 * A pressed button with the command families mocked: it is always answered, forged or stale data does
 * nothing, a project that is not the presser's is refused, and a valid one runs its command on that project.
 */
class ButtonCallbacksTest {

    private static final long USER = 42;
    private static final long PROJECT = 7;

    private final SessionStore sessions = mock(SessionStore.class);
    private final ProjectStore store = mock(ProjectStore.class);
    private final ProjectCommands projects = mock(ProjectCommands.class);
    private final JobCommands work = mock(JobCommands.class);
    private final CreditCommands credits = mock(CreditCommands.class);
    private final HistoryCommands history = mock(HistoryCommands.class);
    private final Replies replies = mock(Replies.class);
    private final PauseChoices pauses = mock(PauseChoices.class);
    private final ModelCommands models = mock(ModelCommands.class);
    private final ButtonCallbacks buttons = new ButtonCallbacks(sessions, store, projects, work, credits, history,
            pauses, models);
    private final Session session = new Session(USER, USER, 3L, false, null);

    @BeforeEach
    void setUp() {
        when(store.project(PROJECT, USER)).thenReturn(Optional.of(project()));
    }

    @Test
    void forgedDataIsAnsweredAsNoLongerWorkingAndDoesNothing() {
        for (String data : List.of("impl:all:p7;rm -rf", "dl:p-1", "buy:../../etc", "use:p0", "",
                "undo:p7", "undo:p7:t0", "diff:p7:t-1", "diff:p7:t123456", "dl:p7:t3", "again:p7", "stop:p7:t3:t4",
                "skip:p7:tx", "drop:7:t1", "tier:p7:", "tier:p7:Economy", "tier:p7:../x",
                "tier:p7:a-very-long-tier-name-indeed")) {
            Answer answer = press(data);

            buttons.pressed(answer, session);

            assertEquals("That button no longer works.", acknowledgement().text(), data);
        }
        verifyNoInteractions(store, projects, work, credits, sessions, history, pauses, models);
    }

    @Test
    void aButtonOnSomeoneElsesProjectActsOnNothingOfTheirs() {
        when(store.project(PROJECT, USER)).thenReturn(Optional.empty());

        buttons.pressed(press("impl:all:p7"), session);

        verifyNoInteractions(work, projects, sessions);
        List<Reply> sent = sent();
        assertEquals("That project does not exist or is not yours. /projects lists yours.",
                sent.get(sent.size() - 1).text());
    }

    @Test
    void implementAllActsOnThePressedProjectWhichBecomesTheActiveOne() {
        Answer answer = press("impl:all:p7");

        buttons.pressed(answer, session);

        assertNull(acknowledgement().text(), "answered without a notice, so the button stops spinning");
        verify(sessions).save(argThat(saved -> Long.valueOf(PROJECT).equals(saved.activeProjectId())));
        verify(work).implement(eq(answer), argThat(focused -> Long.valueOf(PROJECT).equals(focused.activeProjectId())),
                eq("all"));
    }

    @Test
    void aButtonOfTheActiveProjectKeepsTheSession() {
        Session active = session.withActiveProject(PROJECT);
        Answer answer = press("dl:p7");

        buttons.pressed(answer, active);

        verify(sessions, never()).save(any());
        verify(projects).download(answer, project());
    }

    @Test
    void eachProjectButtonRunsItsCommand() {
        Answer next = press("impl:next:p7");
        Answer cancel = press("cancel:p7");
        Answer test = press("test:p7");
        Answer tasks = press("tasks:p7");
        Answer plan = press("plan:p7");
        buttons.pressed(next, session);
        buttons.pressed(cancel, session);
        buttons.pressed(test, session);
        buttons.pressed(tasks, session);
        buttons.pressed(plan, session);

        verify(work).implement(eq(next), any(), eq(""));
        verify(work).cancelProjectJob(cancel, project());
        verify(work).test(test, project());
        verify(projects).tasks(tasks, project());
        verify(projects).plan(plan, project());
    }

    @Test
    void diffAndUndoButtonsNameTheirTaskOnThePressedProject() {
        Answer diff = press("diff:p7:t3");
        Answer undo = press("undo:p7:t12");
        buttons.pressed(diff, session);
        buttons.pressed(undo, session);

        verify(history).pressed(diff, project(), 3, false);
        verify(history).pressed(undo, project(), 12, true);
    }

    @Test
    void theChoicesUnderAPausedTaskGoToThatTaskOfThePressedProject() {
        Map<String, Choice> choices = Map.of("again:p7:t3", Choice.TRY_AGAIN, "drop:p7:t3", Choice.UNDO,
                "skip:p7:t3", Choice.SKIP, "stop:p7:t3", Choice.STOP);
        choices.forEach((data, choice) -> {
            Answer answer = press(data);
            buttons.pressed(answer, session);
            verify(pauses).pressed(answer, project(), 3, choice);
        });
    }

    @Test
    void aTierButtonChoosesThatTierForThePressedProject() {
        Answer answer = press("tier:p7:economy");
        buttons.pressed(answer, session);
        verify(models).pressed(answer, project(), "economy");
    }

    @Test
    void aChoiceOnSomeoneElsesPausedTaskReachesNothing() {
        when(store.project(PROJECT, USER)).thenReturn(Optional.empty());

        buttons.pressed(press("again:p7:t3"), session);

        verifyNoInteractions(pauses);
    }

    @Test
    void anUndoButtonOnSomeoneElsesProjectUndoesNothing() {
        when(store.project(PROJECT, USER)).thenReturn(Optional.empty());

        buttons.pressed(press("undo:p7:t3"), session);

        verifyNoInteractions(history);
    }

    @Test
    void aPackButtonAsksForItsInvoiceWithoutAProject() {
        Answer answer = press("buy:pack-100");

        buttons.pressed(answer, session);

        verify(credits).invoice(answer, "pack-100");
        verifyNoInteractions(store);
    }

    private Answer press(String data) {
        return new Answer(new Command("tg-" + data.hashCode(), 1L, USER, null, USER, null, null, null,
                Command.Kind.CALLBACK, null, null, null, null, "q-1", data, null, null, null, null), replies);
    }

    private List<Reply> sent() {
        ArgumentCaptor<Reply> reply = ArgumentCaptor.forClass(Reply.class);
        verify(replies, atLeastOnce()).send(any(), reply.capture());
        return reply.getAllValues();
    }

    private Reply acknowledgement() {
        List<Reply> sent = sent();
        Reply last = sent.stream().filter(reply -> reply.kind() == Reply.Kind.CALLBACK_ANSWER)
                .reduce((first, second) -> second).orElseThrow();
        return last;
    }

    private static StoreRecords.Project project() {
        return new StoreRecords.Project(PROJECT, USER, "Habits", "a habit tracker", "summary", List.of("node"),
                "architecture", null, "active");
    }
}
