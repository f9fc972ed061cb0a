package ai.devbot.gateway.reply.service;

import java.time.Duration;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import ai.devbot.gateway.config.GatewayConfig;
import ai.devbot.gateway.telegram.TelegramApiException;
import ai.devbot.gateway.telegram.TelegramBotApi;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;

/**
 * One Bot API call made reliably: paced, retried after Telegram's {@code retry_after} on 429 and
 * with exponential backoff on network errors and 5xx, up to the configured attempts. Retries are
 * per call, never per reply, so a split message is not sent twice.
 */
@ApplicationScoped
class TelegramSender {

    private static final Logger LOG = Logger.getLogger(TelegramSender.class);
    /** Flood waits are Telegram telling us when; they do not use up attempts, but are bounded too. */
    private static final int MAX_FLOOD_WAITS = 20;

    private final TelegramBotApi api;
    private final SendPacing pacing;
    private final GatewayConfig.Egress egress;
    private final MeterRegistry metrics;

    TelegramSender(TelegramBotApi api, SendPacing pacing, GatewayConfig config, MeterRegistry metrics) {
        this.api = api;
        this.pacing = pacing;
        this.egress = config.egress();
        this.metrics = metrics;
    }

    ObjectNode params() {
        return api.params();
    }

    /** A message-like call: counts against the chat's and the bot's rates. */
    Uni<JsonNode> message(long chatId, String method, ObjectNode params) {
        return attempt(chatId, true, () -> api.call(method, params), 1, 0);
    }

    Uni<JsonNode> message(long chatId, Supplier<Uni<JsonNode>> call) {
        return attempt(chatId, true, call, 1, 0);
    }

    /** Chat actions and answers to queries: not messages, not paced. */
    Uni<JsonNode> unpaced(String method, ObjectNode params) {
        return attempt(0, false, () -> api.call(method, params), 1, 0);
    }

    private Uni<JsonNode> attempt(long chatId, boolean paced, Supplier<Uni<JsonNode>> call, int attempt, int floods) {
        Uni<Void> permit = paced ? pacing.permit(chatId) : Uni.createFrom().voidItem();
        return permit.chain(() -> call.get())
                .onFailure(TelegramApiException.class).recoverWithUni(e -> {
                    var failure = (TelegramApiException) e;
                    if (failure.isFloodControl() && floods < MAX_FLOOD_WAITS) {
                        Duration wait = failure.retryAfter().orElse(Duration.ofSeconds(1));
                        metrics.counter("devbot.gateway.telegram.flood.waits").increment();
                        LOG.debugf("%s: flood control, waiting %d s", failure.method(), wait.toSeconds());
                        return SendPacing.after(wait.toNanos()).chain(() -> attempt(chatId, paced, call, attempt, floods + 1));
                    }
                    if (failure.isTransient() && !failure.isFloodControl() && attempt < egress.maxAttempts()) {
                        Duration wait = backoff(attempt);
                        // Operators see Telegram trouble as it happens, not only when a reply finally fails.
                        LOG.infof("%s failed (%s), attempt %d of %d, retrying in %d ms", failure.method(),
                                failure.description(), attempt, egress.maxAttempts(), wait.toMillis());
                        return SendPacing.after(wait.toNanos()).chain(() -> attempt(chatId, paced, call, attempt + 1, floods));
                    }
                    return Uni.createFrom().failure(failure);
                });
    }

    private Duration backoff(int attempt) {
        Duration wait = egress.initialBackoff().multipliedBy(1L << Math.min(attempt - 1, 20));
        return wait.compareTo(egress.maxBackoff()) > 0 ? egress.maxBackoff() : wait;
    }
}
