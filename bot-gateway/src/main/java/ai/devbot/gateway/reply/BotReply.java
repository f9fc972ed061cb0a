package ai.devbot.gateway.reply;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * One thing to do in a chat, from {@code bot-replies} (docs/contracts/bot-replies). Text is
 * Markdown; documents come by reference, never as bytes.
 */
@RegisterForReflection(registerFullHierarchy = true)
public record BotReply(
        String replyId,
        String inReplyTo,
        Long chatId,
        Long threadId,
        Kind kind,
        String text,
        String statusKey,
        Long messageId,
        List<List<Button>> buttons,
        Document document,
        String action,
        String callbackQueryId,
        Boolean showAlert,
        Invoice invoice,
        PreCheckoutAnswer preCheckoutAnswer) {

    /** Far beyond any real answer; a bigger text is a producer's bug, not something to send as 40 messages. */
    public static final int MAX_TEXT = 100_000;
    private static final Set<String> CHAT_ACTIONS = Set.of("typing", "upload_photo", "record_video", "upload_video",
            "record_voice", "upload_voice", "upload_document", "choose_sticker", "find_location", "record_video_note",
            "upload_video_note");

    public enum Kind {
        MESSAGE, EDIT, DOCUMENT, CHAT_ACTION, CALLBACK_ANSWER, INVOICE, PRE_CHECKOUT_ANSWER
    }

    public record Button(String text, String callbackData) {
    }

    public record Document(String url, String fileName, String contentType) {
    }

    public record Invoice(String title, String description, String payload, String currency, Long amount) {
    }

    public record PreCheckoutAnswer(String queryId, Boolean ok, String errorMessage) {
    }

    /** Why this reply cannot be performed, or null when it can. */
    public String invalidReason() {
        if (replyId == null || replyId.isBlank() || replyId.length() > 200) {
            return "replyId is required (at most 200 characters)";
        }
        if (chatId == null || kind == null) {
            return "chatId and kind are required";
        }
        if (text != null && text.length() > MAX_TEXT) {
            return "text is longer than " + MAX_TEXT + " characters";
        }
        String buttonProblem = buttonsProblem();
        if (buttonProblem != null) {
            return buttonProblem;
        }
        return switch (kind) {
            case MESSAGE -> blank(text) ? "a MESSAGE needs text" : null;
            case EDIT -> blank(text) ? "an EDIT needs text"
                    : blank(statusKey) && messageId == null ? "an EDIT needs statusKey or messageId" : null;
            case DOCUMENT -> document == null || blank(document.url()) || blank(document.fileName())
                    ? "a DOCUMENT needs document.url and document.fileName" : null;
            case CHAT_ACTION -> action == null || !CHAT_ACTIONS.contains(action)
                    ? "a CHAT_ACTION needs one of Telegram's actions, e.g. typing" : null;
            case CALLBACK_ANSWER -> blank(callbackQueryId) ? "a CALLBACK_ANSWER needs callbackQueryId" : null;
            case INVOICE -> invoiceProblem();
            case PRE_CHECKOUT_ANSWER -> preCheckoutAnswer == null || blank(preCheckoutAnswer.queryId())
                    || preCheckoutAnswer.ok() == null ? "a PRE_CHECKOUT_ANSWER needs queryId and ok"
                    : !preCheckoutAnswer.ok() && blank(preCheckoutAnswer.errorMessage())
                            ? "a refused PRE_CHECKOUT_ANSWER needs errorMessage" : null;
        };
    }

    private String buttonsProblem() {
        if (buttons == null) {
            return null;
        }
        for (List<Button> row : buttons) {
            for (Button button : row == null ? List.<Button>of() : row) {
                if (button == null || blank(button.text())) {
                    return "every button needs text";
                }
                int bytes = button.callbackData() == null ? 0
                        : button.callbackData().getBytes(StandardCharsets.UTF_8).length;
                if (bytes < 1 || bytes > 64) {
                    return "callbackData must be 1–64 bytes (button '" + button.text() + "')";
                }
            }
        }
        return null;
    }

    private String invoiceProblem() {
        if (invoice == null || blank(invoice.title()) || blank(invoice.description()) || blank(invoice.payload())) {
            return "an INVOICE needs title, description and payload";
        }
        if (!"XTR".equals(invoice.currency()) || invoice.amount() == null || invoice.amount() < 1) {
            return "an INVOICE is paid in Telegram Stars: currency XTR and a positive amount";
        }
        return invoice.payload().getBytes(StandardCharsets.UTF_8).length > 128
                ? "an invoice payload is at most 128 bytes" : null;
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
