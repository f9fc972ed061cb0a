package ai.devbot.simulator.telegram.botapi;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;

import ai.devbot.simulator.telegram.api.ApiParams;
import ai.devbot.simulator.telegram.api.BotApiException;
import ai.devbot.simulator.telegram.api.TelegramTypes.MessageEntity;
import ai.devbot.simulator.telegram.world.BotAction.Button;
import ai.devbot.simulator.telegram.world.TelegramWorld;

/**
 * The Bot API methods the platform uses, validated as Telegram validates them. Each returns the
 * value that goes into {@code result}; a refusal is a {@link BotApiException}.
 */
@ApplicationScoped
public class BotApiMethods {

    static final int MAX_TEXT = 4096;
    static final int MAX_CAPTION = 1024;
    static final int MAX_CALLBACK_DATA_BYTES = 64;
    static final long MAX_DOCUMENT_BYTES = 50L * 1024 * 1024;
    private static final Pattern SECRET_TOKEN = Pattern.compile("[A-Za-z0-9_-]{1,256}");
    private static final Set<String> CHAT_ACTIONS = Set.of("typing", "upload_photo", "record_video", "upload_video",
            "record_voice", "upload_voice", "upload_document", "choose_sticker", "find_location",
            "record_video_note", "upload_video_note");

    /** The result of a method, with the optional top-level description Telegram adds to some. */
    public record Result(Object value, String description) {
    }

    private final TelegramWorld world;
    private final Map<String, Function<ApiParams, Result>> methods;

    public BotApiMethods(TelegramWorld world) {
        this.world = world;
        this.methods = Map.ofEntries(
                Map.entry("getme", p -> ok(world.botProfile())),
                Map.entry("setwebhook", this::setWebhook),
                Map.entry("deletewebhook", this::deleteWebhook),
                Map.entry("getwebhookinfo", p -> ok(world.webhookInfo())),
                Map.entry("getupdates", this::getUpdates),
                Map.entry("sendmessage", this::sendMessage),
                Map.entry("editmessagetext", this::editMessageText),
                Map.entry("sendchataction", this::sendChatAction),
                Map.entry("answercallbackquery", this::answerCallbackQuery),
                Map.entry("senddocument", this::sendDocument),
                Map.entry("getfile", this::getFile),
                Map.entry("sendinvoice", this::sendInvoice),
                Map.entry("answerprecheckoutquery", this::answerPreCheckoutQuery),
                Map.entry("refundstarpayment", this::refundStarPayment));
    }

    /** Telegram matches method names case-insensitively. */
    public Result call(String method, ApiParams params) {
        Function<ApiParams, Result> handler = methods.get(method.toLowerCase());
        if (handler == null) {
            throw BotApiException.notFound();
        }
        return handler.apply(params);
    }

    private Result getFile(ApiParams p) {
        String fileId = p.string("file_id").orElseThrow(() -> BotApiException.badRequest("file_id is empty"));
        TelegramWorld.FileInfo file = world.fileInfo(fileId)
                .orElseThrow(() -> BotApiException.badRequest("invalid file_id"));
        if (file.fileSize() > TelegramWorld.BOT_DOWNLOAD_LIMIT) {
            throw BotApiException.badRequest("file is too big");
        }
        return ok(Map.of("file_id", file.fileId(), "file_unique_id", file.fileUniqueId(), "file_size", file.fileSize(),
                "file_path", file.filePath()));
    }

    private Result setWebhook(ApiParams p) {
        String url = p.string("url").orElse("");
        if (url.isEmpty()) {
            world.deleteWebhook(p.bool("drop_pending_updates", false));
            return new Result(true, "Webhook was deleted");
        }
        if (!url.startsWith("https://") && !url.startsWith("http://")) {
            throw BotApiException.badRequest("bad webhook: An HTTPS URL must be provided for webhook");
        }
        String secret = p.string("secret_token").orElse(null);
        if (secret != null && !SECRET_TOKEN.matcher(secret).matches()) {
            throw BotApiException.badRequest("secret token contains unallowed characters");
        }
        int maxConnections = p.longValue("max_connections").map(Long::intValue).orElse(40);
        if (maxConnections < 1 || maxConnections > 100) {
            throw BotApiException.badRequest("bad webhook: max_connections must be between 1 and 100");
        }
        world.setWebhook(new TelegramWorld.Webhook(url, secret, stringList(p, "allowed_updates"), maxConnections),
                p.bool("drop_pending_updates", false));
        return new Result(true, "Webhook was set");
    }

    private Result deleteWebhook(ApiParams p) {
        boolean existed = world.webhook().isPresent();
        world.deleteWebhook(p.bool("drop_pending_updates", false));
        return new Result(true, existed ? "Webhook was deleted" : "Webhook is already deleted");
    }

