package ai.devbot.orchestrator.reply;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * One thing for the gateway to do in a chat, on {@code bot-replies} (docs/contracts/bot-replies).
 * {@code replyId} is derived from the command or job step that produced it, so a re-run publishes
 * the same id and the gateway performs it once.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@RegisterForReflection(registerFullHierarchy = true)
public record Reply(String replyId, String inReplyTo, long chatId, Long threadId, Kind kind, String text, String statusKey,
        List<List<Button>> buttons, Document document, String action, String callbackQueryId, Boolean showAlert,
        Invoice invoice) {

    public enum Kind {
        MESSAGE, EDIT, DOCUMENT, CHAT_ACTION, CALLBACK_ANSWER, INVOICE
    }

    /** The same reply into a forum topic ({@code message_thread_id}); null is the chat's main thread. */
    public Reply inThread(Long thread) {
        return new Reply(replyId, inReplyTo, chatId, thread, kind, text, statusKey, buttons, document, action,
                callbackQueryId, showAlert, invoice);
    }

    public record Button(String text, String callbackData) {
    }

    public record Document(String url, String fileName, String contentType) {
    }

    public record Invoice(String title, String description, String payload, String currency, long amount) {
    }

    public static Reply message(String replyId, String inReplyTo, long chatId, String text, List<List<Button>> buttons) {
        return new Reply(replyId, inReplyTo, chatId, null, Kind.MESSAGE, text, null, buttons, null, null, null, null, null);
    }

    /** A message the gateway remembers under {@code statusKey}, so later {@link #edit}s replace its text. */
    public static Reply status(String replyId, String inReplyTo, long chatId, String statusKey, String text) {
        return new Reply(replyId, inReplyTo, chatId, null, Kind.MESSAGE, text, statusKey, null, null, null, null, null, null);
    }

    public static Reply edit(String replyId, String inReplyTo, long chatId, String statusKey, String text) {
        return new Reply(replyId, inReplyTo, chatId, null, Kind.EDIT, text, statusKey, null, null, null, null, null, null);
    }

    public static Reply typing(String replyId, long chatId) {
        return new Reply(replyId, null, chatId, null, Kind.CHAT_ACTION, null, null, null, null, "typing", null, null, null);
    }

    public static Reply document(String replyId, String inReplyTo, long chatId, Document document, String caption) {
        return new Reply(replyId, inReplyTo, chatId, null, Kind.DOCUMENT, caption, null, null, document, null, null, null, null);
    }

    public static Reply callbackAnswer(String replyId, String inReplyTo, long chatId, String callbackQueryId,
            String text) {
        return new Reply(replyId, inReplyTo, chatId, null, Kind.CALLBACK_ANSWER, text, null, null, null, null,
                callbackQueryId, text == null ? null : Boolean.FALSE, null);
    }

    public static Reply invoice(String replyId, String inReplyTo, long chatId, Invoice invoice) {
        return new Reply(replyId, inReplyTo, chatId, null, Kind.INVOICE, null, null, null, null, null, null, null, invoice);
    }
}
