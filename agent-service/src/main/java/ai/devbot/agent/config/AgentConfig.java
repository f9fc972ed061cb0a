package ai.devbot.agent.config;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The two named models and how calls to them are made; keys come from Secrets only. */
@ConfigMapping(prefix = "agent")
public interface AgentConfig {

    /**
     * The models calls can be made to: at least {@code architect} (Gemini) and {@code implementer} (OpenAI-compatible,
     * OpenRouter by default), and whichever others the tiers name.
     */
    Map<String, Model> models();

    /**
     * The model tiers a user chooses per project ({@code /model}): each names its architect and implementer among
     * {@link #models()}. None configured: one tier, {@link #defaultTier()}, of {@code architect} and {@code implementer}.
     */
    Map<String, Tier> tiers();

    /** The tier of a request that names none. */
    @WithDefault("standard")
    String defaultTier();

    interface Tier {
        @WithDefault("architect")
        String architect();

        @WithDefault("implementer")
        String implementer();

        /** What users read on its button, e.g. "Economy — Qwen2.5 Coder writes". */
        Optional<String> label();
    }

    /**
     * What the sandbox can run (sandbox-service's toolchains, offline): the Architect plans projects for these
     * only, each named with its check command.
     */
    @WithDefault("Python 3.11 with pytest (check: python3 -m pytest -q; setup may pip install into a venv from PyPI),"
            + "Node.js 20 (check: node --test or npm test; setup may npm ci from the npm registry)")
    List<String> sandboxStacks();

    /** Topic usage events go to (docs/contracts/billing-usage). */
    @WithDefault("billing-usage")
    String usageTopic();

    interface Model {
        Provider provider();

        /** API base: Gemini's {@code …/v1beta}, or an OpenAI-compatible {@code …/v1}. */
        URI baseUrl();

        /** Model id as the provider names it. */
        String model();

        /** The pool's keys (a comma-separated Secret); never logged, never in events. */
        List<String> keys();

        @WithDefault("0.2")
        double temperature();

        @WithDefault("8192")
        int maxTokens();

        @WithDefault("120s")
        Duration timeout();

        /** Retries of a failed call (5xx, 429, no answer), each with the next usable key. */
        @WithDefault("2")
        int maxRetries();

        @WithDefault("500ms")
        Duration retryDelay();

        /** How long a key rests after a 429 that names no Retry-After. */
        @WithDefault("30s")
        Duration cooldown();

        /** How long a key the provider refused (invalid, revoked) stays disabled before one call tries it again. */
        @WithDefault("10m")
        Duration keyRecheckAfter();

        /**
         * Implementer only: how the model writes its changes. Unset: what suits the model by published results
         * ({@code model.EditFormats}).
         */
        Optional<EditFormat> editFormat();

        /** OpenRouter's optional attribution headers (HTTP-Referer, X-Title). */
        Map<String, String> headers();

        /** A label for billing and metrics, e.g. {@code openrouter}; defaults to the provider. */
        Optional<String> providerName();
    }

    enum Provider {
        GEMINI, OPENAI
    }

    enum EditFormat {
        SEARCH_REPLACE, WHOLE_FILE
    }
}
