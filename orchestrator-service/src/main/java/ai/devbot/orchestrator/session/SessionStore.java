package ai.devbot.orchestrator.session;

import java.time.Duration;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.value.SetArgs;
import io.quarkus.redis.datasource.value.ValueCommands;

/**
 * Conversation state in Redis: one session per (chat, user) — a group chat's members each have
 * their own active project — and the ids of commands already handled.
 */
@ApplicationScoped
public class SessionStore {

    private static final String SESSION = "devbot:session:";
    private static final String HANDLED = "devbot:command:";
    /** Sessions of users who went quiet are forgotten after a while; their projects stay in project-store. */
    private static final Duration SESSION_TTL = Duration.ofDays(90);

    private final ValueCommands<String, String> values;
    private final ObjectMapper json;

    SessionStore(RedisDataSource redis, ObjectMapper json) {
        this.values = redis.value(String.class);
        this.json = json;
    }

    public Session get(long chatId, long userId) {
        return find(chatId, userId).orElseGet(() -> Session.fresh(chatId, userId));
    }

    public Optional<Session> find(long chatId, long userId) {
        String stored = values.get(SESSION + chatId + ":" + userId);
        if (stored == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(json.readValue(stored, Session.class));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("session of chat " + chatId + " is unreadable", e);
        }
    }

    public void save(Session session) {
        try {
            values.set(SESSION + session.chatId() + ":" + session.userId(), json.writeValueAsString(session),
                    new SetArgs().ex(SESSION_TTL));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public boolean handled(String commandId) {
        return values.get(HANDLED + commandId) != null;
    }

    /** Called only after the command's effects (replies, jobs, session) are stored. */
    public void markHandled(String commandId, Duration rememberFor) {
        values.set(HANDLED + commandId, "1", new SetArgs().ex(rememberFor));
    }
}
