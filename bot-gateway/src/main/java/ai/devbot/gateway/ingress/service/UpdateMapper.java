package ai.devbot.gateway.ingress.service;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.Iterator;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

import ai.devbot.gateway.ingress.BotCommand;
import ai.devbot.gateway.ingress.BotCommand.Origin;

/**
 * Maps one Telegram update to a {@link BotCommand} (DESIGN §3): messages with text become COMMAND
 * or TEXT, documents DOCUMENT, {@code successful_payment} PAYMENT, callback queries CALLBACK, pre-checkout
 * queries PRE_CHECKOUT (with the gateway's own verdict). Every other kind — edits, channel posts, stickers,
 * photos, member updates — is ignored with a reason. Pure: no I/O, so every rule is unit-tested.
 */
public class UpdateMapper {

    /** Telegram commands: up to 32 letters, digits and underscores, optionally {@code @botname}. */
    private static final Pattern COMMAND = Pattern.compile(
            "/([A-Za-z0-9_]{1,32})(?:@([A-Za-z0-9_]{1,64}))?(?:\\s+(.*))?", Pattern.DOTALL);
    /** Update kinds named in metrics as they are; any newer kind is counted as "other". */
    private static final Set<String> KNOWN_KINDS = Set.of("message", "edited_message", "channel_post",
            "edited_channel_post", "business_message", "edited_business_message", "message_reaction",
            "message_reaction_count", "inline_query", "chosen_inline_result", "callback_query", "shipping_query",
            "pre_checkout_query", "purchased_paid_media", "poll", "poll_answer", "my_chat_member", "chat_member",
            "chat_join_request", "chat_boost", "removed_chat_boost");

    /** Telegram's own sender of automatic forwards from a linked channel. */
    private static final long TELEGRAM_SERVICE = 777000;
    static final String ANONYMOUS_ADMIN = "I can't tell which admin you are while you post anonymously — to a bot, "
            + "every anonymous admin of every group looks the same, so I can't keep your projects and credits apart. "
            + "Turn off \"Remain anonymous\" in your admin rights for this group, or message me privately.";
    static final String ON_BEHALF_OF_CHAT = "You are posting on behalf of a channel or group; I work for people, each "
            + "with their own projects and credits. Post as yourself, or message me privately.";

    private final Supplier<Optional<String>> botUsername;
    private final InvoicePayloadVerifier invoices;
    private final Clock clock;

    /** @param botUsername the bot's own username once known; until then no command is ignored for its addressee */
    public UpdateMapper(Supplier<Optional<String>> botUsername, InvoicePayloadVerifier invoices, Clock clock) {
        this.botUsername = botUsername;
        this.invoices = invoices;
        this.clock = clock;
    }

    /** @throws IllegalArgumentException when the update has no usable {@code update_id}. */
    public MappedUpdate map(JsonNode update) {
        JsonNode id = update.path("update_id");
        if (!id.canConvertToLong() || !id.isIntegralNumber()) {
            throw new IllegalArgumentException("the update has no numeric update_id");
        }
        long updateId = id.asLong();
        String kind = kindOf(update);
        JsonNode body = update.path(kind);
        return switch (kind) {
            case "message" -> message(updateId, body);
            case "callback_query" -> callback(updateId, body);
            case "pre_checkout_query" -> preCheckout(updateId, body);
            default -> MappedUpdate.ignore(updateId, KNOWN_KINDS.contains(kind) ? kind : "other",
                    "the bot does not handle " + kind + " updates");
        };
    }

    private static String kindOf(JsonNode update) {
        Iterator<String> fields = update.fieldNames();
        while (fields.hasNext()) {
            String field = fields.next();
            if (!"update_id".equals(field)) {
                return field;
            }
        }
        return "none";
    }

