package ai.devbot.simulator.telegram.world;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import ai.devbot.simulator.config.SimulatorConfig;
import ai.devbot.simulator.telegram.api.BotApiException;
import ai.devbot.simulator.telegram.api.TelegramTypes.CallbackQuery;
import ai.devbot.simulator.telegram.api.TelegramTypes.Chat;
import ai.devbot.simulator.telegram.api.TelegramTypes.Document;
import ai.devbot.simulator.telegram.api.TelegramTypes.Invoice;
import ai.devbot.simulator.telegram.api.TelegramTypes.Message;
import ai.devbot.simulator.telegram.api.TelegramTypes.MessageEntity;
import ai.devbot.simulator.telegram.api.TelegramTypes.PreCheckoutQuery;
import ai.devbot.simulator.telegram.api.TelegramTypes.SuccessfulPayment;
import ai.devbot.simulator.telegram.api.TelegramTypes.User;
import ai.devbot.simulator.telegram.api.TelegramTypes.WebhookInfo;
import ai.devbot.simulator.telegram.world.BotAction.Button;
import ai.devbot.simulator.telegram.world.BotAction.DocumentRef;
import ai.devbot.simulator.telegram.world.BotAction.InvoiceRef;
import ai.devbot.simulator.telegram.world.BotAction.Kind;

/**
 * Everything the simulated Telegram knows: the bot, its private chats with users, their messages,
 * the updates waiting for the bot (webhook or getUpdates), open callback and pre-checkout queries,
 * Star payments and the files the bot sent. All state is in memory and guarded by this object's
 * monitor; waiters (long polling, the user side, webhook delivery) are woken on every change.
 */
@ApplicationScoped
public class TelegramWorld {

    private static final Logger LOG = Logger.getLogger(TelegramWorld.class);
    private static final Pattern COMMAND = Pattern.compile("^/[A-Za-z0-9_]{1,32}(@[A-Za-z0-9_]{3,32})?");

    public record Webhook(String url, String secretToken, List<String> allowedUpdates, int maxConnections) {
    }

    public record Payment(String preCheckoutQueryId, boolean ok, String errorMessage, String telegramPaymentChargeId,
            Long paymentUpdateId) {
    }

    public record StoredFile(String fileId, String fileName, String mimeType, byte[] bytes) {
    }

    private final AtomicInteger htmlRefusals = new AtomicInteger();

    private static final class ChatState {
        final Chat chat;
        final User user;
        final Map<Long, Message> messages = new LinkedHashMap<>();
        final List<BotAction> actions = new ArrayList<>();
        long nextMessageId = 1;

        ChatState(User user) {
            this.user = user;
            this.chat = new Chat(user.id(), "private", user.firstName(), user.username());
        }

        /** A group or channel a test injected updates from: the bot may answer into it. */
        ChatState(Chat chat, User member) {
            this.user = member;
            this.chat = chat;
        }
    }

    private record OpenCallback(String id, long chatId) {
    }

    private record OpenPreCheckout(String id, long chatId, CompletableFuture<Payment> answer) {
    }

    private record Charge(String id, long userId, long amount, String payload, boolean refunded) {
    }

    private final SimulatorConfig.Telegram config;
    private final ObjectMapper json;
    private final User bot;
    private final RateLimiter rateLimiter;
    private final Map<Long, ChatState> chats = new LinkedHashMap<>();
    private final List<ObjectNode> pendingUpdates = new ArrayList<>();
    /** Updates posted to the webhook and not yet answered, with the chat each belongs to. */
    private final Map<Long, String> inDelivery = new HashMap<>();
    private final Map<String, OpenCallback> openCallbacks = new LinkedHashMap<>();
    private final Map<String, OpenPreCheckout> openPreCheckouts = new LinkedHashMap<>();
    private final Map<String, Charge> charges = new LinkedHashMap<>();
    private final Map<String, StoredFile> files = new LinkedHashMap<>();
    /** Invoice payloads by chat/message: Telegram shows the payload only to the bot, at payment. */
    private final Map<String, String> invoicePayloads = new LinkedHashMap<>();
    private long nextUpdateId = firstUpdateId();
    private long seq;
    private Webhook webhook;
    private Long lastErrorDate;
    private String lastErrorMessage;

