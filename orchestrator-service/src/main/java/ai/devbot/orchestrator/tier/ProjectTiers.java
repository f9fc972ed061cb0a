package ai.devbot.orchestrator.tier;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.value.ValueCommands;

/** The model tier each project's jobs use, as its owner chose with /model (none chosen: the default tier). */
@ApplicationScoped
public class ProjectTiers {

    private static final String KEY = "devbot:project-tier:";

    private final ValueCommands<String, String> values;

    ProjectTiers(RedisDataSource redis) {
        this.values = redis.value(String.class);
    }

    /** The project's tier, or null for the default. */
    public String of(long projectId) {
        return values.get(KEY + projectId);
    }

    /** {@code tier} null: back to the default. */
    public void choose(long projectId, String tier) {
        if (tier == null) {
            values.getdel(KEY + projectId);
        } else {
            values.set(KEY + projectId, tier);
        }
    }
}