    private MappedUpdate message(long updateId, JsonNode message) {
        JsonNode from = message.path("from");
        JsonNode chat = message.path("chat");
        if (!from.path("id").canConvertToLong() || !chat.path("id").canConvertToLong()) {
            return MappedUpdate.ignore(updateId, "message", "the message has no sender or chat");
        }
        long chatId = chat.path("id").asLong();
        Long threadId = threadOf(message);
        // Who sent it (docs/adr/0011-who-the-user-is.md): only a person, writing it themselves, is an account.
        if (message.path("is_automatic_forward").asBoolean(false) || from.path("id").asLong() == TELEGRAM_SERVICE) {
            return MappedUpdate.ignore(updateId, "message", "an automatic forward from a linked channel");
        }
        JsonNode senderChat = message.path("sender_chat");
        if (senderChat.isObject()) {
            boolean anonymousAdmin = senderChat.path("id").asLong() == chatId;
            return MappedUpdate.refuse(updateId, "message", anonymousAdmin ? "sent by an anonymous admin"
                    : "sent on behalf of a chat", new MappedUpdate.Notice(chatId, threadId,
                            anonymousAdmin ? ANONYMOUS_ADMIN : ON_BEHALF_OF_CHAT));
        }
        if (from.path("is_bot").asBoolean(false)) {
            return MappedUpdate.ignore(updateId, "message", "sent by a bot");
        }
        Origin origin = origin(updateId, chatId, threadId, from,
                message.path("message_id").isIntegralNumber() ? message.path("message_id").asLong() : null);
        JsonNode payment = message.path("successful_payment");
        if (payment.isObject()) {
            return MappedUpdate.publish(updateId, "message", BotCommand.payment(origin, new BotCommand.Payment(
                    payment.path("currency").asText(), payment.path("total_amount").asLong(),
                    payment.path("invoice_payload").asText(), payment.path("telegram_payment_charge_id").asText(),
                    payment.path("provider_payment_charge_id").asText(""))));
        }
        boolean group = !"private".equals(chat.path("type").asText("private"));
        Optional<String> ours = botUsername.get();
        JsonNode document = message.path("document");
        if (document.isObject()) {
            // A forwarded file is still one the user chose to send (forwarding from Saved Messages is common).
            return document(updateId, origin, document, message, group, ours);
        }
        if (message.has("forward_origin") || message.has("forward_from") || message.has("forward_from_chat")
                || message.has("forward_date")) {
            return MappedUpdate.ignore(updateId, "message", "forwarded: the sender did not write it");
        }
        JsonNode text = message.path("text");
        if (!text.isTextual() || text.asText().isBlank()) {
            return MappedUpdate.ignore(updateId, "message", "the bot only reads text messages and documents");
        }
        Matcher command = COMMAND.matcher(text.asText().strip());
        if (!command.matches()) {
            if (group && !repliesToUs(message, ours)) {
                return MappedUpdate.ignore(updateId, "message", "group chatter not addressed to the bot");
            }
            return MappedUpdate.publish(updateId, "message", BotCommand.text(origin, text.asText()));
        }
        String addressee = command.group(2);
        if (addressee != null && ours.isPresent() && !addressee.equalsIgnoreCase(ours.get())) {
            return MappedUpdate.ignore(updateId, "message", "the command is addressed to @" + addressee);
        }
        String args = command.group(3) == null ? "" : command.group(3).strip();
        return MappedUpdate.publish(updateId, "message",
                BotCommand.command(origin, command.group(1).toLowerCase(Locale.ROOT), args));
    }

