package ai.devbot.simulator.telegram.world;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Something the bot did in a chat, as the user sees it: the transcript that the user-side API and
 * {@code devbot chat} read. {@code seq} increases per chat.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BotAction(long seq, Kind kind, long at, Long messageId, String text, String parseMode,
        List<List<Button>> buttons, DocumentRef document, InvoiceRef invoice, String action, String callbackQueryId,
        Boolean showAlert, Boolean ok, String errorMessage) {

    public enum Kind {
        MESSAGE, EDIT, DOCUMENT, CHAT_ACTION, CALLBACK_ANSWER, INVOICE, PRE_CHECKOUT_ANSWER, REFUND
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Button(String text, String callbackData, String url) {
    }

    public record DocumentRef(String fileId, String fileName, String mimeType, long size, String sha256,
            String savedTo) {
    }

    public record InvoiceRef(String title, String description, String payload, String currency, long totalAmount) {
    }

    static Builder of(Kind kind) {
        return new Builder(kind);
    }

    static final class Builder {
        private final Kind kind;
        private Long messageId;
        private String text;
        private String parseMode;
        private List<List<Button>> buttons;
        private DocumentRef document;
        private InvoiceRef invoice;
        private String action;
        private String callbackQueryId;
        private Boolean showAlert;
        private Boolean ok;
        private String errorMessage;

        private Builder(Kind kind) {
            this.kind = kind;
        }

        Builder messageId(long value) { messageId = value; return this; }
        Builder text(String value) { text = value; return this; }
        Builder parseMode(String value) { parseMode = value; return this; }
        Builder buttons(List<List<Button>> value) { buttons = value; return this; }
        Builder document(DocumentRef value) { document = value; return this; }
        Builder invoice(InvoiceRef value) { invoice = value; return this; }
        Builder action(String value) { action = value; return this; }
        Builder callbackQueryId(String value) { callbackQueryId = value; return this; }
        Builder showAlert(boolean value) { showAlert = value; return this; }
        Builder ok(boolean value) { ok = value; return this; }
        Builder errorMessage(String value) { errorMessage = value; return this; }

        BotAction build(long seq, long at) {
            return new BotAction(seq, kind, at, messageId, text, parseMode, buttons, document, invoice, action,
                    callbackQueryId, showAlert, ok, errorMessage);
        }
    }
}
