package ai.devbot.gateway.config;

/** How updates reach the gateway: Telegram posts them, or the gateway long-polls getUpdates. */
public enum IngressMode {
    WEBHOOK,
    POLLING
}