    /**
     * A file: in a group only when its caption is a command for the bot or it replies to the bot. Its declared
     * name, type and size travel on; the gateway fetches the file itself before publishing.
     */
    private static MappedUpdate document(long updateId, Origin origin, JsonNode document, JsonNode message,
            boolean group, Optional<String> ours) {
        if (!document.path("file_id").isTextual() || document.path("file_id").asText().isBlank()) {
            return MappedUpdate.ignore(updateId, "message", "the document has no file_id");
        }
        String caption = message.path("caption").isTextual() ? message.path("caption").asText().strip() : null;
        Matcher command = caption == null ? null : COMMAND.matcher(caption);
        boolean addressed = command != null && command.matches() && (command.group(2) == null
                || ours.map(name -> name.equalsIgnoreCase(command.group(2))).orElse(true));
        if (group && !addressed && !repliesToUs(message, ours)) {
            return MappedUpdate.ignore(updateId, "message", "a group file not addressed to the bot");
        }
        JsonNode size = document.path("file_size");
        BotCommand.Document declared = new BotCommand.Document(textOrNull(document, "file_name"),
                textOrNull(document, "mime_type"), size.canConvertToLong() ? size.asLong() : null, null, null, null);
        return MappedUpdate.fetchThenPublish(updateId, BotCommand.document(origin, declared,
                caption == null || caption.isEmpty() ? null : caption), document.path("file_id").asText());
    }

    /** A reply to one of the bot's own messages addresses the bot (until its username is known, nothing does). */
    private static boolean repliesToUs(JsonNode message, Optional<String> ours) {
        JsonNode author = message.path("reply_to_message").path("from");
        return ours.isPresent() && author.path("is_bot").asBoolean(false)
                && ours.get().equalsIgnoreCase(author.path("username").asText(""));
    }

    /** The forum topic a message belongs to: replies, chat actions and invoices go back there. */
    private static Long threadOf(JsonNode message) {
        JsonNode thread = message.path("message_thread_id");
        return message.path("is_topic_message").asBoolean(false) && thread.canConvertToLong() ? thread.asLong() : null;
    }

    private MappedUpdate callback(long updateId, JsonNode query) {
        JsonNode from = query.path("from");
        JsonNode chat = query.path("message").path("chat").path("id");
        JsonNode data = query.path("data");
        if (!from.path("id").canConvertToLong() || !query.path("id").isTextual()) {
            return MappedUpdate.ignore(updateId, "callback_query", "the callback query has no sender or id");
        }
        if (!data.isTextual()) {
            return MappedUpdate.ignore(updateId, "callback_query", "the callback query carries no data");
        }
        // Private chats have the user's id as chat id; inline messages have no chat at all.
        long chatId = chat.canConvertToLong() ? chat.asLong() : from.path("id").asLong();
        JsonNode messageId = query.path("message").path("message_id");
        Origin origin = origin(updateId, chatId, threadOf(query.path("message")), from,
                messageId.isIntegralNumber() ? messageId.asLong() : null);
        return MappedUpdate.publish(updateId, "callback_query",
                BotCommand.callback(origin, query.path("id").asText(), data.asText()));
    }

    private MappedUpdate preCheckout(long updateId, JsonNode query) {
        JsonNode from = query.path("from");
        if (!from.path("id").canConvertToLong() || !query.path("id").isTextual()) {
            return MappedUpdate.ignore(updateId, "pre_checkout_query", "the pre-checkout query has no sender or id");
        }
        long payer = from.path("id").asLong();
        String currency = query.path("currency").asText();
        long amount = query.path("total_amount").asLong();
        String payload = query.path("invoice_payload").asText();
        var verdict = invoices.verify(payload, currency, amount, payer);
        return MappedUpdate.publish(updateId, "pre_checkout_query", BotCommand.preCheckout(
                origin(updateId, payer, null, from, null),
                new BotCommand.PreCheckout(query.path("id").asText(), currency, amount, payload, verdict.ok(),
                        verdict.errorMessage())));
    }

    private Origin origin(long updateId, long chatId, Long threadId, JsonNode from, Long messageId) {
        return new Origin(updateId, chatId, threadId, from.path("id").asLong(), textOrNull(from, "username"),
                textOrNull(from, "first_name"), textOrNull(from, "language_code"), messageId, clock.instant().truncatedTo(ChronoUnit.MILLIS));
    }

    private static String textOrNull(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isTextual() ? value.asText() : null;
    }
}
