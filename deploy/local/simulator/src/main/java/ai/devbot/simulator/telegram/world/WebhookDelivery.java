package ai.devbot.simulator.telegram.world;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.node.ObjectNode;

import ai.devbot.simulator.config.SimulatorConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/**
 * Delivers queued updates to the webhook like Telegram: one POST per update, in order, with the
 * secret in {@code X-Telegram-Bot-Api-Secret-Token}; a non-2xx answer or a connection error keeps
 * the update queued and retries it with a growing delay, recorded in getWebhookInfo.
 */
@ApplicationScoped
public class WebhookDelivery {

    private static final Logger LOG = Logger.getLogger(WebhookDelivery.class);
    static final String SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token";

    private final TelegramWorld world;
    private final SimulatorConfig.Webhook config;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private volatile boolean running;
    private Thread worker;

    public WebhookDelivery(TelegramWorld world, SimulatorConfig config) {
        this.world = world;
        this.config = config.telegram().webhook();
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

    private void deliverForever() {
        Duration delay = config.retryDelay();
        while (running) {
            try {
                Optional<ObjectNode> next = world.nextForWebhook(Duration.ofSeconds(1));
                Optional<TelegramWorld.Webhook> webhook = world.webhook();
                if (next.isEmpty() || webhook.isEmpty()) {
                    continue;
                }
                String failure = post(webhook.get(), next.get());
                if (failure == null) {
                    world.delivered(next.get().get("update_id").asLong());
                    delay = config.retryDelay();
                } else {
                    world.deliveryFailed(failure);
                    LOG.debugf("webhook delivery of update %s failed: %s; retrying in %s",
                            next.get().get("update_id"), failure, delay);
                    Thread.sleep(delay.toMillis());
                    delay = delay.multipliedBy(2).compareTo(config.maxRetryDelay()) > 0 ? config.maxRetryDelay()
                            : delay.multipliedBy(2);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                LOG.warn("webhook delivery loop error", e);
            }
        }
    }

    /** Null when delivered, else Telegram-style last_error_message. */
    private String post(TelegramWorld.Webhook webhook, ObjectNode update) throws InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(webhook.url()))
                .timeout(config.requestTimeout())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(update.toString()));
        if (webhook.secretToken() != null) {
            request.header(SECRET_HEADER, webhook.secretToken());
        }
        try {
            HttpResponse<Void> response = http.send(request.build(), HttpResponse.BodyHandlers.discarding());
            int status = response.statusCode();
            return status >= 200 && status < 300 ? null : "Wrong response from the webhook: " + status;
        } catch (java.io.IOException e) {
            return "Connection refused";
        }
    }
}
