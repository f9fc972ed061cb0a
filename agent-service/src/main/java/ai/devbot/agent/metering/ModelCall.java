package ai.devbot.agent.metering;

/** One HTTP call to a model, as metered: who paid with which key, and what it cost in tokens. */
public record ModelCall(String provider, String model, String keyAlias, long inputTokens, long outputTokens,
        boolean estimated, boolean succeeded, boolean simulated, String error) {
}
