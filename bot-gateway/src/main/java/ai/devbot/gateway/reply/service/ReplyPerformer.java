package ai.devbot.gateway.reply.service;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import ai.devbot.gateway.reply.BotReply;
import ai.devbot.gateway.reply.document.ProjectStoreArchives;
import ai.devbot.gateway.reply.format.MarkdownToTelegramHtml;
import ai.devbot.gateway.reply.format.TelegramHtmlSplitter;
import ai.devbot.gateway.telegram.TelegramApiException;
import ai.devbot.gateway.telegram.TelegramBotApi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;

/** Turns one reply into the Bot API calls that perform it. */
@ApplicationScoped
class ReplyPerformer {

    private static final Logger LOG = Logger.getLogger(ReplyPerformer.class);
    static final int MESSAGE_LIMIT = 4096;
    static final int CAPTION_LIMIT = 1024;
    static final int CALLBACK_TEXT_LIMIT = 200;
    private static final Duration UPLOAD_TIMEOUT = Duration.ofMinutes(2);

    private final TelegramSender sender;
    private final TelegramBotApi api;
    private final MarkdownToTelegramHtml markdown;
    private final StatusMessages statusMessages;
    private final ProjectStoreArchives archives;

    private static final String EMPTY = "…";

    ReplyPerformer(TelegramSender sender, TelegramBotApi api, MarkdownToTelegramHtml markdown,
            StatusMessages statusMessages, ProjectStoreArchives archives) {
        this.sender = sender;
        this.api = api;
        this.markdown = markdown;
        this.statusMessages = statusMessages;
        this.archives = archives;
    }

    Uni<Void> perform(BotReply reply) {
        return switch (reply.kind()) {
            case MESSAGE -> sendText(reply, parts(reply.text(), MESSAGE_LIMIT), 0, true);
            case EDIT -> edit(reply);
            case DOCUMENT -> document(reply);
            case CHAT_ACTION -> sender.unpaced("sendChatAction",
                    to(reply).put("action", reply.action())).replaceWithVoid();
            case CALLBACK_ANSWER -> answerCallback(reply);
            case INVOICE -> invoice(reply);
            case PRE_CHECKOUT_ANSWER -> preCheckoutAnswer(reply);
        };
    }

    /** A new message's address: the chat, and the forum topic the command came from. */
    private ObjectNode to(BotReply reply) {
        ObjectNode params = sender.params().put("chat_id", reply.chatId());
        if (reply.threadId() != null) {
            params.put("message_thread_id", reply.threadId());
        }
        return params;
    }

    /** Never empty: Markdown that renders to nothing visible (e.g. {@code **}) is sent as an ellipsis. */
    private List<String> parts(String text, int limit) {
        String html = markdown.render(text == null ? "" : text);
        List<String> parts = TelegramHtmlSplitter.visibleLength(html) == 0 ? List.of()
                : TelegramHtmlSplitter.split(html, limit);
        return parts.isEmpty() ? List.of(EMPTY) : parts;
    }

    /** Sends parts[from..] in order; buttons go on the last, the status key names the first. */
    private Uni<Void> sendText(BotReply reply, List<String> parts, int from, boolean rememberFirst) {
        if (from >= parts.size()) {
            return Uni.createFrom().voidItem();
        }
        boolean last = from == parts.size() - 1;
        ObjectNode params = to(reply);
        params.putObject("link_preview_options").put("is_disabled", true);
        if (last) {
            keyboard(reply, params);
        }
        return formatted(reply.chatId(), params, "text", parts.get(from), p -> api.call("sendMessage", p))
                .invoke(sent -> {
                    if (from == 0 && rememberFirst) {
                        statusMessages.remember(reply.chatId(), reply.statusKey(), sent.path("message_id").asLong());
                    }
                })
                .chain(() -> sendText(reply, parts, from + 1, rememberFirst));
    }

    private Uni<Void> edit(BotReply reply) {
        Long target = reply.messageId() != null ? reply.messageId()
                : statusMessages.find(reply.chatId(), reply.statusKey());
        List<String> parts = parts(reply.text(), MESSAGE_LIMIT);
        if (target == null) {
            // The status message is unknown here (restart, or never sent): say it anew.
            return sendText(reply, parts, 0, true);
        }
        ObjectNode params = sender.params().put("chat_id", reply.chatId()).put("message_id", target);
        params.putObject("link_preview_options").put("is_disabled", true);
        if (parts.size() == 1) {
            keyboard(reply, params);
        }
        Uni<Boolean> edited = formatted(reply.chatId(), params, "text", parts.get(0),
                p -> api.call("editMessageText", p))
                .replaceWith(Boolean.TRUE)
                .onFailure(TelegramApiException.class).recoverWithUni(e -> {
                    var failure = (TelegramApiException) e;
                    if (failure.isMessageNotModified()) {
                        return Uni.createFrom().item(Boolean.TRUE);
                    }
                    // Deleted by the user or too old to edit: the text still reaches them, as a new message.
                    return failure.isMessageGone() ? Uni.createFrom().item(Boolean.FALSE)
                            : Uni.createFrom().failure(failure);
                });
        return edited.chain(ok -> ok ? sendText(reply, parts, 1, false) : sendText(reply, parts, 0, true));
    }

