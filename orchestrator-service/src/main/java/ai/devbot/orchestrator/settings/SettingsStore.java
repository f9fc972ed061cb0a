package ai.devbot.orchestrator.settings;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import ai.devbot.orchestrator.config.OrchestratorConfig;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.value.ValueCommands;

/** Each user's /settings in Redis, one record per user (kept until changed: a setting is a choice, not a cache). */
@ApplicationScoped
public class SettingsStore {

    private static final String SETTINGS = "devbot:settings:";

    private final ValueCommands<String, String> values;
    private final ObjectMapper json;
    private final long defaultAutoStartBelow;

    SettingsStore(RedisDataSource redis, ObjectMapper json, OrchestratorConfig config) {
        this.values = redis.value(String.class);
        this.json = json;
        this.defaultAutoStartBelow = config.quoting().autoStartBelow();
    }

    public UserSettings get(long userId) {
        String stored = values.get(SETTINGS + userId);
        if (stored == null) {
            return UserSettings.defaults(userId);
        }
        try {
            return json.readValue(stored, UserSettings.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("settings of user " + userId + " are unreadable", e);
        }
    }

    public void save(UserSettings settings) {
        try {
            values.set(SETTINGS + settings.userId(), json.writeValueAsString(settings));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The user's auto-start threshold, or the operator's default. */
    public long autoStartBelow(long userId) {
        Long chosen = get(userId).autoStartBelow();
        return chosen == null ? defaultAutoStartBelow : chosen;
    }

    public long defaultAutoStartBelow() {
        return defaultAutoStartBelow;
    }
}
