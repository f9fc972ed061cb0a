package ai.devbot.orchestrator.conversation.service;

import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import ai.devbot.orchestrator.reply.Markdown;
import ai.devbot.orchestrator.session.Session;
import ai.devbot.orchestrator.settings.SettingsStore;
import ai.devbot.orchestrator.settings.UserSettings;

/** /settings: what a user decides for themselves — today, when work starts without asking. */
@ApplicationScoped
class SettingsCommands implements CommandFamily {

    private static final String HOW = "`/settings autostart 2000` — work quoted at most 2,000 credits starts at once, "
            + "above that I show the quote and wait for *Start*; `/settings autostart 0` — always ask first; "
            + "`/settings autostart default` — the default again.";

    private final SettingsStore settings;

    SettingsCommands(SettingsStore settings) {
        this.settings = settings;
    }

    @Override
    public Set<String> commands() {
        return Set.of("settings");
    }

    @Override
    public void run(String command, Answer answer, Session session, String args) {
        String[] words = args.strip().split("\\s+");
        if (args.isBlank()) {
            show(answer);
        } else if (words.length == 2 && words[0].equalsIgnoreCase("autostart")) {
            autoStart(answer, words[1]);
        } else {
            answer.say("I did not understand that setting.\n" + HOW);
        }
    }

    private void show(Answer answer) {
        UserSettings mine = settings.get(answer.userId());
        long threshold = mine.autoStartBelow() == null ? settings.defaultAutoStartBelow() : mine.autoStartBelow();
        answer.say("**Settings**\nAuto-start: " + (threshold == 0 ? "never — I always show the quote and wait for *Start*"
                : "work quoted at most " + Markdown.credits(threshold) + " starts at once; above that I ask first")
                + (mine.autoStartBelow() == null ? " (the default)" : "") + ".\n" + HOW);
    }

    private void autoStart(Answer answer, String value) {
        UserSettings mine = settings.get(answer.userId());
        if (value.equalsIgnoreCase("default")) {
            settings.save(new UserSettings(answer.userId(), null));
            show(answer);
            return;
        }
        String digits = value.replace(",", "").replace("_", "");
        if (!digits.matches("[0-9]{1,12}")) {
            answer.say("Auto-start takes a number of credits. " + HOW);
            return;
        }
        try {
            settings.save(mine.withAutoStartBelow(Long.parseLong(digits)));
        } catch (IllegalArgumentException e) {
            answer.say("Auto-start takes " + e.getMessage() + ". " + HOW);
            return;
        }
        show(answer);
    }
}
