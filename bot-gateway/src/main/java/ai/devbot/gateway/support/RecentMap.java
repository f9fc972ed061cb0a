package ai.devbot.gateway.support;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The last {@code capacity} entries written, the oldest forgotten first. The gateway's memory of
 * recent update ids, reply ids and status messages: it saves repeated work, while the consumers
 * downstream stay idempotent by their own keys — forgetting (or a restart) is harmless.
 */
public final class RecentMap<K, V> {

    private final Map<K, V> entries;

    public RecentMap(int capacity) {
        this.entries = new LinkedHashMap<>(Math.min(capacity, 1 << 16), 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
                return size() > capacity;
            }
        };
    }

    public synchronized V get(K key) {
        return entries.get(key);
    }

    public synchronized boolean containsKey(K key) {
        return entries.containsKey(key);
    }

    public synchronized void put(K key, V value) {
        entries.put(key, value);
    }
}
