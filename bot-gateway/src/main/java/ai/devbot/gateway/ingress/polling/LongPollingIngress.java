package ai.devbot.gateway.ingress.polling;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;

import ai.devbot.gateway.config.GatewayConfig;
import ai.devbot.gateway.ingress.service.UpdateIngestion;
import ai.devbot.gateway.telegram.TelegramBotApi;
import io.smallrye.mutiny.Uni;

/**
 * The other ingress: {@code getUpdates} long polling, for a bot with no public HTTPS address.
 * One dedicated thread; each batch is published (all updates, concurrently, keyed by chat so
 * per-chat order holds) and only then is the offset advanced — an update is confirmed to Telegram
 * only once Kafka has it. A failed batch is polled again from the same offset after a pause.
 * Only one instance may poll a bot (Telegram answers 409 to a second poller).
 */
@ApplicationScoped
public class LongPollingIngress {

    private static final Logger LOG = Logger.getLogger(LongPollingIngress.class);

    private final TelegramBotApi telegram;
    private final UpdateIngestion ingestion;
    private final GatewayConfig config;
    private Thread poller;
    private volatile boolean running;
    private long offset;

    public LongPollingIngress(TelegramBotApi telegram, UpdateIngestion ingestion, GatewayConfig config) {
        this.telegram = telegram;
        this.ingestion = ingestion;
        this.config = config;
    }

    public synchronized boolean isRunning() {
        return running;
    }

    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        poller = new Thread(this::pollUntilStopped, "telegram-long-poll");
        poller.setDaemon(true);
        poller.start();
        LOG.info("long polling started");
    }

    @PreDestroy
    public void stop() {
        Thread stopping;
        synchronized (this) {
            if (!running) {
                return;
            }
            running = false;
            stopping = poller;
        }
        stopping.interrupt();
        try {
            stopping.join(config.ingress().pollTimeout().plusSeconds(5).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        LOG.info("long polling stopped");
    }

    private void pollUntilStopped() {
        Duration poll = config.ingress().pollTimeout();
        while (running) {
            try {
                var params = telegram.params().put("offset", offset).put("timeout", poll.toSeconds());
                config.webhook().allowedUpdates().forEach(params.withArray("allowed_updates")::add);
                JsonNode updates = telegram.call("getUpdates", params, poll.plus(config.telegram().callTimeout()))
                        .await().atMost(poll.plus(config.telegram().callTimeout()).plusSeconds(1));
                offset = publishAll(updates, offset);
            } catch (RuntimeException e) {
                if (!running) {
                    break;
                }
                LOG.warnf("long polling: %s; polling again from offset %d in %d ms", e.getMessage(), offset,
                        config.ingress().pollRetryDelay().toMillis());
                pause(config.ingress().pollRetryDelay());
            }
        }
    }

    /** Publishes a batch and returns the next offset; throws when any update was not acknowledged. */
    private long publishAll(JsonNode updates, long current) {
        List<Uni<UpdateIngestion.Outcome>> published = new ArrayList<>();
        long next = current;
        for (JsonNode update : updates) {
            long id = update.path("update_id").asLong();
            next = Math.max(next, id + 1);
            try {
                published.add(ingestion.ingest(update));
            } catch (IllegalArgumentException malformed) {
                LOG.warnf("long polling: skipped a malformed update: %s", malformed.getMessage());
            }
        }
        if (!published.isEmpty()) {
            Uni.join().all(published).andFailFast().await()
                    .atMost(config.ingress().publishTimeout().plusSeconds(1));
        }
        return next;
    }

    private void pause(Duration delay) {
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
