package ai.devbot.orchestrator.conversation;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** A user's update from {@code bot-commands} (docs/contracts/bot-commands); unknown fields are ignored. */
@JsonIgnoreProperties(ignoreUnknown = true)
@RegisterForReflection(registerFullHierarchy = true)
public record Command(String commandId, Long updateId, Long chatId, Long threadId, Long userId, String userName, String firstName,
        String languageCode, Kind kind, Long messageId, String command, String args, String text,
        String callbackQueryId, String callbackData, PreCheckout preCheckout, Payment payment, Document document,
        Instant receivedAt) {

    public enum Kind {
        COMMAND, TEXT, CALLBACK, PRE_CHECKOUT, PAYMENT, DOCUMENT
    }

    /** A file the user sent: the upload the gateway fetched it into, or why it did not ({@code refusal}). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Document(String fileName, String mimeType, Long declaredBytes, String uploadId, Long bytes,
            String refusal) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record PreCheckout(String queryId, String currency, Long totalAmount, String invoicePayload,
            Boolean answeredOk, String errorMessage) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Payment(String currency, Long totalAmount, String invoicePayload, String telegramPaymentChargeId,
            String providerPaymentChargeId) {
    }

    /** Why this command cannot be handled, or null when it can. */
    public String invalidReason() {
        if (commandId == null || commandId.isBlank() || commandId.length() > 100) {
            return "commandId is required (at most 100 characters)";
        }
        if (chatId == null || userId == null || userId <= 0 || kind == null) {
            return "chatId, a positive userId and kind are required";
        }
        return switch (kind) {
            case COMMAND -> command == null || command.isBlank() ? "a COMMAND needs its command" : null;
            case TEXT -> text == null ? "a TEXT needs text" : null;
            case CALLBACK -> callbackQueryId == null ? "a CALLBACK needs callbackQueryId" : null;
            case PRE_CHECKOUT -> preCheckout == null ? "a PRE_CHECKOUT needs preCheckout" : null;
            case PAYMENT -> payment == null || payment.telegramPaymentChargeId() == null
                    ? "a PAYMENT needs payment.telegramPaymentChargeId" : null;
            case DOCUMENT -> document == null || (document.uploadId() == null) == (document.refusal() == null)
                    ? "a DOCUMENT needs document.uploadId or document.refusal" : null;
        };
    }
}
