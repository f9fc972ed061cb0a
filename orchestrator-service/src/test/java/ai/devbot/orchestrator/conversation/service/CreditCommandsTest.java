package ai.devbot.orchestrator.conversation.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.atLeastOnce;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

import ai.devbot.orchestrator.client.billing.Billing;
import ai.devbot.orchestrator.client.billing.BillingRecords;
import ai.devbot.orchestrator.client.projectstore.ProjectStore;
import ai.devbot.orchestrator.client.projectstore.StoreRecords;
import ai.devbot.orchestrator.conversation.Command;
import ai.devbot.orchestrator.reply.Replies;
import ai.devbot.orchestrator.reply.Reply;
import ai.devbot.orchestrator.session.Session;

/** The account commands with billing mocked: the welcome and its grant, the balance and history, packs and invoices. */
class CreditCommandsTest {

    private static final long USER = 42;

    private final Billing billing = mock(Billing.class);
    private final Replies replies = mock(Replies.class);
    private final ProjectStore store = mock(ProjectStore.class);
    private final CreditCommands commands = new CreditCommands(billing, store);
    private final Session session = new Session(USER, USER, null, false, null);
    private final BillingRecords.Pack pack = new BillingRecords.Pack("pack-100", 100, 10_000, "Starter *pack*",
            "10,000 credits");

    @BeforeEach
    void setUp() {
        when(billing.packs()).thenReturn(List.of(pack));
    }

    @Test
    void aNewUserIsWelcomedByNameWithTheStarterGrant() {
        when(billing.ensureAccount(USER)).thenReturn(new BillingRecords.Account(USER, 500, 0, 500, true));

        commands.run("start", answer("Ada_"), session, "");

        String text = said();
        assertTrue(text.startsWith("👋 Welcome, Ada\\_!"), text);
        assertTrue(text.contains("You have **500 credits** to start with."), text);
    }

    @Test
    void aReturningUserIsShownTheirBalanceNotAGrant() {
        when(billing.ensureAccount(USER)).thenReturn(new BillingRecords.Account(USER, 120, 0, 120, false));

        commands.run("start", answer(null), session, "");

        assertTrue(said().contains("Your balance: **120 credits**."), said());
    }

    @Test
    void creditsShowTheBalanceWhatIsHeldAndTheLastTransactions() {
        when(billing.ensureAccount(USER)).thenReturn(new BillingRecords.Account(USER, 900, 300, 600, false));
        when(billing.recentEntries(USER, 5)).thenReturn(List.of(
                new BillingRecords.Entry("PURCHASE", 1_000, 1_000, "Starter pack", Instant.EPOCH),
                new BillingRecords.Entry("CHARGE", -100, 900, null, Instant.EPOCH)));

        commands.run("credits", answer(null), session, "");

        String text = said();
        assertTrue(text.contains("(300 credits held for running work)"), text);
        assertTrue(text.contains("• +1,000 · Starter pack"), text);
        assertTrue(text.contains("• -100 · charge"), text);
    }

    @Test
    void creditsShowWhereTheyWentProjectByProjectADeletedOneByItsNumber() {
        when(billing.ensureAccount(USER)).thenReturn(new BillingRecords.Account(USER, 900, 0, 900, false));
        when(billing.spendByProject(USER, 5)).thenReturn(List.of(new BillingRecords.ProjectSpend(7, 12_000, 9),
                new BillingRecords.ProjectSpend(3, 800, 2)));
        when(store.projects(USER)).thenReturn(List.of(new StoreRecords.Project(7, USER, "Habits", "idea", "summary",
                List.of(), "architecture", null, "active")));

        commands.run("credits", answer(null), session, "");

        String text = said();
        assertTrue(text.contains("**Spent per project**\n• Habits (7) — 12,000 credits\n• project 3 (deleted) — "
                + "800 credits\n"), text);
    }

    @Test
    void creditsStillAnswerWhenTheSpendCannotBeRead() {
        when(billing.ensureAccount(USER)).thenReturn(new BillingRecords.Account(USER, 900, 0, 900, false));
        when(billing.spendByProject(USER, 5)).thenThrow(new IllegalStateException("billing is restarting"));

        commands.run("credits", answer(null), session, "");

        assertTrue(said().startsWith("**Credits**: 900 credits"), said());
        verify(store, never()).projects(anyLong());
    }

    @Test
    void buyListsThePacksWithAButtonEach() {
        commands.run("buy", answer(null), session, "");

        Reply reply = sent().get(0);
        assertTrue(reply.text().contains("Starter \\*pack\\* — 100 ⭐"), reply.text());
        assertEquals("buy:pack-100", reply.buttons().get(0).get(0).callbackData());
    }

    @Test
    void aPackButtonGetsItsInvoice() {
        when(billing.invoice(USER, "pack-100")).thenReturn(new BillingRecords.Invoice("pack-100", "Starter", "10,000 "
                + "credits", "payload-1", "XTR", 100, 10_000));

        commands.invoice(answer(null), "pack-100");

        Reply reply = sent().get(0);
        assertEquals(Reply.Kind.INVOICE, reply.kind());
        assertEquals(new Reply.Invoice("Starter", "10,000 credits", "payload-1", "XTR", 100), reply.invoice());
    }

    @Test
    void aPackNoLongerSoldIsRefusedWithoutAnInvoice() {
        commands.invoice(answer(null), "pack-gone");

        assertEquals("That pack is no longer sold. /buy shows the current ones.", said());
        verify(billing, never()).invoice(anyLong(), anyString());
    }

    private Answer answer(String firstName) {
        return new Answer(new Command("tg-1", 1L, USER, null, USER, null, firstName, null, Command.Kind.COMMAND, null,
                null, null, null, null, null, null, null, null, null), replies);
    }

    private List<Reply> sent() {
        ArgumentCaptor<Reply> reply = ArgumentCaptor.forClass(Reply.class);
        verify(replies, atLeastOnce()).send(any(), reply.capture());
        return reply.getAllValues();
    }

    private String said() {
        return sent().get(0).text();
    }
}
