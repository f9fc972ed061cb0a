package ai.devbot.gateway.reply.service;

import jakarta.enterprise.context.ApplicationScoped;

import ai.devbot.gateway.config.GatewayConfig;
import ai.devbot.gateway.support.RecentMap;

/**
 * Which Telegram message a status key names in a chat, so a job's progress edits one message.
 * In memory: replies for a chat all reach one consumer (keyed by chat), and a forgotten key only
 * means the next status arrives as a new message instead of an edit.
 */
@ApplicationScoped
class StatusMessages {

    private final RecentMap<String, Long> messages;

    StatusMessages(GatewayConfig config) {
        this.messages = new RecentMap<>(config.egress().rememberedStatusMessages());
    }

    Long find(long chatId, String statusKey) {
        return statusKey == null ? null : messages.get(chatId + "/" + statusKey);
    }

    void remember(long chatId, String statusKey, long messageId) {
        if (statusKey != null) {
            messages.put(chatId + "/" + statusKey, messageId);
        }
    }
}
