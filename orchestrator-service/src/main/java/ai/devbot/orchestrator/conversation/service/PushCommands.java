package ai.devbot.orchestrator.conversation.service;

import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import ai.devbot.orchestrator.client.projectstore.ProjectStore;
import ai.devbot.orchestrator.client.projectstore.StoreRecords;
import ai.devbot.orchestrator.reply.Markdown;
import ai.devbot.orchestrator.session.Session;

/**
 * Code out to the user's own repository (ADR 0013): {@code /push ADDRESS} shows the deploy key the bot made for
 * the project, {@code /push} pushes its history to {@code devbot/<slug>}, {@code /forget} deletes the key. Only
 * the public half of a key ever appears in the chat.
 */
@ApplicationScoped
class PushCommands implements CommandFamily {

    static final String HOW = "`/push git@github.com:you/project.git` — I make a deploy key for this project and "
            + "show it; you add it to that repository with write access; then `/push` sends the history there.";

    private final ProjectStore store;
    private final ActiveProject active;

    PushCommands(ProjectStore store, ActiveProject active) {
        this.store = store;
        this.active = active;
    }

    @Override
    public Set<String> commands() {
        return Set.of("push", "forget");
    }

    @Override
    public void run(String command, Answer answer, Session session, String args) {
        active.with(answer, session, project -> {
            if ("forget".equals(command)) {
                forget(answer, project);
            } else if (args.isBlank()) {
                push(answer, project);
            } else {
                setUp(answer, project, args.strip());
            }
        });
    }

    private void setUp(Answer answer, StoreRecords.Project project, String address) {
        ProjectStore.PushSetupOutcome outcome = store.setUpPush(project.id(), answer.userId(), address);
        if (outcome.setup() == null) {
            answer.say("I cannot push there: " + Markdown.text(outcome.refusal()) + ".\n" + HOW);
            return;
        }
        StoreRecords.PushSetup setup = outcome.setup();
        answer.say("🔑 To let me push **" + Markdown.text(project.title()) + "** to " + Markdown.code(setup.address())
                + ", add this **deploy key** to that repository and tick **Allow write access** (GitHub: Settings → "
                + "Deploy keys; GitLab: Settings → Repository → Deploy keys; Bitbucket: Repository settings → Access "
                + "keys):\n" + Markdown.codeBlock(setup.publicKey()) + "\nFingerprint " + Markdown.code(setup.fingerprint())
                + ". The key reaches only that repository, and nothing secret ever leaves me. Then send /push: the "
                + "history goes to the branch " + Markdown.code(setup.branch()) + " — your other branches are never "
                + "touched. /forget deletes the key.");
    }

    private void push(Answer answer, StoreRecords.Project project) {
        ProjectStore.PushOutcome outcome = store.push(project.id(), answer.userId());
        if (outcome.notSetUp()) {
            answer.say("**" + Markdown.text(project.title()) + "** has no repository to push to yet. " + HOW);
            return;
        }
        if (outcome.pushed() == null) {
            answer.say("The push was refused: " + Markdown.text(outcome.refusal()) + ".");
            return;
        }
        StoreRecords.Pushed pushed = outcome.pushed();
        String where = Markdown.code(pushed.branch()) + " on " + Markdown.code(pushed.address());
        String hostKey = pushed.firstContact() && pushed.hostKeyFingerprint() != null
                ? "\nThe server's host key is " + Markdown.code(pushed.hostKeyFingerprint())
                        + "; I remember it, and refuse to push if it ever changes."
                : "";
        if ("up_to_date".equals(pushed.outcome())) {
            answer.say("✅ " + where + " already has all of **" + Markdown.text(project.title())
                    + "**: nothing new to push." + hostKey);
            return;
        }
        answer.say("⬆️ Pushed **" + Markdown.text(project.title()) + "** to " + where + ": " + pushed.commits()
                + (pushed.commits() == 1 ? " commit" : " commits") + ", the newest "
                + Markdown.code(pushed.commit().substring(0, 12)) + ". Open a pull request from it when you like." + hostKey);
    }

    private void forget(Answer answer, StoreRecords.Project project) {
        if (store.forgetPush(project.id(), answer.userId())) {
            answer.say("🗑 I deleted the deploy key of **" + Markdown.text(project.title()) + "**: I can no longer "
                    + "push it. Remove the key from the repository's deploy keys too. `/push ADDRESS` makes a new one.");
        } else {
            answer.say("**" + Markdown.text(project.title()) + "** has no deploy key, so there is nothing to forget. "
                    + HOW);
        }
    }
}