    private Result getUpdates(ApiParams p) {
        int limit = p.longValue("limit").map(Long::intValue).orElse(100);
        long timeout = p.longValue("timeout").orElse(0L);
        if (limit < 1 || limit > 100) {
            limit = 100;
        }
        try {
            return ok(world.getUpdates(p.longValue("offset").orElse(null), limit,
                    Duration.ofSeconds(Math.max(0, Math.min(timeout, 50))), stringList(p, "allowed_updates")));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ok(List.of());
        }
    }

    private Result sendMessage(ApiParams p) {
        long chatId = p.requiredLong("chat_id");
        FormattedText text = formatOrRefuse(p.string("text").orElse(""), p.string("parse_mode").orElse(null), MAX_TEXT,
                "message text is empty", "message is too long");
        Keyboard keyboard = keyboard(p);
        return ok(world.sendMessage(chatId, text.plain(), text.entities(), text.parseMode(), keyboard.markup(),
                keyboard.buttons()));
    }

    private Result editMessageText(ApiParams p) {
        long chatId = p.requiredLong("chat_id");
        long messageId = p.requiredLong("message_id");
        FormattedText text = formatOrRefuse(p.string("text").orElse(""), p.string("parse_mode").orElse(null), MAX_TEXT,
                "message text is empty", "MESSAGE_TOO_LONG");
        Keyboard keyboard = keyboard(p);
        return ok(world.editMessageText(chatId, messageId, text.plain(), text.entities(), text.parseMode(),
                keyboard.markup(), keyboard.buttons()));
    }

    private Result sendChatAction(ApiParams p) {
        long chatId = p.requiredLong("chat_id");
        String action = p.string("action").orElse("");
        if (!CHAT_ACTIONS.contains(action)) {
            throw BotApiException.badRequest("wrong parameter action in request");
        }
        world.sendChatAction(chatId, action);
        return ok(true);
    }

    private Result answerCallbackQuery(ApiParams p) {
        String text = p.string("text").orElse(null);
        if (text != null && text.length() > 200) {
            throw BotApiException.badRequest("MESSAGE_TOO_LONG");
        }
        world.answerCallbackQuery(p.requiredString("callback_query_id"), text, p.bool("show_alert", false));
        return ok(true);
    }

    private Result sendDocument(ApiParams p) {
        long chatId = p.requiredLong("chat_id");
        String caption = p.string("caption").orElse("");
        FormattedText formatted = caption.isEmpty() ? new FormattedText(null, List.of(), null)
                : formatOrRefuse(caption, p.string("parse_mode").orElse(null), MAX_CAPTION, "caption is empty",
                        "message caption is too long");
        var upload = p.file("document");
        if (upload.isPresent()) {
            byte[] bytes = upload.get().bytes();
            if (bytes.length == 0) {
                throw BotApiException.badRequest("file must be non-empty");
            }
            if (bytes.length > MAX_DOCUMENT_BYTES) {
                throw BotApiException.tooLarge();
            }
            return ok(world.sendDocument(chatId, upload.get().fileName(), upload.get().contentType(), bytes,
                    formatted.plain(), formatted.entities(), formatted.parseMode()));
        }
        String reference = p.string("document").orElseThrow(() -> BotApiException.badRequest("there is no document in the request"));
        var stored = world.file(reference)
                .orElseThrow(() -> BotApiException.badRequest("wrong file identifier/HTTP URL specified"));
        return ok(world.sendDocument(chatId, stored.fileName(), stored.mimeType(), stored.bytes(), formatted.plain(),
                formatted.entities(), formatted.parseMode()));
    }

    private Result sendInvoice(ApiParams p) {
        long chatId = p.requiredLong("chat_id");
        String title = p.string("title").orElse("");
        String description = p.string("description").orElse("");
        String payload = p.string("payload").orElse("");
        String currency = p.string("currency").orElse("");
        if (title.isEmpty() || title.length() > 32) {
            throw BotApiException.badRequest("INVOICE_TITLE_INVALID");
        }
        if (description.isEmpty() || description.length() > 255) {
            throw BotApiException.badRequest("INVOICE_DESCRIPTION_INVALID");
        }
        int payloadBytes = payload.getBytes(StandardCharsets.UTF_8).length;
        if (payloadBytes < 1 || payloadBytes > 128) {
            throw BotApiException.badRequest("INVOICE_PAYLOAD_INVALID");
        }
        if (!"XTR".equals(currency)) {
            throw BotApiException.badRequest("the simulator sells in Telegram Stars only: currency must be XTR");
        }
        if (p.string("provider_token").filter(t -> !t.isEmpty()).isPresent()) {
            throw BotApiException.badRequest("PAYMENT_PROVIDER_INVALID");
        }
        JsonNode prices = p.object("prices").orElseThrow(() -> BotApiException.badRequest("prices is empty"));
        if (!prices.isArray() || prices.size() != 1 || !prices.get(0).path("amount").canConvertToLong()
                || prices.get(0).path("amount").asLong() <= 0) {
            throw BotApiException.badRequest("CURRENCY_TOTAL_AMOUNT_INVALID");
        }
        return ok(world.sendInvoice(chatId, title, description, payload, currency, prices.get(0).get("amount").asLong(),
                keyboard(p).markup()));
    }

