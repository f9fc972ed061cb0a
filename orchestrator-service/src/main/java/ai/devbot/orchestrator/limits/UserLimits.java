package ai.devbot.orchestrator.limits;

import java.time.Clock;
import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import ai.devbot.orchestrator.config.OrchestratorConfig;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.keys.KeyCommands;
import io.quarkus.redis.datasource.value.ValueCommands;

/**
 * How much one user may ask for: commands per minute (a fixed one-minute window in Redis, shared by
 * every replica) — payments are never limited. Concurrent jobs are counted by the job store.
 */
@ApplicationScoped
public class UserLimits {

    private static final String WINDOW = "devbot:rate:";

    /** A command's verdict: allowed, refused with a message, or refused quietly (already told this minute). */
    public enum Verdict {
        ALLOWED, REFUSED_TELL, REFUSED_QUIETLY
    }

    private final ValueCommands<String, Long> counters;
    private final KeyCommands<String> keys;
    private final OrchestratorConfig.Limits config;
    private final Clock clock;

    @Inject
    UserLimits(RedisDataSource redis, OrchestratorConfig config) {
        this(redis, config.limits(), Clock.systemUTC());
    }

    UserLimits(RedisDataSource redis, OrchestratorConfig.Limits config, Clock clock) {
        this.counters = redis.value(Long.class);
        this.keys = redis.key();
        this.config = config;
        this.clock = clock;
    }

    /** Counts one command of the user against this minute's window. */
    public Verdict command(long userId) {
        long minute = clock.millis() / 60_000;
        String key = WINDOW + userId + ":" + minute;
        long count = counters.incr(key);
        if (count == 1) {
            keys.expire(key, Duration.ofMinutes(2));
        }
        if (count <= config.commandsPerMinute()) {
            return Verdict.ALLOWED;
        }
        // One message per window: a flood of commands gets one answer, not one each.
        return count == config.commandsPerMinute() + 1 ? Verdict.REFUSED_TELL : Verdict.REFUSED_QUIETLY;
    }

    public int commandsPerMinute() {
        return config.commandsPerMinute();
    }

    public int concurrentJobs() {
        return config.concurrentJobs();
    }
}
