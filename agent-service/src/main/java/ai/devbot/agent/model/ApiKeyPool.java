package ai.devbot.agent.model;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One provider's keys, handed out round-robin. A key that got 429 rests for its Retry-After; a
 * key the provider refused (invalid, revoked) is disabled and shown on health, and after
 * {@code recheckAfter} it is handed out once more as a probe: the call that uses it either brings it
 * back ({@link #worked}) or disables it again. Keys are known here only by their alias
 * ({@code <provider>-<n>}) to everything outside.
 */
public final class ApiKeyPool {

    /** A key as everyone else may see it: alias and state, never the key. */
    public record KeyState(String alias, String state, Instant restingUntil, String disabledBecause) {
    }

    /** The key to use for one call. */
    public record Lease(String alias, String key) {
        @Override
        public String toString() {
            return alias;
        }
    }

    private static final class Key {
        final String alias;
        final String secret;
        volatile Instant restingUntil = Instant.MIN;
        volatile String disabledBecause;
        volatile Instant recheckAt = Instant.MAX;

        Key(String alias, String secret) {
            this.alias = alias;
            this.secret = secret;
        }
    }

    private final String provider;
    private final List<Key> keys = new ArrayList<>();
    private final AtomicInteger next = new AtomicInteger();
    private final Clock clock;
    private final Duration recheckAfter;

    public ApiKeyPool(String provider, List<String> secrets, Clock clock) {
        this(provider, secrets, clock, Duration.ofMinutes(10));
    }

    public ApiKeyPool(String provider, List<String> secrets, Clock clock, Duration recheckAfter) {
        this.provider = provider;
        this.clock = clock;
        this.recheckAfter = recheckAfter;
        for (String secret : secrets) {
            if (!secret.isBlank()) {
                keys.add(new Key(provider + "-" + (keys.size() + 1), secret.strip()));
            }
        }
    }

    /** The next usable key, round-robin; fails at once when none is. */
    public Lease lease() {
        Instant now = clock.instant();
        int size = keys.size();
        for (int tried = 0; tried < size; tried++) {
            Key key = keys.get(Math.floorMod(next.getAndIncrement(), size));
            if (key.disabledBecause == null && !key.restingUntil.isAfter(now)) {
                return new Lease(key.alias, key.secret);
            }
            if (key.disabledBecause != null && !key.recheckAt.isAfter(now)) {
                // One probe per recheck period: until it answers, the key counts as disabled.
                key.recheckAt = now.plus(recheckAfter);
                return new Lease(key.alias, key.secret);
            }
        }
        throw new NoUsableKeyException(provider, describe(now));
    }

    public void rest(String alias, Duration duration) {
        find(alias).restingUntil = clock.instant().plus(duration);
    }

    public void disable(String alias, String reason) {
        Key key = find(alias);
        key.disabledBecause = reason;
        key.recheckAt = clock.instant().plus(recheckAfter);
    }

    /** A call with this key got an answer: a disabled key that was being re-checked is back. */
    public void worked(String alias) {
        Key key = find(alias);
        if (key.disabledBecause != null) {
            key.disabledBecause = null;
            key.recheckAt = Instant.MAX;
        }
    }

    /** Keys disabled now (they are re-checked later). */
    public long disabledCount() {
        return keys.stream().filter(key -> key.disabledBecause != null).count();
    }

    public int size() {
        return keys.size();
    }

    public List<KeyState> states() {
        Instant now = clock.instant();
        return keys.stream().map(key -> new KeyState(key.alias,
                key.disabledBecause != null ? "disabled" : key.restingUntil.isAfter(now) ? "resting" : "ready",
                key.restingUntil.isAfter(now) ? key.restingUntil : null, key.disabledBecause)).toList();
    }

    /** Some key is not disabled (a resting one comes back by itself). */
    public boolean hasUsableKeys() {
        return keys.stream().anyMatch(key -> key.disabledBecause == null);
    }

    private String describe(Instant now) {
        if (keys.isEmpty()) {
            return "no keys are configured";
        }
        long disabled = keys.stream().filter(key -> key.disabledBecause != null).count();
        Instant soonest = keys.stream().filter(key -> key.disabledBecause == null).map(key -> key.restingUntil)
                .min(Instant::compareTo).orElse(null);
        return disabled + " of " + keys.size() + " keys disabled (refused by the provider, re-checked every "
                + recheckAfter.toMinutes() + " min)"
                + (soonest == null ? "" : ", the others rest after 429s for up to "
                        + Math.max(1, Duration.between(now, soonest).toSeconds()) + " s");
    }

    private Key find(String alias) {
        return keys.stream().filter(key -> key.alias.equals(alias)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no key " + alias));
    }
}