    private Result answerPreCheckoutQuery(ApiParams p) {
        world.answerPreCheckoutQuery(p.requiredString("pre_checkout_query_id"), p.bool("ok", false),
                p.string("error_message").orElse(null));
        return ok(true);
    }

    private Result refundStarPayment(ApiParams p) {
        world.refundStarPayment(p.requiredLong("user_id"), p.requiredString("telegram_payment_charge_id"));
        return ok(true);
    }

    // ------------------------------------------------------------------ formatting and keyboards

    record FormattedText(String plain, List<MessageEntity> entities, String parseMode) {
    }

    record Keyboard(JsonNode markup, List<List<Button>> buttons) {
    }

    /** Like {@link #format}, but a test may have asked for Telegram's parser to refuse the next HTML texts. */
    private FormattedText formatOrRefuse(String raw, String parseMode, int maxLength, String emptyError,
            String longError) {
        if ("HTML".equalsIgnoreCase(parseMode) && world.takeHtmlRefusal()) {
            throw BotApiException.badRequest("can't parse entities: Unsupported start tag \"tg-emoji\" at byte offset 0");
        }
        return format(raw, parseMode, maxLength, emptyError, longError);
    }

    static FormattedText format(String raw, String parseMode, int maxLength, String emptyError, String longError) {
        String mode = parseMode == null || parseMode.isBlank() ? null : parseMode;
        FormattedText text;
        if (mode == null || mode.equals("MarkdownV2") || mode.equals("Markdown")) {
            // Markdown modes are passed through as plain text: the platform sends HTML.
            text = new FormattedText(raw, List.of(), mode);
        } else if (mode.equalsIgnoreCase("HTML")) {
            TelegramHtml.Parsed parsed = TelegramHtml.parse(raw);
            text = new FormattedText(parsed.text(), parsed.entities(), "HTML");
        } else {
            throw BotApiException.badRequest("unsupported parse_mode");
        }
        if (text.plain().isBlank()) {
            throw BotApiException.badRequest(emptyError);
        }
        if (text.plain().length() > maxLength) {
            throw BotApiException.badRequest(longError);
        }
        return text;
    }

    private static Keyboard keyboard(ApiParams p) {
        var markup = p.object("reply_markup");
        if (markup.isEmpty()) {
            return new Keyboard(null, null);
        }
        JsonNode rows = markup.get().get("inline_keyboard");
        if (rows == null) {
            return new Keyboard(markup.get(), null);
        }
        if (!rows.isArray()) {
            throw BotApiException.badRequest("field \"inline_keyboard\" of the InlineKeyboardMarkup should be an Array");
        }
        List<List<Button>> buttons = new ArrayList<>();
        for (JsonNode row : rows) {
            List<Button> line = new ArrayList<>();
            for (JsonNode button : row) {
                String text = button.path("text").asText("");
                if (text.isEmpty()) {
                    throw BotApiException.badRequest("text buttons are unallowed in the inline keyboard");
                }
                String data = button.hasNonNull("callback_data") ? button.get("callback_data").asText() : null;
                String url = button.hasNonNull("url") ? button.get("url").asText() : null;
                if (data != null) {
                    int bytes = data.getBytes(StandardCharsets.UTF_8).length;
                    if (bytes < 1 || bytes > MAX_CALLBACK_DATA_BYTES) {
                        throw BotApiException.badRequest("BUTTON_DATA_INVALID");
                    }
                } else if (url == null) {
                    throw BotApiException.badRequest("can't parse inline keyboard button: InlineKeyboardButton must have exactly one of the optional fields");
                }
                line.add(new Button(text, data, url));
            }
            buttons.add(line);
        }
        return new Keyboard(markup.get(), buttons);
    }

    private static List<String> stringList(ApiParams p, String name) {
        return p.object(name).filter(JsonNode::isArray)
                .map(array -> {
                    List<String> values = new ArrayList<>();
                    array.forEach(v -> values.add(v.asText()));
                    return values;
                }).orElse(null);
    }

    private static Result ok(Object value) {
        return new Result(value, null);
    }
}
