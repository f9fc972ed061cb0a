package ai.devbot.orchestrator.conversation.service;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.atLeastOnce;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

import ai.devbot.orchestrator.client.projectstore.ProjectStore;
import ai.devbot.orchestrator.client.projectstore.StoreRecords;
import ai.devbot.orchestrator.conversation.Command;
import ai.devbot.orchestrator.reply.Markdown;
import ai.devbot.orchestrator.reply.Replies;
import ai.devbot.orchestrator.reply.Reply;
import ai.devbot.orchestrator.session.Session;
import ai.devbot.orchestrator.session.SessionStore;

/** /push and /forget with project-store mocked: what the user is shown at each step, and what is never asked. */
class PushCommandsTest {

    private static final long USER = 42;
    private static final long PROJECT = 7;
    private static final String ADDRESS = "git@github.com:me/habits.git";

    private final SessionStore sessions = mock(SessionStore.class);
    private final ProjectStore store = mock(ProjectStore.class);
    private final Replies replies = mock(Replies.class);
    private final PushCommands push = new PushCommands(store, new ActiveProject(sessions, store));
    private final Session onProject = new Session(USER, USER, PROJECT, false, null);
    private final Answer answer = new Answer(new Command("tg-1", 1L, USER, null, USER, null, null, null,
            Command.Kind.COMMAND, null, null, null, null, null, null, null, null, null, null), replies);

    @BeforeEach
    void aProject() {
        when(store.project(PROJECT, USER)).thenReturn(Optional.of(new StoreRecords.Project(PROJECT, USER, "Habits",
                "idea", "summary", List.of("node"), "architecture", null, "active")));
    }

    @Test
    void anAddressIsAnsweredWithThePublicKeyToAddAndTheBranch() {
        when(store.setUpPush(PROJECT, USER, ADDRESS)).thenReturn(new ProjectStore.PushSetupOutcome(
                new StoreRecords.PushSetup(ADDRESS, "devbot/habits", "ecdsa-sha2-nistp256 AAAAE2 devbot-habits",
                        "SHA256:abc"), null));

        push.run("push", answer, onProject, "  " + ADDRESS + " ");

        String text = last().text();
        assertTrue(text.contains("```\necdsa-sha2-nistp256 AAAAE2 devbot-habits\n```"), text);
        assertTrue(text.contains("Allow write access") && text.contains("`devbot/habits`"), text);
        verify(store, never()).push(anyLong(), anyLong());
    }

    @Test
    void aRefusedAddressSaysWhyAndHowToAsk() {
        when(store.setUpPush(PROJECT, USER, "https://github.com/me/habits"))
                .thenReturn(new ProjectStore.PushSetupOutcome(null, "only SSH addresses are pushed to"));

        push.run("push", answer, onProject, "https://github.com/me/habits");

        assertTrue(last().text().startsWith("I cannot push there: only SSH addresses are pushed to.\n`/push git@"),
                last().text());
    }

    @Test
    void pushingShowsTheBranchTheCommitsAndOnTheFirstContactTheHostKey() {
        when(store.push(PROJECT, USER)).thenReturn(new ProjectStore.PushOutcome(new StoreRecords.Pushed("pushed",
                ADDRESS, "devbot/habits", "0123456789abcdef0123456789abcdef01234567", 3, "SHA256:host", true), null,
                false));

        push.run("push", answer, onProject, "");

        String text = last().text();
        assertTrue(text.startsWith("⬆️ Pushed **Habits** to `devbot/habits` on `" + ADDRESS + "`: 3 commits, the "
                + "newest `0123456789ab`."), text);
        assertTrue(text.contains("host key is `SHA256:host`"), text);
    }

    @Test
    void withoutAnAddressYetOrWhenRefusedTheUserIsToldWhatToDo() {
        when(store.push(PROJECT, USER)).thenReturn(new ProjectStore.PushOutcome(null, "no repository", true));
        push.run("push", answer, onProject, "");
        assertTrue(last().text().contains("has no repository to push to yet"), last().text());

        when(store.push(PROJECT, USER)).thenReturn(new ProjectStore.PushOutcome(null,
                "the branch devbot/habits on the repository has commits this project does not have", false));
        push.run("push", answer, onProject, "");
        assertTrue(last().text().startsWith("The push was refused: " + Markdown.text("the branch devbot/habits")),
                last().text());
    }

    @Test
    void forgetSaysWhetherThereWasAKey() {
        when(store.forgetPush(PROJECT, USER)).thenReturn(true, false);

        push.run("forget", answer, onProject, "");
        assertTrue(last().text().startsWith("🗑 I deleted the deploy key of **Habits**"), last().text());
        push.run("forget", answer, onProject, "");
        assertTrue(last().text().contains("nothing to forget"), last().text());
    }

    @Test
    void withoutAnActiveProjectNothingIsAsked() {
        push.run("push", answer, new Session(USER, USER, null, false, null), ADDRESS);

        assertTrue(last().text().startsWith("No active project yet."), last().text());
        verify(store, never()).setUpPush(anyLong(), anyLong(), anyString());
        assertFalse(last().text().contains("ecdsa"));
    }

    private Reply last() {
        ArgumentCaptor<Reply> reply = ArgumentCaptor.forClass(Reply.class);
        verify(replies, atLeastOnce()).send(any(), reply.capture());
        List<Reply> all = reply.getAllValues();
        return all.get(all.size() - 1);
    }
}
