package ai.devbot.gateway.ingress.service;

import ai.devbot.gateway.ingress.BotCommand;

/**
 * An update after mapping: a command to publish, or the reason the bot does not act on it — with a
 * {@link Notice} for the chat when the sender should learn why (e.g. an anonymous admin). A document's
 * {@code fileId} says which file to fetch before publishing.
 */
public record MappedUpdate(long updateId, String kind, BotCommand command, String ignoredBecause, Notice notice,
        String fileId) {

    /** What the gateway tells a chat whose update it does not act on. */
    public record Notice(long chatId, Long threadId, String text) {
    }

    static MappedUpdate publish(long updateId, String kind, BotCommand command) {
        return new MappedUpdate(updateId, kind, command, null, null, null);
    }

    /** A document command, published once the file behind {@code fileId} is fetched (or refused). */
    static MappedUpdate fetchThenPublish(long updateId, BotCommand command, String fileId) {
        return new MappedUpdate(updateId, "message", command, null, null, fileId);
    }

    static MappedUpdate ignore(long updateId, String kind, String reason) {
        return new MappedUpdate(updateId, kind, null, reason, null, null);
    }

    static MappedUpdate refuse(long updateId, String kind, String reason, Notice notice) {
        return new MappedUpdate(updateId, kind, null, reason, notice, null);
    }

    public boolean ignored() {
        return command == null;
    }
}
