package ai.devbot.gateway.config;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Everything the Telegram edge is tuned with; secrets come from the environment only. */
@ConfigMapping(prefix = "gateway")
public interface GatewayConfig {

    /** Where commands go (docs/contracts/bot-commands). */
    @WithDefault("bot-commands")
    String commandsTopic();

    Telegram telegram();

    Webhook webhook();

    Ingress ingress();

    Payments payments();

    Egress egress();

    ProjectStore projectStore();

    Documents documents();

    /** Files users send (zips to import): fetched from Telegram into a project-store upload. */
    interface Documents {
        /** Telegram's limit on files a bot downloads; a lower one may be set, never a higher one. */
        @WithDefault("20971520")
        long maxBytes();

        /** Bound on fetching one file from Telegram and storing it. */
        @WithDefault("60s")
        Duration timeout();
    }

    interface Telegram {
        /** Bot API base, without the {@code /bot<token>} part. */
        URI apiUrl();

        /** The bot token (Secret {@code TELEGRAM_BOT_TOKEN}); only ever part of request paths, never logged. */
        String botToken();

        /** The bot's username; commands addressed to another bot are ignored. Asked from getMe when absent. */
        Optional<String> botUsername();

        /** Bound on one Bot API call (long polls add their own poll timeout). */
        @WithDefault("10s")
        Duration callTimeout();
    }

    interface Webhook {
        /** Compared, in constant time, with {@code X-Telegram-Bot-Api-Secret-Token}. */
        String secret();

        /** Public HTTPS address Telegram posts to, used when the operator registers the webhook without one. */
        Optional<URI> publicUrl();

        /** The update kinds this bot handles; Telegram is told to send only these. */
        @WithDefault("message,callback_query,pre_checkout_query")
        List<String> allowedUpdates();

        /** Update ids remembered as already published, so Telegram's re-sends are not published again. */
        @WithDefault("100000")
        int rememberedUpdates();
    }

    interface Ingress {
        /** Where updates come from at start: WEBHOOK (Telegram posts) or POLLING (getUpdates). */
        @WithDefault("webhook")
        IngressMode mode();

        /** Long-poll length of one getUpdates call (Telegram allows up to 50 s). */
        @WithDefault("25s")
        Duration pollTimeout();

        /**
         * How long the long poller waits for a batch's acknowledgements. A webhook call needs no
         * bound of its own: the producer's delivery.timeout.ms (5 s) fails a send Kafka did not take.
         */
        @WithDefault("8s")
        Duration publishTimeout();

        /** Pause before polling again after a failed getUpdates or publish. */
        @WithDefault("2s")
        Duration pollRetryDelay();
    }

    interface Payments {
        /** Key billing signs invoice payloads with (Secret {@code STARS_PAYLOAD_SIGNING_KEY}). */
        String signingKey();

        /** An invoice older than this is refused at pre-checkout. */
        @WithDefault("24h")
        Duration invoiceTtl();
    }

    interface Egress {
        /** Bot-wide sending rate (Telegram: about 30 messages per second). */
        @WithDefault("30")
        int messagesPerSecond();

        /** Per-chat sending rate (Telegram: about one message per second). */
        @WithDefault("1")
        double chatMessagesPerSecond();

        /** Messages a quiet chat may receive at once before the per-chat rate applies. */
        @WithDefault("3")
        int chatBurst();

        /** Attempts for a reply failing transiently (network, 5xx) before it goes to the dead-letter topic. */
        @WithDefault("6")
        int maxAttempts();

        @WithDefault("500ms")
        Duration initialBackoff();

        @WithDefault("30s")
        Duration maxBackoff();

        /** Waiting replies in one chat's lane from which a new status edit supersedes the waiting ones of its message. */
        @WithDefault("5")
        int coalesceAfter();

        /** Waiting replies one chat may have; beyond it the oldest droppable one goes and the chat is told once. */
        @WithDefault("100")
        int maxPerChat();

        /** Replies accepted from Kafka and not yet performed; beyond it the consumer waits. */
        @WithDefault("10000")
        int maxPending();

        /** Status messages remembered (chat + statusKey → message id) for later edits. */
        @WithDefault("100000")
        int rememberedStatusMessages();

        /** Reply ids remembered as performed, so a re-delivered reply is not sent twice. */
        @WithDefault("100000")
        int rememberedReplies();
    }

    interface ProjectStore {
        /** Only documents under this base are fetched: a reply cannot make the gateway call elsewhere. */
        URI url();

        @WithDefault("service")
        String user();

        String password();

        /** Telegram's upload limit for bots. */
        @WithDefault("52428800")
        long maxDocumentBytes();

        @WithDefault("60s")
        Duration downloadTimeout();
    }
}