    public TelegramWorld(SimulatorConfig config, ObjectMapper json) {
        this.config = config.telegram();
        this.json = json;
        long botId = Long.parseLong(this.config.botToken().split(":", 2)[0]);
        this.bot = new User(botId, true, this.config.botName(), null, this.config.botUsername(), null, null, null, null);
        var limits = this.config.rateLimit();
        this.rateLimiter = new RateLimiter(new RateLimiter.Limits(limits.enabled(), limits.perChatPerSecond(),
                limits.perChatBurst(), limits.globalPerSecond(), limits.globalBurst()));
    }

    /** The bot as getMe describes it (messages carry it without the capability flags). */
    public User botProfile() {
        return new User(bot.id(), true, bot.firstName(), null, bot.username(), null, false, false, false);
    }

    public String botToken() {
        return config.botToken();
    }

    // ------------------------------------------------------------------ the bot's side

    public synchronized Message sendMessage(long chatId, String text, List<MessageEntity> entities, String parseMode,
            JsonNode replyMarkup, List<List<Button>> buttons) {
        ChatState chat = chat(chatId);
        rateLimiter.acquire(chatId);
        Message message = new Message(chat.nextMessageId++, bot, chat.chat, now(), null, text,
                entities.isEmpty() ? null : entities, null, null, null, null, null, replyMarkup);
        chat.messages.put(message.messageId(), message);
        record(chat, BotAction.of(Kind.MESSAGE).messageId(message.messageId()).text(text).parseMode(parseMode)
                .buttons(buttons));
        return message;
    }

    public synchronized Message editMessageText(long chatId, long messageId, String text, List<MessageEntity> entities,
            String parseMode, JsonNode replyMarkup, List<List<Button>> buttons) {
        ChatState chat = chat(chatId);
        Message old = chat.messages.get(messageId);
        if (old == null || !old.from().isBot()) {
            throw BotApiException.badRequest("message to edit not found");
        }
        if (text.equals(old.text()) && java.util.Objects.equals(replyMarkup, old.replyMarkup())) {
            throw BotApiException.badRequest("message is not modified: specified new message content and reply "
                    + "markup are exactly the same as a current content and reply markup of the message");
        }
        rateLimiter.acquire(chatId);
        Message edited = new Message(old.messageId(), old.from(), old.chat(), old.date(), now(), text,
                entities.isEmpty() ? null : entities, null, null, null, null, null, replyMarkup);
        chat.messages.put(messageId, edited);
        record(chat, BotAction.of(Kind.EDIT).messageId(messageId).text(text).parseMode(parseMode).buttons(buttons));
        return edited;
    }

    public synchronized void sendChatAction(long chatId, String action) {
        ChatState chat = chat(chatId);
        record(chat, BotAction.of(Kind.CHAT_ACTION).action(action));
    }

    public synchronized void answerCallbackQuery(String callbackQueryId, String text, boolean showAlert) {
        OpenCallback callback = openCallbacks.remove(callbackQueryId);
        if (callback == null) {
            throw BotApiException.badRequest("query is too old and response timeout expired or query ID is invalid");
        }
        BotAction.Builder action = BotAction.of(Kind.CALLBACK_ANSWER).callbackQueryId(callbackQueryId)
                .showAlert(showAlert);
        if (text != null) {
            action.text(text);
        }
        record(chats.get(callback.chatId()), action);
    }

    public synchronized Message sendDocument(long chatId, String fileName, String mimeType, byte[] bytes,
            String caption, List<MessageEntity> captionEntities, String parseMode) {
        ChatState chat = chat(chatId);
        rateLimiter.acquire(chatId);
        String fileId = "BQACAgIAAxkBAAI" + UUID.randomUUID().toString().replace("-", "");
        files.put(fileId, new StoredFile(fileId, fileName, mimeType, bytes));
        Document document = new Document(fileId, "AgAD" + fileId.substring(fileId.length() - 12), fileName, mimeType,
                (long) bytes.length);
        Message message = new Message(chat.nextMessageId++, bot, chat.chat, now(), null, null, null, caption,
                captionEntities == null || captionEntities.isEmpty() ? null : captionEntities, document, null, null,
                null);
        chat.messages.put(message.messageId(), message);
        String savedTo = saveForPeople(chatId, message.messageId(), fileName, bytes);
        record(chat, BotAction.of(Kind.DOCUMENT).messageId(message.messageId()).text(caption).parseMode(parseMode)
                .document(new DocumentRef(fileId, fileName, mimeType, bytes.length, sha256(bytes), savedTo)));
        return message;
    }

