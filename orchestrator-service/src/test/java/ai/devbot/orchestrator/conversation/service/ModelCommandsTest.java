package ai.devbot.orchestrator.conversation.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyLong;
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

import ai.devbot.orchestrator.client.agent.AgentRecords;
import ai.devbot.orchestrator.client.projectstore.ProjectStore;
import ai.devbot.orchestrator.client.projectstore.StoreRecords;
import ai.devbot.orchestrator.conversation.Command;
import ai.devbot.orchestrator.quote.Quote;
import ai.devbot.orchestrator.quote.Quotes;
import ai.devbot.orchestrator.reply.Replies;
import ai.devbot.orchestrator.reply.Reply;
import ai.devbot.orchestrator.session.Session;
import ai.devbot.orchestrator.session.SessionStore;
import ai.devbot.orchestrator.tier.ProjectTiers;
import ai.devbot.orchestrator.tier.Tiers;

/** /model with the tiers, the project's choice and quotes mocked: what it shows, what it saves, what it refuses. */
class ModelCommandsTest {

    private static final long USER = 42;
    private static final long PROJECT = 7;
    private static final AgentRecords.Tier ECONOMY = tier("economy", "Economy", false, "qwen/qwen-2.5-coder-32b-instruct",
            "whole-file");
    private static final AgentRecords.Tier STANDARD = tier("standard", "Standard", true, "qwen/qwen3-coder",
            "search-replace");

    private final SessionStore sessions = mock(SessionStore.class);
    private final ProjectStore store = mock(ProjectStore.class);
    private final Tiers tiers = mock(Tiers.class);
    private final ProjectTiers projectTiers = mock(ProjectTiers.class);
    private final Quotes quotes = mock(Quotes.class);
    private final Replies replies = mock(Replies.class);
    private final ModelCommands models = new ModelCommands(new ActiveProject(sessions, store), tiers, projectTiers,
            quotes);
    private final Session session = new Session(USER, USER, PROJECT, false, null);
    private final Answer answer = new Answer(new Command("tg-1", 1L, USER, null, USER, null, null, null,
            Command.Kind.COMMAND, null, null, null, null, null, null, null, null, null, null), replies);

    @BeforeEach
    void setUp() {
        when(store.project(PROJECT, USER)).thenReturn(Optional.of(new StoreRecords.Project(PROJECT, USER, "Habits",
                "idea", "summary", List.of(), "architecture", null, "active")));
        when(tiers.all()).thenReturn(List.of(ECONOMY, STANDARD));
        when(quotes.tryFor(anyLong(), anyInt(), any())).thenReturn(Optional.empty());
        when(quotes.tryFor(USER, 1, "economy")).thenReturn(Optional.of(new Quote(1, 40, 900, true, 50_000, 100)));
    }

    @Test
    void theTiersAreShownWithTheirModelsATasksQuoteAndAButtonEachTheCurrentOneTicked() {
        models.run("model", answer, session, "");

        Reply shown = last();
        assertTrue(shown.text().startsWith("**Habits** uses the *Standard* tier."), shown.text());
        assertTrue(shown.text().contains("*Economy* — plans and reviews with `gemini-2.5-flash`, writes code with "
                + "`qwen/qwen-2.5-coder-32b-instruct` (whole-file edits); a task ≈ 40–900 credits."), shown.text());
        assertEquals(List.of("Economy", "✓ Standard"), shown.buttons().get(0).stream().map(Reply.Button::text).toList());
        assertEquals("tier:p7:economy", shown.buttons().get(0).get(0).callbackData());
    }

    @Test
    void choosingATierSavesItForTheProjectAndTheDefaultForgetsTheChoice() {
        models.run("model", answer, session, "Economy");
        verify(projectTiers).choose(PROJECT, "economy");
        assertTrue(last().text().contains("now uses the *Economy* tier"), last().text());

        models.pressed(answer, project(), "standard");
        verify(projectTiers).choose(PROJECT, null);
    }

    @Test
    void anUnknownTierIsRefusedWithTheNamesAndNothingIsSaved() {
        models.run("model", answer, session, "platinum");

        assertTrue(last().text().startsWith("There is no tier `platinum`. Choose one of: `economy`, `standard`"),
                last().text());
        verify(projectTiers, never()).choose(anyLong(), any());
    }

    @Test
    void withoutTheModelServiceNothingIsShownOrChangedAndTheUserIsToldToTryAgain() {
        when(tiers.all()).thenReturn(List.of());

        models.run("model", answer, session, "economy");

        assertTrue(last().text().contains("Try /model again in a minute"), last().text());
        verify(projectTiers, never()).choose(anyLong(), any());
    }

    private static StoreRecords.Project project() {
        return new StoreRecords.Project(PROJECT, USER, "Habits", "idea", "summary", List.of(), "architecture", null,
                "active");
    }

    private static AgentRecords.Tier tier(String name, String label, boolean isDefault, String implementer,
            String format) {
        return new AgentRecords.Tier(name, label, isDefault, new AgentRecords.ModelRef("gemini", "gemini-2.5-flash"),
                new AgentRecords.ModelRef("openrouter", implementer), format);
    }

    private Reply last() {
        ArgumentCaptor<Reply> reply = ArgumentCaptor.forClass(Reply.class);
        verify(replies, atLeastOnce()).send(any(), reply.capture());
        List<Reply> all = reply.getAllValues();
        return all.get(all.size() - 1);
    }
}
