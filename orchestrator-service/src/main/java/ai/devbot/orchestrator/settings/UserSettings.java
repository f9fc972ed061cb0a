package ai.devbot.orchestrator.settings;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * What a user chose with /settings; a null field is the operator's default. {@code autoStartBelow}: work whose
 * quote reaches at most this many credits starts at once, above it the user is asked (0: always ask).
 */
@RegisterForReflection(registerFullHierarchy = true)
public record UserSettings(long userId, Long autoStartBelow) {

    /** The most a user may set: far above any quote, so "never ask" is expressible without overflow games. */
    public static final long MAX_AUTO_START = 100_000_000L;

    public static UserSettings defaults(long userId) {
        return new UserSettings(userId, null);
    }

    public UserSettings withAutoStartBelow(long credits) {
        if (credits < 0 || credits > MAX_AUTO_START) {
            throw new IllegalArgumentException("between 0 and " + MAX_AUTO_START + " credits");
        }
        return new UserSettings(userId, credits);
    }
}