    public synchronized Optional<StoredFile> file(String fileId) {
        return Optional.ofNullable(files.get(fileId));
    }

    /** Telegram's limit on files a bot downloads (getFile answers "file is too big" above it). */
    public static final long BOT_DOWNLOAD_LIMIT = 20L * 1024 * 1024;

    /** A file as getFile describes it: the path its download URL carries. */
    public record FileInfo(String fileId, String fileUniqueId, long fileSize, String filePath) {
    }

    public synchronized Optional<FileInfo> fileInfo(String fileId) {
        StoredFile file = files.get(fileId);
        if (file == null) {
            return Optional.empty();
        }
        return Optional.of(new FileInfo(fileId, "AgAD" + fileId.substring(fileId.length() - 12), file.bytes().length,
                "documents/" + fileId + extensionOf(file.fileName())));
    }

    /** The file behind a getFile path ({@code documents/<fileId>.<ext>}). */
    public synchronized Optional<StoredFile> fileAt(String filePath) {
        if (filePath == null || !filePath.startsWith("documents/")) {
            return Optional.empty();
        }
        String name = filePath.substring("documents/".length());
        int dot = name.indexOf('.');
        return Optional.ofNullable(files.get(dot < 0 ? name : name.substring(0, dot)))
                .filter(file -> fileInfo(file.fileId()).map(FileInfo::filePath).orElse("").equals(filePath));
    }

    private static String extensionOf(String fileName) {
        int dot = fileName == null ? -1 : fileName.lastIndexOf('.');
        return dot < 0 ? "" : fileName.substring(dot).replaceAll("[^A-Za-z0-9.]", "");
    }

    public synchronized Message sendInvoice(long chatId, String title, String description, String payload,
            String currency, long amount, JsonNode replyMarkup) {
        ChatState chat = chat(chatId);
        rateLimiter.acquire(chatId);
        Message message = new Message(chat.nextMessageId++, bot, chat.chat, now(), null, null, null, null, null, null,
                new Invoice(title, description, "", currency, amount), null, replyMarkup);
        chat.messages.put(message.messageId(), message);
        invoicePayloads.put(key(chatId, message.messageId()), payload);
        record(chat, BotAction.of(Kind.INVOICE).messageId(message.messageId())
                .invoice(new InvoiceRef(title, description, payload, currency, amount)));
        return message;
    }

    public void answerPreCheckoutQuery(String queryId, boolean ok, String errorMessage) {
        OpenPreCheckout query;
        synchronized (this) {
            query = openPreCheckouts.remove(queryId);
            if (query == null) {
                throw BotApiException.badRequest("query is too old and response timeout expired or query ID is invalid");
            }
            if (!ok && (errorMessage == null || errorMessage.isBlank())) {
                openPreCheckouts.put(queryId, query);
                throw BotApiException.badRequest("error_message is empty");
            }
            BotAction.Builder action = BotAction.of(Kind.PRE_CHECKOUT_ANSWER).ok(ok);
            if (!ok) {
                action.errorMessage(errorMessage);
            }
            record(chats.get(query.chatId()), action);
        }
        query.answer().complete(new Payment(queryId, ok, ok ? null : errorMessage, null, null));
    }

    public synchronized void refundStarPayment(long userId, String chargeId) {
        Charge charge = charges.get(chargeId);
        if (charge == null || charge.userId() != userId) {
            throw BotApiException.badRequest("CHARGE_NOT_FOUND");
        }
        if (charge.refunded()) {
            throw BotApiException.badRequest("CHARGE_ALREADY_REFUNDED");
        }
        charges.put(chargeId, new Charge(charge.id(), charge.userId(), charge.amount(), charge.payload(), true));
        record(chat(userId), BotAction.of(Kind.REFUND).text("Refunded " + charge.amount() + " ⭐ (" + chargeId + ")"));
    }

