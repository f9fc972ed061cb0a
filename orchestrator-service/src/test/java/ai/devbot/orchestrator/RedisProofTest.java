package ai.devbot.orchestrator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.value.SetArgs;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class RedisProofTest {

    @Inject
    RedisDataSource redis;

    @Test
    void aKeyWrittenWithExpiryIsReadBackThenDeleted() {
        String key = "proof:" + UUID.randomUUID();
        var values = redis.value(String.class);
        values.set(key, "active-project=17", new SetArgs().ex(60));

        assertEquals("active-project=17", values.get(key));
        long ttl = redis.key().ttl(key);
        assertTrue(ttl > 0 && ttl <= 60, "expiry set on the key, got " + ttl);

        redis.key().del(key);
        assertNull(values.get(key));
    }
}
