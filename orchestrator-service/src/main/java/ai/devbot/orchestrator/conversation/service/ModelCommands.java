package ai.devbot.orchestrator.conversation.service;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import ai.devbot.orchestrator.client.agent.AgentRecords;
import ai.devbot.orchestrator.client.projectstore.StoreRecords;
import ai.devbot.orchestrator.conversation.callback.CallbackData;
import ai.devbot.orchestrator.quote.Quote;
import ai.devbot.orchestrator.quote.Quotes;
import ai.devbot.orchestrator.reply.Markdown;
import ai.devbot.orchestrator.reply.Reply;
import ai.devbot.orchestrator.session.Session;
import ai.devbot.orchestrator.tier.ProjectTiers;
import ai.devbot.orchestrator.tier.Tiers;

/**
 * /model: the active project's model tier — which architect and implementer its next jobs call, and so what
 * their tasks cost. Shows the tiers with a task's quote in each and a button per tier; {@code /model NAME} or a
 * button chooses. A job already running keeps the tier it started with.
 */
@ApplicationScoped
class ModelCommands implements CommandFamily {

    private final ActiveProject active;
    private final Tiers tiers;
    private final ProjectTiers projectTiers;
    private final Quotes quotes;

    ModelCommands(ActiveProject active, Tiers tiers, ProjectTiers projectTiers, Quotes quotes) {
        this.active = active;
        this.tiers = tiers;
        this.projectTiers = projectTiers;
        this.quotes = quotes;
    }

    @Override
    public Set<String> commands() {
        return Set.of("model");
    }

    @Override
    public void run(String command, Answer answer, Session session, String args) {
        active.with(answer, session, project -> {
            if (args.isBlank()) {
                show(answer, project);
            } else {
                choose(answer, project, args.strip().toLowerCase(java.util.Locale.ROOT));
            }
        });
    }

    /** A tier button: the project was re-read for the presser. */
    void pressed(Answer answer, StoreRecords.Project project, String tier) {
        choose(answer, project, tier);
    }

    private void show(Answer answer, StoreRecords.Project project) {
        List<AgentRecords.Tier> offered = tiers.all();
        if (offered.isEmpty()) {
            answer.say(UNREACHABLE);
            return;
        }
        AgentRecords.Tier current = current(project, offered);
        StringBuilder text = new StringBuilder("**").append(Markdown.text(project.title())).append("** uses the *")
                .append(Markdown.text(current.label())).append("* tier. Each tier, with what one task costs in it:\n");
        for (AgentRecords.Tier tier : offered) {
            Optional<Quote> quote = quotes.tryFor(answer.userId(), 1, tier.isDefault() ? null : tier.name());
            text.append("\n• *").append(Markdown.text(tier.label())).append("*").append(tier == current ? " ✓" : "")
                    .append(" — ").append(describe(tier))
                    .append(quote.map(q -> "; a task ≈ " + range(q)).orElse("")).append(".");
        }
        text.append("\n\nThe next jobs of this project use the one you choose (`/model NAME` or a button).");
        answer.say(text.toString(), List.of(offered.stream().map(tier -> new Reply.Button(
                (tier == current ? "✓ " : "") + tier.label(), CallbackData.tier(project.id(), tier.name()))).toList()));
    }

    private void choose(Answer answer, StoreRecords.Project project, String name) {
        List<AgentRecords.Tier> offered = tiers.all();
        if (offered.isEmpty()) {
            answer.say(UNREACHABLE);
            return;
        }
        Optional<AgentRecords.Tier> chosen = offered.stream().filter(tier -> tier.name().equals(name)).findFirst();
        if (chosen.isEmpty()) {
            answer.say("There is no tier " + Markdown.code(name) + ". Choose one of: " + String.join(", ",
                    offered.stream().map(tier -> Markdown.code(tier.name())).toList()) + " (/model shows them).");
            return;
        }
        AgentRecords.Tier tier = chosen.get();
        projectTiers.choose(project.id(), tier.isDefault() ? null : tier.name());
        answer.say("**" + Markdown.text(project.title()) + "** now uses the *" + Markdown.text(tier.label())
                + "* tier: " + describe(tier) + ". Its next jobs call these models and are charged at their prices; "
                + "a job running now keeps its tier.");
    }

    private AgentRecords.Tier current(StoreRecords.Project project, List<AgentRecords.Tier> offered) {
        String chosen = projectTiers.of(project.id());
        return offered.stream().filter(tier -> chosen == null ? tier.isDefault() : tier.name().equals(chosen))
                .findFirst()
                // A tier the operators have since removed: the project's jobs would be refused; show the default.
                .orElseGet(() -> offered.stream().filter(AgentRecords.Tier::isDefault).findFirst().orElse(offered.get(0)));
    }

    private static String describe(AgentRecords.Tier tier) {
        return "plans and reviews with " + Markdown.code(tier.architect().model()) + ", writes code with "
                + Markdown.code(tier.implementer().model()) + " (" + tier.editFormat() + " edits)";
    }

    private static String range(Quote quote) {
        return quote.low() == quote.high() ? Markdown.credits(quote.high())
                : Markdown.number(quote.low()) + "–" + Markdown.credits(quote.high());
    }

    private static final String UNREACHABLE = "I cannot reach the model service right now, so I cannot show or change "
            + "the tiers. Try /model again in a minute.";
}
