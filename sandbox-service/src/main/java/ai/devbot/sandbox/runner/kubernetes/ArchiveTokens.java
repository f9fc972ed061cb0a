package ai.devbot.sandbox.runner.kubernetes;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * One-use, short-lived tokens under which a run's Job fetches its project archive from this service, so no
 * credential of the platform ever reaches the sandbox namespace. A token is consumed by its first fetch.
 */
@ApplicationScoped
public class ArchiveTokens {

    private record Entry(byte[] archive, long expiresAt) {
    }

    private final SecureRandom random = new SecureRandom();
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();

    public String issue(byte[] archive, Duration ttl) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String token = HexFormat.of().formatHex(bytes);
        entries.put(token, new Entry(archive, System.nanoTime() + ttl.toNanos()));
        entries.entrySet().removeIf(e -> e.getValue().expiresAt() < System.nanoTime());
        return token;
    }

    /** The archive once; empty for an unknown, used or expired token. */
    public Optional<byte[]> take(String token) {
        Entry entry = token == null ? null : entries.remove(token);
        return entry == null || entry.expiresAt() < System.nanoTime() ? Optional.empty() : Optional.of(entry.archive());
    }

    public void revoke(String token) {
        entries.remove(token);
    }
}