    private Uni<Void> document(BotReply reply) {
        var uploaded = new Object() {
            Path file;
        };
        String caption = reply.text() == null ? "" : markdown.render(reply.text());
        boolean captionFits = TelegramHtmlSplitter.visibleLength(caption) <= CAPTION_LIMIT;
        Uni<Void> textFirst = captionFits ? Uni.createFrom().voidItem()
                : sendText(reply, TelegramHtmlSplitter.split(caption, MESSAGE_LIMIT), 0, false);
        return textFirst
                .chain(() -> Uni.createFrom().item(() -> archives.checked(reply.document().url())))
                .chain(url -> Uni.createFrom().item(() -> {
                    try {
                        return archives.download(url);
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IllegalStateException("interrupted while fetching the document", e);
                    }
                }).runSubscriptionOn(Infrastructure.getDefaultWorkerPool()))
                .invoke(file -> uploaded.file = file)
                .chain(file -> {
                    ObjectNode params = to(reply);
                    String type = reply.document().contentType() == null ? "application/octet-stream"
                            : reply.document().contentType();
                    return formatted(reply.chatId(), params, "caption", captionFits ? caption : "",
                            p -> api.sendDocument(p, file, reply.document().fileName(), type, UPLOAD_TIMEOUT));
                })
                .replaceWithVoid()
                .eventually(() -> deleteQuietly(uploaded.file));
    }

    private Uni<Void> answerCallback(BotReply reply) {
        ObjectNode params = sender.params().put("callback_query_id", reply.callbackQueryId())
                .put("show_alert", Boolean.TRUE.equals(reply.showAlert()));
        if (reply.text() != null && !reply.text().isBlank()) {
            String plain = TelegramHtmlSplitter.plainText(markdown.render(reply.text()));
            params.put("text", plain.length() > CALLBACK_TEXT_LIMIT ? plain.substring(0, CALLBACK_TEXT_LIMIT - 1) + "…"
                    : plain);
        }
        return sender.unpaced("answerCallbackQuery", params).replaceWithVoid();
    }

    private Uni<Void> invoice(BotReply reply) {
        var invoice = reply.invoice();
        ObjectNode params = to(reply).put("title", invoice.title())
                .put("description", invoice.description()).put("payload", invoice.payload())
                .put("currency", invoice.currency());
        params.putArray("prices").addObject().put("label", invoice.title()).put("amount", invoice.amount());
        return sender.message(reply.chatId(), "sendInvoice", params).replaceWithVoid();
    }

    private Uni<Void> preCheckoutAnswer(BotReply reply) {
        var answer = reply.preCheckoutAnswer();
        ObjectNode params = sender.params().put("pre_checkout_query_id", answer.queryId()).put("ok", answer.ok());
        if (!answer.ok()) {
            params.put("error_message", answer.errorMessage());
        }
        return sender.unpaced("answerPreCheckoutQuery", params).replaceWithVoid();
    }

    /** Sends HTML; if Telegram refuses the markup, sends the same text plain rather than losing it. */
    private Uni<JsonNode> formatted(long chatId, ObjectNode params, String field, String html,
            Function<ObjectNode, Uni<JsonNode>> call) {
        ObjectNode rich = params.deepCopy();
        if (!html.isEmpty()) {
            rich.put(field, html).put("parse_mode", "HTML");
        }
        return sender.message(chatId, () -> call.apply(rich))
                .onFailure(e -> e instanceof TelegramApiException t && t.isBadFormatting()).recoverWithUni(e -> {
                    LOG.warnf("Telegram refused the formatting (%s); sending plain text", e.getMessage());
                    ObjectNode plain = params.deepCopy().put(field, TelegramHtmlSplitter.plainText(html));
                    return sender.message(chatId, () -> call.apply(plain));
                });
    }

    private static void keyboard(BotReply reply, ObjectNode params) {
        if (reply.buttons() == null || reply.buttons().isEmpty()) {
            return;
        }
        var rows = params.putObject("reply_markup").putArray("inline_keyboard");
        for (List<BotReply.Button> row : reply.buttons()) {
            var buttons = rows.addArray();
            for (BotReply.Button button : row) {
                buttons.addObject().put("text", button.text()).put("callback_data", button.callbackData());
            }
        }
    }

    private static void deleteQuietly(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (java.io.IOException e) {
                LOG.warnf("could not delete temporary document %s: %s", file, e.getMessage());
            }
        }
    }
}
