package ai.devbot.gateway.ingress;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * What the gateway publishes to {@code bot-commands} for one Telegram update
 * (docs/contracts/bot-commands). {@code commandId} is {@code tg-<update_id>}, so a re-sent update
 * keeps its identity downstream.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@RegisterForReflection(registerFullHierarchy = true)
public record BotCommand(
        String commandId,
        long updateId,
        long chatId,
        Long threadId,
        long userId,
        String userName,
        String firstName,
        String languageCode,
        Kind kind,
        Long messageId,
        String command,
        String args,
        String text,
        String callbackQueryId,
        String callbackData,
        PreCheckout preCheckout,
        Payment payment,
        Document document,
        Instant receivedAt) {

    public enum Kind {
        COMMAND, TEXT, CALLBACK, PRE_CHECKOUT, PAYMENT, DOCUMENT
    }

    /**
     * A file the user sent: what the message declared, and what the gateway made of it — the project-store
     * upload it fetched the file into ({@code uploadId}, {@code bytes} as counted), or why it did not
     * ({@code refusal}, for the user). Telegram's file id stays in the gateway.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Document(String fileName, String mimeType, Long declaredBytes, String uploadId, Long bytes,
            String refusal) {

        public Document uploaded(String id, long counted) {
            return new Document(fileName, mimeType, declaredBytes, id, counted, null);
        }

        public Document refused(String reason) {
            return new Document(fileName, mimeType, declaredBytes, null, null, reason);
        }
    }

    /** A pre-checkout query as the gateway answered it ({@code answeredOk}, and why not). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record PreCheckout(String queryId, String currency, long totalAmount, String invoicePayload,
            boolean answeredOk, String errorMessage) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Payment(String currency, long totalAmount, String invoicePayload, String telegramPaymentChargeId,
            String providerPaymentChargeId) {
    }

    /** Who sent an update and where: the fields every kind carries. */
    public record Origin(long updateId, long chatId, Long threadId, long userId, String userName, String firstName,
            String languageCode, Long messageId, Instant receivedAt) {

        public String commandId() {
            return "tg-" + updateId;
        }
    }

    public static BotCommand command(Origin o, String command, String args) {
        return of(o, Kind.COMMAND, command, args, null, null, null, null, null, null);
    }

    public static BotCommand text(Origin o, String text) {
        return of(o, Kind.TEXT, null, null, text, null, null, null, null, null);
    }

    public static BotCommand callback(Origin o, String callbackQueryId, String callbackData) {
        return of(o, Kind.CALLBACK, null, null, null, callbackQueryId, callbackData, null, null, null);
    }

    public static BotCommand preCheckout(Origin o, PreCheckout preCheckout) {
        return of(o, Kind.PRE_CHECKOUT, null, null, null, null, null, preCheckout, null, null);
    }

    public static BotCommand payment(Origin o, Payment payment) {
        return of(o, Kind.PAYMENT, null, null, null, null, null, null, payment, null);
    }

    /** {@code caption} is the message's caption (a user may send a zip with "/import" or a few words). */
    public static BotCommand document(Origin o, Document document, String caption) {
        return of(o, Kind.DOCUMENT, null, null, caption, null, null, null, null, document);
    }

    public BotCommand withDocument(Document changed) {
        return new BotCommand(commandId, updateId, chatId, threadId, userId, userName, firstName, languageCode, kind,
                messageId, command, args, text, callbackQueryId, callbackData, preCheckout, payment, changed, receivedAt);
    }

    private static BotCommand of(Origin o, Kind kind, String command, String args, String text, String callbackQueryId,
            String callbackData, PreCheckout preCheckout, Payment payment, Document document) {
        return new BotCommand(o.commandId(), o.updateId(), o.chatId(), o.threadId(), o.userId(), o.userName(), o.firstName(),
                o.languageCode(), kind, o.messageId(), command, args, text, callbackQueryId, callbackData, preCheckout,
                payment, document, o.receivedAt());
    }
}
