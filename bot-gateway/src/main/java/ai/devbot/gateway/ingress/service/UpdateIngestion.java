package ai.devbot.gateway.ingress.service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;

import ai.devbot.gateway.config.GatewayConfig;
import ai.devbot.gateway.ingress.BotCommand;
import ai.devbot.gateway.ingress.document.UserDocuments;
import ai.devbot.gateway.ingress.messaging.CommandPublisher;
import ai.devbot.gateway.support.RecentMap;
import ai.devbot.gateway.telegram.BotIdentity;
import ai.devbot.gateway.telegram.TelegramBotApi;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;

/**
 * One update in, whichever ingress it came by: mapped, pre-checkouts answered on the spot,
 * published to Kafka. The Uni completes only after Kafka acknowledged, and fails when it did not,
 * so the ingress can tell Telegram to send the update again.
 */
@ApplicationScoped
public class UpdateIngestion {

    private static final Logger LOG = Logger.getLogger(UpdateIngestion.class);

    public enum Outcome {
        PUBLISHED, ALREADY_PUBLISHED, IGNORED
    }

    private final UpdateMapper mapper;
    private final CommandPublisher publisher;
    private final TelegramBotApi telegram;
    private final UserDocuments documents;
    private static final Duration NOTICE_EVERY = Duration.ofHours(1);

    private final RecentMap<Long, Boolean> published;
    private final RecentMap<Long, Instant> noticed = new RecentMap<>(10_000);
    private final MeterRegistry metrics;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();

    public UpdateIngestion(GatewayConfig config, BotIdentity identity, InvoicePayloadVerifier invoices,
            CommandPublisher publisher, TelegramBotApi telegram, UserDocuments documents, MeterRegistry metrics) {
        this.documents = documents;
        this.mapper = new UpdateMapper(identity::username, invoices, Clock.systemUTC());
        this.publisher = publisher;
        this.telegram = telegram;
        this.published = new RecentMap<>(config.webhook().rememberedUpdates());
        this.metrics = metrics;
    }

    /** @throws IllegalArgumentException when the update has no numeric update_id */
    public Uni<Outcome> ingest(JsonNode update) {
        MappedUpdate mapped = mapper.map(update);
        if (mapped.ignored()) {
            count(mapped.kind(), "ignored");
            LOG.debugf("update %d ignored: %s", mapped.updateId(), mapped.ignoredBecause());
            return notify(mapped.notice()).replaceWith(Outcome.IGNORED);
        }
        if (published.containsKey(mapped.updateId())) {
            count(mapped.kind(), "duplicate");
            return Uni.createFrom().item(Outcome.ALREADY_PUBLISHED);
        }
        BotCommand mappedCommand = mapped.command();
        Uni<Void> answered = mappedCommand.kind() == BotCommand.Kind.PRE_CHECKOUT ? answer(mappedCommand.preCheckout())
                : Uni.createFrom().voidItem();
        // A file is fetched into project-store before its command goes out; the command carries the upload.
        Uni<BotCommand> command = mapped.fileId() == null ? Uni.createFrom().item(mappedCommand)
                : documents.bringIn(mappedCommand, mapped.fileId()).map(mappedCommand::withDocument);
        // Bounded by the producer's delivery.timeout.ms: Kafka acknowledges or the send fails, no timer needed here.
        return answered.chain(() -> command).chain(publisher::publish)
                .invoke(() -> {
                    published.put(mapped.updateId(), Boolean.TRUE);
                    count(mapped.kind(), "published");
                })
                .onFailure().invoke(() -> count(mapped.kind(), "failed"))
                .replaceWith(Outcome.PUBLISHED);
    }

    /**
     * Telegram cancels a payment not answered within 10 s, so the gateway answers itself. When the
     * update comes again (Kafka failed the first time) the second answer is refused by Telegram as
     * already given — that refusal is expected and does not stop the publish.
     */
    private Uni<Void> answer(BotCommand.PreCheckout query) {
        var params = telegram.params().put("pre_checkout_query_id", query.queryId()).put("ok", query.answeredOk());
        if (!query.answeredOk()) {
            params.put("error_message", query.errorMessage());
        }
        return telegram.call("answerPreCheckoutQuery", params)
                .onFailure().invoke(e -> LOG.warnf("answering pre-checkout query %s failed: %s", query.queryId(),
                        e.getMessage()))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }

    /** Tells a chat why the bot did not act — once per chat per {@link #NOTICE_EVERY}, so nobody can make it spam. */
    private Uni<Void> notify(MappedUpdate.Notice notice) {
        if (notice == null) {
            return Uni.createFrom().voidItem();
        }
        Instant now = Instant.now();
        synchronized (noticed) {
            Instant last = noticed.get(notice.chatId());
            if (last != null && last.plus(NOTICE_EVERY).isAfter(now)) {
                return Uni.createFrom().voidItem();
            }
            noticed.put(notice.chatId(), now);
        }
        var params = telegram.params().put("chat_id", notice.chatId()).put("text", notice.text());
        if (notice.threadId() != null) {
            params.put("message_thread_id", notice.threadId());
        }
        return telegram.call("sendMessage", params)
                .onFailure().invoke(e -> LOG.warnf("telling chat %d why it was ignored failed: %s", notice.chatId(),
                        e.getMessage()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    private void count(String kind, String outcome) {
        counters.computeIfAbsent(kind + "/" + outcome, key -> Counter.builder("devbot.gateway.updates")
                .description("Telegram updates received, by kind and outcome")
                .tag("kind", kind).tag("outcome", outcome).register(metrics)).increment();
    }
}
