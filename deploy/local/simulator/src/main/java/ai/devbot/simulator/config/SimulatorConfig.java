package ai.devbot.simulator.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "simulator")
public interface SimulatorConfig {

    Telegram telegram();

    Llm llm();

    interface Telegram {
        /** The only token the simulated Bot API accepts; others get Telegram's 401. */
        String botToken();

        @WithDefault("devbot_sim_bot")
        String botUsername();

        @WithDefault("DevBot (simulator)")
        String botName();

        /** Where documents the bot sends are also saved, so a person can open them. */
        Optional<Path> documentDir();

        RateLimit rateLimit();

        Webhook webhook();

        /** How long a paying user waits for the bot's answerPreCheckoutQuery (Telegram: 10 s). */
        @WithDefault("10s")
        Duration preCheckoutTimeout();
    }

    interface RateLimit {
        @WithDefault("true")
        boolean enabled();

        /** Sustained messages per second to one chat, and how many may come in a burst. */
        @WithDefault("1")
        double perChatPerSecond();

        @WithDefault("3")
        int perChatBurst();

        /** Sustained messages per second across all chats, and the burst. */
        @WithDefault("30")
        double globalPerSecond();

        @WithDefault("30")
        int globalBurst();
    }

    interface Webhook {
        /** First retry delay after a failed delivery; doubles up to {@link #maxRetryDelay()}. */
        @WithDefault("1s")
        Duration retryDelay();

        @WithDefault("30s")
        Duration maxRetryDelay();

        @WithDefault("10s")
        Duration requestTimeout();
    }

    interface Llm {
        /** API keys the LLM endpoints accept; empty means any non-blank key. */
        Optional<List<String>> acceptedKeys();

        /** Scenario files (YAML or JSON) loaded at start, first matching rule wins. */
        Optional<List<Path>> scenarioFiles();
    }
}
