package ai.devbot.orchestrator.conversation.service;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.atLeastOnce;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

import ai.devbot.orchestrator.conversation.Command;
import ai.devbot.orchestrator.reply.Replies;
import ai.devbot.orchestrator.reply.Reply;
import ai.devbot.orchestrator.session.Session;
import ai.devbot.orchestrator.settings.SettingsStore;
import ai.devbot.orchestrator.settings.UserSettings;

/** /settings with the store mocked: showing, setting, resetting, and refusing what is not a setting. */
class SettingsCommandsTest {

    private static final long USER = 42;

    private final SettingsStore store = mock(SettingsStore.class);
    private final Replies replies = mock(Replies.class);
    private final SettingsCommands settings = new SettingsCommands(store);
    private final Session session = new Session(USER, USER, null, false, null);
    private final Answer answer = new Answer(new Command("tg-1", 1L, USER, null, USER, null, null, null,
            Command.Kind.COMMAND, null, null, null, null, null, null, null, null, null, null), replies);

    @BeforeEach
    void defaults() {
        when(store.get(USER)).thenReturn(UserSettings.defaults(USER));
        when(store.defaultAutoStartBelow()).thenReturn(5_000L);
    }

    @Test
    void theSettingsShowTheThresholdAndWhetherItIsTheDefault() {
        settings.run("settings", answer, session, "");

        assertTrue(last().startsWith("**Settings**\nAuto-start: work quoted at most 5,000 credits starts at once; "
                + "above that I ask first (the default)."), last());
    }

    @Test
    void aThresholdIsSavedAsTheUsersOwnAndDefaultForgetsIt() {
        settings.run("settings", answer, session, "autostart 2,000");
        verify(store).save(new UserSettings(USER, 2_000L));

        settings.run("settings", answer, session, "AUTOSTART default");
        verify(store).save(new UserSettings(USER, null));
    }

    @Test
    void whatIsNotASettingOrNotANumberInRangeIsRefusedAndNothingIsSaved() {
        for (String bad : List.of("autostart lots", "autostart -5", "autostart 999999999999", "autostart", "theme dark",
                "autostart 5 6")) {
            settings.run("settings", answer, session, bad);
            assertTrue(last().contains("`/settings autostart 2000`"), bad + ": " + last());
        }
        verify(store, never()).save(any());
    }

    private String last() {
        ArgumentCaptor<Reply> reply = ArgumentCaptor.forClass(Reply.class);
        verify(replies, atLeastOnce()).send(any(), reply.capture());
        List<Reply> all = reply.getAllValues();
        return all.get(all.size() - 1).text();
    }
}
