package ai.devbot.orchestrator.conversation.service;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import ai.devbot.orchestrator.client.billing.Billing;
import ai.devbot.orchestrator.client.billing.BillingRecords;
import ai.devbot.orchestrator.client.projectstore.ProjectStore;
import ai.devbot.orchestrator.client.projectstore.StoreRecords;
import ai.devbot.orchestrator.conversation.callback.CallbackData;
import ai.devbot.orchestrator.reply.Markdown;
import ai.devbot.orchestrator.reply.Reply;
import ai.devbot.orchestrator.session.Session;

/** The account: /start (and its starter grant), /credits, /buy and the invoices its buttons ask for. */
@ApplicationScoped
class CreditCommands implements CommandFamily {

    private final Billing billing;
    private final ProjectStore store;

    CreditCommands(Billing billing, ProjectStore store) {
        this.billing = billing;
        this.store = store;
    }

    @Override
    public Set<String> commands() {
        return Set.of("start", "credits", "buy");
    }

    @Override
    public void run(String command, Answer answer, Session session, String args) {
        switch (command) {
            case "start" -> start(answer);
            case "credits" -> credits(answer);
            case "buy" -> buy(answer);
            default -> throw new IllegalArgumentException(command);
        }
    }

    void invoice(Answer answer, String packId) {
        if (billing.packs().stream().noneMatch(pack -> pack.id().equals(packId))) {
            answer.say("That pack is no longer sold. /buy shows the current ones.");
            return;
        }
        BillingRecords.Invoice invoice = billing.invoice(answer.userId(), packId);
        answer.send(Reply.invoice(answer.command.commandId() + "/invoice", answer.command.commandId(),
                answer.command.chatId(), new Reply.Invoice(invoice.title(), invoice.description(), invoice.payload(),
                        invoice.currency(), invoice.amount())));
    }

    private void start(Answer answer) {
        BillingRecords.Account account = billing.ensureAccount(answer.userId());
        String name = answer.command.firstName() == null ? "" : ", " + Markdown.text(answer.command.firstName());
        answer.say("👋 Welcome" + name + "! I turn a software idea into a working codebase: an architect plans it, "
                + "an implementer writes it task by task, and the architect reviews every change.\n\n"
                + (Boolean.TRUE.equals(account.created()) ? "You have **" + Markdown.credits(account.balance())
                        + "** to start with." : "Your balance: **" + Markdown.credits(account.balance()) + "**.")
                + "\n\nSend me your idea — for example _a CLI that counts words in text files_ — or use /newproject.\n\n"
                + Help.COMMANDS);
    }

    private void credits(Answer answer) {
        BillingRecords.Account account = billing.ensureAccount(answer.userId());
        StringBuilder text = new StringBuilder("**Credits**: " + Markdown.credits(account.balance()));
        if (account.reserved() > 0) {
            text.append(" (").append(Markdown.credits(account.reserved())).append(" held for running work)");
        }
        List<BillingRecords.Entry> entries = billing.recentEntries(answer.userId(), 5);
        if (!entries.isEmpty()) {
            text.append("\n\n**Last transactions**\n");
            for (BillingRecords.Entry entry : entries) {
                text.append("• ").append(entry.amount() > 0 ? "+" : "").append(Markdown.number(entry.amount()))
                        .append(" · ").append(Markdown.text(entry.reason() == null
                                ? entry.kind().toLowerCase(Locale.ROOT) : entry.reason()))
                        .append('\n');
            }
        }
        spentPerProject(answer.userId(), text);
        text.append("\n/buy adds credits with Telegram Stars.");
        answer.say(text.toString());
    }

    /** Where the credits went, project by project (largest first); left out when billing cannot say now. */
    private void spentPerProject(long userId, StringBuilder text) {
        List<BillingRecords.ProjectSpend> spend;
        try {
            spend = billing.spendByProject(userId, 5);
        } catch (RuntimeException e) {
            return;
        }
        if (spend.isEmpty()) {
            return;
        }
        Map<Long, String> titles = store.projects(userId).stream()
                .collect(Collectors.toMap(StoreRecords.Project::id, StoreRecords.Project::title, (a, b) -> a));
        text.append("\n**Spent per project**\n");
        for (BillingRecords.ProjectSpend project : spend) {
            String title = titles.get(project.projectId());
            text.append("• ").append(title == null ? "project " + project.projectId() + " (deleted)"
                    : Markdown.text(title) + " (" + project.projectId() + ")").append(" — ")
                    .append(Markdown.credits(project.credits())).append('\n');
        }
    }

    private void buy(Answer answer) {
        List<BillingRecords.Pack> packs = billing.packs();
        StringBuilder text = new StringBuilder("**Credit packs** (paid with Telegram Stars ⭐)\n\n");
        for (BillingRecords.Pack pack : packs) {
            text.append("• ").append(Markdown.text(pack.title())).append(" — ").append(pack.stars()).append(" ⭐\n");
        }
        List<List<Reply.Button>> buttons = packs.stream()
                .map(pack -> List.of(new Reply.Button(pack.stars() + " ⭐ · " + Markdown.credits(pack.credits()),
                        CallbackData.buy(pack.id()))))
                .toList();
        answer.say(text.toString(), buttons);
    }
}