    // ------------------------------------------------------------------ updates, webhook, polling

    public synchronized void setWebhook(Webhook newWebhook, boolean dropPending) {
        webhook = newWebhook;
        lastErrorDate = null;
        lastErrorMessage = null;
        if (dropPending) {
            pendingUpdates.clear();
        }
        notifyAll();
    }

    public synchronized void deleteWebhook(boolean dropPending) {
        webhook = null;
        if (dropPending) {
            pendingUpdates.clear();
        }
        notifyAll();
    }

    public synchronized Optional<Webhook> webhook() {
        return Optional.ofNullable(webhook);
    }

    public synchronized WebhookInfo webhookInfo() {
        return new WebhookInfo(webhook == null ? "" : webhook.url(), false, pendingUpdates.size(), lastErrorDate,
                lastErrorMessage, webhook == null ? null : webhook.maxConnections(),
                webhook == null ? null : webhook.allowedUpdates());
    }

    /**
     * getUpdates: confirms every update below {@code offset}, then waits up to {@code timeout} for
     * updates of the allowed kinds.
     */
    public List<ObjectNode> getUpdates(Long offset, int limit, Duration timeout, List<String> allowedUpdates)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (this) {
            if (webhook != null) {
                throw BotApiException.conflict("can't use getUpdates method while webhook is active; "
                        + "use deleteWebhook to delete the webhook first");
            }
            if (offset != null) {
                pendingUpdates.removeIf(update -> update.get("update_id").asLong() < offset);
            }
            while (true) {
                List<ObjectNode> ready = pendingUpdates.stream()
                        .filter(update -> allowed(update, allowedUpdates))
                        .limit(limit).toList();
                long remaining = deadline - System.nanoTime();
                if (!ready.isEmpty() || remaining <= 0 || webhook != null) {
                    return ready.stream().map(ObjectNode::deepCopy).toList();
                }
                TimeUnit.NANOSECONDS.timedWait(this, remaining);
            }
        }
    }

    /**
     * The next update the webhook should receive, as Telegram delivers: up to the webhook's {@code max_connections}
     * at once, one chat's updates one after another (the next only once the previous was accepted). Waits until
     * there is one it may send; the caller reports {@link #delivered} or {@link #deliveryFailed}.
     */
    synchronized Optional<ObjectNode> nextForWebhook(Duration wait) throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        while (true) {
            if (webhook != null) {
                pendingUpdates.removeIf(update -> !allowed(update, webhook.allowedUpdates()));
                Optional<ObjectNode> next = webhook.maxConnections() > inDelivery.size() ? nextDeliverable()
                        : Optional.empty();
                if (next.isPresent()) {
                    inDelivery.put(next.get().get("update_id").asLong(), chatOf(next.get()));
                    return Optional.of(next.get().deepCopy());
                }
            }
            long remaining = deadline - System.nanoTime();
            if (remaining <= 0) {
                return Optional.empty();
            }
            TimeUnit.NANOSECONDS.timedWait(this, remaining);
        }
    }

    /** The first pending update that is not being delivered and whose chat has nothing earlier pending. */
    private Optional<ObjectNode> nextDeliverable() {
        Set<String> chatsWaiting = new HashSet<>();
        for (ObjectNode update : pendingUpdates) {
            String chat = chatOf(update);
            if (!inDelivery.containsKey(update.get("update_id").asLong()) && !chatsWaiting.contains(chat)) {
                return Optional.of(update);
            }
            chatsWaiting.add(chat);
        }
        return Optional.empty();
    }

    /** Whose updates must keep their order: the chat, or the user for updates without one (pre-checkouts). */
    private static String chatOf(ObjectNode update) {
        for (var fields = update.fields(); fields.hasNext();) {
            JsonNode body = fields.next().getValue();
            JsonNode chat = body.path("chat").path("id");
            if (chat.isMissingNode()) {
                chat = body.path("message").path("chat").path("id");
            }
            if (chat.isMissingNode()) {
                chat = body.path("from").path("id");
            }
            if (!chat.isMissingNode()) {
                return chat.asText();
            }
        }
        return "update " + update.path("update_id").asText();
    }

    synchronized void delivered(long updateId) {
        inDelivery.remove(updateId);
        pendingUpdates.removeIf(update -> update.get("update_id").asLong() == updateId);
        lastErrorDate = null;
        lastErrorMessage = null;
        notifyAll();
    }

    synchronized void deliveryFailed(long updateId, String reason) {
        inDelivery.remove(updateId);
        lastErrorDate = now();
        lastErrorMessage = reason;
        notifyAll();
    }

    /** Queues an update built elsewhere (hostile or unsupported kinds in tests), giving it an id if it has none. */
    public synchronized long inject(ObjectNode update) {
        JsonNode chat = update.path("message").path("chat");
        String type = chat.path("type").asText("private");
        if (!"private".equals(type) && chat.path("id").canConvertToLong()) {
            // Group chats exist once a test speaks in them; their actions read like a user's, by chat id.
            chats.computeIfAbsent(chat.path("id").asLong(), groupId -> new ChatState(
                    new Chat(groupId, type, chat.path("title").asText("Group"), null),
                    new User(update.path("message").path("from").path("id").asLong(), false,
                            update.path("message").path("from").path("first_name").asText("Member"), null, null, null,
                            null, null, null)));
        }
        long id = update.has("update_id") ? update.get("update_id").asLong() : nextUpdateId++;
        update.put("update_id", id);
        enqueue(update);
        return id;
    }

    private void enqueue(ObjectNode update) {
        pendingUpdates.add(update);
        notifyAll();
    }

    private static boolean allowed(ObjectNode update, List<String> allowedUpdates) {
        if (allowedUpdates == null || allowedUpdates.isEmpty()) {
            return true;
        }
        var names = update.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!name.equals("update_id")) {
                return allowedUpdates.contains(name);
            }
        }
        return true;
    }

    // ------------------------------------------------------------------ the user's side

    public synchronized long userSends(User user, String text) {
        ChatState chat = chats.computeIfAbsent(user.id(), id -> new ChatState(user));
        List<MessageEntity> entities = new ArrayList<>();
        Matcher command = COMMAND.matcher(text);
        if (command.find()) {
            entities.add(new MessageEntity("bot_command", 0, command.end(), null, null));
        }
        Message message = new Message(chat.nextMessageId++, chat.user, chat.chat, now(), null, text,
                entities.isEmpty() ? null : entities, null, null, null, null, null, null);
        chat.messages.put(message.messageId(), message);
        return newUpdate("message", json.valueToTree(message));
    }

    /**
     * The user sends a file. {@code declaredSize} is the size the update claims (a modified client can lie; the
     * bot must not trust it), null for the real size.
     */
    public synchronized long userSendsDocument(User user, String fileName, String mimeType, byte[] bytes,
            String caption, Long declaredSize) {
        ChatState chat = chats.computeIfAbsent(user.id(), id -> new ChatState(user));
        String fileId = "BQACAgIAAxkBAAJ" + UUID.randomUUID().toString().replace("-", "");
        files.put(fileId, new StoredFile(fileId, fileName, mimeType, bytes));
        Document document = new Document(fileId, "AgAD" + fileId.substring(fileId.length() - 12), fileName, mimeType,
                declaredSize == null ? (long) bytes.length : declaredSize);
        Message message = new Message(chat.nextMessageId++, chat.user, chat.chat, now(), null, null, null, caption, null,
                document, null, null, null);
        chat.messages.put(message.messageId(), message);
        return newUpdate("message", json.valueToTree(message));
    }

    /**
     * The user presses a button: by its callback data or by its number (1-based) on the latest
     * message that has buttons. {@code forged} data is sent even if no button carries it, as a
     * modified client could.
     */
    public synchronized String userPresses(long userId, String callbackData, Integer buttonNumber, boolean forged) {
        ChatState chat = existingChat(userId);
        Message source = null;
        String data = callbackData;
        for (Message message : chat.messages.values()) {
            List<String> buttons = callbackDataOf(message);
            if (buttons.isEmpty()) {
                continue;
            }
            if (buttonNumber != null) {
                source = message;
                data = buttonNumber >= 1 && buttonNumber <= buttons.size() ? buttons.get(buttonNumber - 1) : null;
            } else if (buttons.contains(callbackData)) {
                source = message;
            }
        }
        if (data == null) {
            throw new IllegalArgumentException("there is no button number " + buttonNumber + " on the latest message with buttons");
        }
        if (source == null && !forged) {
            throw new IllegalArgumentException("no message in this chat has a button with callback data '" + callbackData
                    + "' (send forged=true to send it anyway)");
        }
        Message shown = source != null ? source : chat.messages.values().stream().reduce((a, b) -> b).orElse(null);
        String id = String.valueOf(1_222_839_000_000_000_000L + (long) (Math.random() * 1e15));
        openCallbacks.put(id, new OpenCallback(id, userId));
        CallbackQuery query = new CallbackQuery(id, chat.user, shown, String.valueOf(-userId * 31 - 7), data);
        newUpdate("callback_query", json.valueToTree(query));
        return id;
    }

    /**
     * The user pays an invoice: a pre_checkout_query goes to the bot, which has
     * {@code pre-checkout-timeout} to answer; when it answers ok, a successful_payment message follows.
     */
    public Payment userPays(long userId, Long invoiceMessageId) {
        OpenPreCheckout query;
        Message invoiceMessage;
        String payload;
        synchronized (this) {
            ChatState chat = existingChat(userId);
            invoiceMessage = chat.messages.values().stream()
                    .filter(m -> m.invoice() != null)
                    .filter(m -> invoiceMessageId == null || m.messageId() == invoiceMessageId)
                    .reduce((a, b) -> b)
                    .orElseThrow(() -> new IllegalArgumentException("no invoice to pay in this chat"));
            payload = invoicePayloads.get(key(userId, invoiceMessage.messageId()));
            String id = String.valueOf(1_222_839_411_000_000_000L + (long) (Math.random() * 1e9));
            query = new OpenPreCheckout(id, userId, new CompletableFuture<>());
            openPreCheckouts.put(id, query);
            PreCheckoutQuery preCheckout = new PreCheckoutQuery(id, chat.user, invoiceMessage.invoice().currency(),
                    invoiceMessage.invoice().totalAmount(), payload);
            newUpdate("pre_checkout_query", json.valueToTree(preCheckout));
        }
        Payment answer;
        try {
            answer = query.answer().get(config.preCheckoutTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            synchronized (this) {
                openPreCheckouts.remove(query.id());
            }
            return new Payment(query.id(), false, "the bot did not answer the pre-checkout query in time", null, null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the bot");
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
        if (!answer.ok()) {
            return answer;
        }
        synchronized (this) {
            ChatState chat = existingChat(userId);
            String chargeId = "stx" + UUID.randomUUID().toString().replace("-", "");
            long amount = invoiceMessage.invoice().totalAmount();
            charges.put(chargeId, new Charge(chargeId, userId, amount, payload, false));
            Message paid = new Message(chat.nextMessageId++, chat.user, chat.chat, now(), null, null, null, null,
                    null, null, null, new SuccessfulPayment(invoiceMessage.invoice().currency(), amount, payload,
                            chargeId, ""),
                    null);
            chat.messages.put(paid.messageId(), paid);
            long updateId = newUpdate("message", json.valueToTree(paid));
            return new Payment(answer.preCheckoutQueryId(), true, null, chargeId, updateId);
        }
    }

    /** What the bot did in a chat after {@code afterSeq}, waiting up to {@code wait} for something new. */
    public List<BotAction> actions(long userId, long afterSeq, Duration wait) throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        synchronized (this) {
            while (true) {
                ChatState chat = chats.get(userId);
                List<BotAction> fresh = chat == null ? List.of()
                        : chat.actions.stream().filter(a -> a.seq() > afterSeq).toList();
                long remaining = deadline - System.nanoTime();
                if (!fresh.isEmpty() || remaining <= 0) {
                    return fresh;
                }
                TimeUnit.NANOSECONDS.timedWait(this, remaining);
            }
        }
    }

    /** Everything the bot did in every chat, in order: for tests that search all the bot ever said. */
    public synchronized List<BotAction> allActions() {
        return chats.values().stream().flatMap(chat -> chat.actions.stream())
                .sorted(java.util.Comparator.comparingLong(BotAction::seq)).toList();
    }

    /** Telegram's HTML parser has quirks no renderer can foresee: tests make it refuse the next {@code count} texts. */
    public void refuseHtml(int count) {
        htmlRefusals.set(count);
    }

    public boolean takeHtmlRefusal() {
        return htmlRefusals.getAndUpdate(left -> Math.max(0, left - 1)) > 0;
    }

    public void configureRateLimit(boolean enabled, double perChatPerSecond, int perChatBurst, double globalPerSecond,
            int globalBurst) {
        rateLimiter.configure(new RateLimiter.Limits(enabled, perChatPerSecond, perChatBurst, globalPerSecond,
                globalBurst));
    }

    public synchronized void reset() {
        htmlRefusals.set(0);
        chats.clear();
        pendingUpdates.clear();
        openCallbacks.clear();
        openPreCheckouts.clear();
        charges.clear();
        files.clear();
        invoicePayloads.clear();
        webhook = null;
        lastErrorDate = null;
        lastErrorMessage = null;
        var limits = config.rateLimit();
        configureRateLimit(limits.enabled(), limits.perChatPerSecond(), limits.perChatBurst(),
                limits.globalPerSecond(), limits.globalBurst());
        notifyAll();
    }

    // ------------------------------------------------------------------ helpers

    private ChatState chat(long chatId) {
        ChatState chat = chats.get(chatId);
        if (chat == null) {
            throw BotApiException.badRequest("chat not found");
        }
        return chat;
    }

    private ChatState existingChat(long userId) {
        ChatState chat = chats.get(userId);
        if (chat == null) {
            throw new IllegalArgumentException("user " + userId + " has not talked to the bot yet: send a message first");
        }
        return chat;
    }

    private long newUpdate(String kind, JsonNode payload) {
        ObjectNode update = json.createObjectNode();
        long id = nextUpdateId++;
        update.put("update_id", id);
        update.set(kind, payload);
        enqueue(update);
        return id;
    }

    private void record(ChatState chat, BotAction.Builder action) {
        chat.actions.add(action.build(++seq, System.currentTimeMillis()));
        notifyAll();
    }

    private static List<String> callbackDataOf(Message message) {
        List<String> data = new ArrayList<>();
        JsonNode keyboard = message.replyMarkup() == null ? null : message.replyMarkup().get("inline_keyboard");
        if (keyboard != null) {
            keyboard.forEach(row -> row.forEach(button -> {
                if (button.hasNonNull("callback_data")) {
                    data.add(button.get("callback_data").asText());
                }
            }));
        }
        return data;
    }

    private String saveForPeople(long chatId, long messageId, String fileName, byte[] bytes) {
        if (config.documentDir().isEmpty()) {
            return null;
        }
        String safeName = Path.of(fileName == null || fileName.isBlank() ? "document" : fileName).getFileName()
                .toString().replaceAll("[^A-Za-z0-9._-]", "_");
        Path target = config.documentDir().get().resolve(chatId + "-" + messageId + "-" + safeName);
        try {
            Files.createDirectories(target.getParent());
            Files.write(target, bytes);
            return target.toAbsolutePath().toString();
        } catch (IOException e) {
            LOG.warnf("could not save a document to %s: %s", target, e.getMessage());
            return null;
        }
    }

    private static String key(long chatId, long messageId) {
        return chatId + "/" + messageId;
    }

    private static long now() {
        return System.currentTimeMillis() / 1000;
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Like Telegram's, update ids do not start over when the simulator restarts (consumers remember
     * the ids they handled): they start from the clock, one id per millisecond, below 2^31.
     */
    private static long firstUpdateId() {
        return 1_000_000_000L + System.currentTimeMillis() % 1_000_000_000L;
    }
}
