package ai.devbot.gateway.telegram;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import ai.devbot.gateway.config.GatewayConfig;
import io.quarkus.runtime.StartupEvent;

/** The bot's own username: from config, or asked from Telegram ({@code getMe}) at start. */
@ApplicationScoped
public class BotIdentity {

    private static final Logger LOG = Logger.getLogger(BotIdentity.class);

    private final AtomicReference<String> username = new AtomicReference<>();
    private final TelegramBotApi api;

    public BotIdentity(GatewayConfig config, TelegramBotApi api) {
        this.api = api;
        config.telegram().botUsername().map(name -> name.startsWith("@") ? name.substring(1) : name)
                .ifPresent(username::set);
    }

    public Optional<String> username() {
        return Optional.ofNullable(username.get());
    }

    void askTelegram(@Observes StartupEvent start) {
        if (username.get() != null) {
            return;
        }
        api.call("getMe", api.params()).subscribe().with(
                me -> {
                    username.compareAndSet(null, me.path("username").asText(null));
                    LOG.infof("bot identity: @%s", username.get());
                },
                failure -> LOG.warnf("getMe failed (%s); commands addressed to other bots are not told apart "
                        + "until gateway.telegram.bot-username is set", failure.getMessage()));
    }
}
