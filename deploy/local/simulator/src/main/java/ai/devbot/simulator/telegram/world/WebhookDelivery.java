package ai.devbot.simulator.telegram.world;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.node.ObjectNode;

import ai.devbot.simulator.config.SimulatorConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/**
 * Delivers queued updates to the webhook like Telegram: one POST per update, up to the webhook's
 * {@code max_connections} at once and one chat's in order, with the secret in
 * {@code X-Telegram-Bot-Api-Secret-Token}; a non-2xx answer or a connection error keeps the update
 * queued and retries it with a growing delay, recorded in getWebhookInfo.
 */
@ApplicationScoped
public class WebhookDelivery {

    private static final Logger LOG = Logger.getLogger(WebhookDelivery.class);
    static final String SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token";

    private final TelegramWorld world;
    private final SimulatorConfig.Webhook config;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private volatile boolean running;
    private volatile long retryAt = System.nanoTime();
    private Duration delay;
    private Thread worker;

    public WebhookDelivery(TelegramWorld world, SimulatorConfig config) {
        this.world = world;
        this.config = config.telegram().webhook();
        this.delay = this.config.retryDelay();
    }

    void start(@Observes StartupEvent event) {
        running = true;
        worker = new Thread(this::deliverForever, "webhook-delivery");
        worker.setDaemon(true);
        worker.start();
    }

    void stop(@Observes ShutdownEvent event) {
        running = false;
        if (worker != null) {
            worker.interrupt();
        }
    }

    /**
     * Takes each update as soon as the world allows it (max_connections, one chat's in order) and posts it without
     * waiting for the answer. After a failure nothing new is posted until the retry delay passed, as Telegram backs
     * off a failing webhook.
     */
    private void deliverForever() {
        while (running) {
            try {
                long pause = retryAt - System.nanoTime();
                if (pause > 0) {
                    TimeUnit.NANOSECONDS.sleep(pause);
                    continue;
                }
                Optional<ObjectNode> next = world.nextForWebhook(Duration.ofSeconds(1));
                Optional<TelegramWorld.Webhook> webhook = world.webhook();
                if (next.isEmpty()) {
                    continue;
                }
                long updateId = next.get().get("update_id").asLong();
                if (webhook.isEmpty()) {
                    world.deliveryFailed(updateId, "the webhook was removed");
                    continue;
                }
                post(webhook.get(), next.get()).thenAccept(failure -> answered(updateId, failure));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                LOG.warn("webhook delivery loop error", e);
            }
        }
    }

    private synchronized void answered(long updateId, String failure) {
        if (failure == null) {
            world.delivered(updateId);
            delay = config.retryDelay();
            return;
        }
        world.deliveryFailed(updateId, failure);
        LOG.debugf("webhook delivery of update %d failed: %s; retrying in %s", updateId, failure, delay);
        retryAt = System.nanoTime() + delay.toNanos();
        delay = delay.multipliedBy(2).compareTo(config.maxRetryDelay()) > 0 ? config.maxRetryDelay() : delay.multipliedBy(2);
    }

    /** Completes with null when delivered, else Telegram-style last_error_message. */
    private CompletableFuture<String> post(TelegramWorld.Webhook webhook, ObjectNode update) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(webhook.url()))
                .timeout(config.requestTimeout())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(update.toString()));
        if (webhook.secretToken() != null) {
            request.header(SECRET_HEADER, webhook.secretToken());
        }
        return http.sendAsync(request.build(), HttpResponse.BodyHandlers.discarding()).handle((response, error) -> {
            if (error != null) {
                return "Connection refused";
            }
            int status = response.statusCode();
            return status >= 200 && status < 300 ? null : "Wrong response from the webhook: " + status;
        });
    }
}
