package ai.devbot.gateway.ingress.service;

import java.net.URI;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;

import ai.devbot.gateway.config.GatewayConfig;
import ai.devbot.gateway.config.IngressMode;
import ai.devbot.gateway.ingress.polling.LongPollingIngress;
import ai.devbot.gateway.telegram.TelegramBotApi;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;

/**
 * Which ingress is live. Telegram allows one: a registered webhook makes getUpdates fail, so
 * switching to polling deletes the webhook first, and registering a webhook stops polling.
 */
@ApplicationScoped
public class IngressControl {

    private static final Logger LOG = Logger.getLogger(IngressControl.class);

    private final TelegramBotApi telegram;
    private final LongPollingIngress poller;
    private final GatewayConfig config;
    private final AtomicReference<IngressMode> mode;

    public IngressControl(TelegramBotApi telegram, LongPollingIngress poller, GatewayConfig config) {
        this.telegram = telegram;
        this.poller = poller;
        this.config = config;
        this.mode = new AtomicReference<>(config.ingress().mode());
    }

    void onStart(@Observes StartupEvent start) {
        if (mode.get() == IngressMode.POLLING) {
            usePolling().subscribe().with(ignored -> {
            }, e -> LOG.errorf("could not start long polling: %s", e.getMessage()));
        }
    }

    public IngressMode mode() {
        return mode.get();
    }

    /** Deletes any webhook (keeping pending updates) and starts polling. */
    public Uni<IngressMode> usePolling() {
        return telegram.call("deleteWebhook", telegram.params().put("drop_pending_updates", false))
                .invoke(() -> {
                    mode.set(IngressMode.POLLING);
                    poller.start();
                })
                .replaceWith(IngressMode.POLLING);
    }

    /**
     * Registers the webhook with the secret and the update kinds this bot handles, then stops
     * polling. Without a URL the configured public URL is used.
     */
    public Uni<JsonNode> useWebhook(URI url, boolean dropPendingUpdates, Integer maxConnections) {
        URI target = url != null ? url : config.webhook().publicUrl().orElseThrow(() -> new IllegalArgumentException(
                "no webhook URL given and gateway.webhook.public-url (TELEGRAM_WEBHOOK_URL) is not set"));
        if (!target.isAbsolute() || !("https".equals(target.getScheme()) || "http".equals(target.getScheme()))) {
            throw new IllegalArgumentException("the webhook URL must be an absolute https:// address");
        }
        var params = telegram.params().put("url", target.toString())
                .put("secret_token", config.webhook().secret())
                .put("drop_pending_updates", dropPendingUpdates);
        config.webhook().allowedUpdates().forEach(params.withArray("allowed_updates")::add);
        if (maxConnections != null) {
            params.put("max_connections", maxConnections);
        }
        return Uni.createFrom().item(() -> {
            poller.stop();
            return params;
        }).runSubscriptionOn(io.smallrye.mutiny.infrastructure.Infrastructure.getDefaultWorkerPool())
                .chain(p -> telegram.call("setWebhook", p))
                .invoke(() -> mode.set(IngressMode.WEBHOOK));
    }

    public Uni<JsonNode> webhookInfo() {
        return telegram.call("getWebhookInfo", telegram.params());
    }

    public Uni<JsonNode> deleteWebhook(boolean dropPendingUpdates) {
        return telegram.call("deleteWebhook", telegram.params().put("drop_pending_updates", dropPendingUpdates));
    }
}
