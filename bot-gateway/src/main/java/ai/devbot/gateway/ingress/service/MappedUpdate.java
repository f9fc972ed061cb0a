package ai.devbot.gateway.ingress.service;

import ai.devbot.gateway.ingress.BotCommand;

/** An update after mapping: a command to publish, or the reason the bot does not act on it. */
public record MappedUpdate(long updateId, String kind, BotCommand command, String ignoredBecause) {

    static MappedUpdate publish(long updateId, String kind, BotCommand command) {
        return new MappedUpdate(updateId, kind, command, null);
    }

    static MappedUpdate ignore(long updateId, String kind, String reason) {
        return new MappedUpdate(updateId, kind, null, reason);
    }

    public boolean ignored() {
        return command == null;
    }
}
