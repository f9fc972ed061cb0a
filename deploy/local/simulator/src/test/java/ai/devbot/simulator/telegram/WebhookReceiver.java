package ai.devbot.simulator.telegram;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.databind.JsonNode;

/** A bot's webhook for tests: records what arrives, and can fail the first deliveries. */
@Path("/test-webhook")
public class WebhookReceiver {

    public record Received(String secret, JsonNode update) {
    }

    static final List<Received> RECEIVED = new CopyOnWriteArrayList<>();
    static final AtomicInteger FAILURES_TO_GIVE = new AtomicInteger();
    /** How long each delivery is held before it is answered; how many were open at once, at most. */
    static final AtomicLong HOLD_MS = new AtomicLong();
    static final AtomicInteger OPEN = new AtomicInteger();
    static final AtomicInteger MOST_OPEN = new AtomicInteger();
    /** Chats that had two deliveries open at once (Telegram keeps one chat's updates in order). */
    static final Set<Long> OVERLAPPING_CHATS = ConcurrentHashMap.newKeySet();
    private static final Set<Long> OPEN_CHATS = ConcurrentHashMap.newKeySet();

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response receive(@HeaderParam("X-Telegram-Bot-Api-Secret-Token") String secret, JsonNode update) {
        if (FAILURES_TO_GIVE.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            return Response.serverError().build();
        }
        long chat = update.path("message").path("chat").path("id").asLong();
        MOST_OPEN.accumulateAndGet(OPEN.incrementAndGet(), Math::max);
        if (!OPEN_CHATS.add(chat)) {
            OVERLAPPING_CHATS.add(chat);
        }
        try {
            Thread.sleep(HOLD_MS.get());
            RECEIVED.add(new Received(secret, update));
            return Response.ok().build();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Response.serverError().build();
        } finally {
            OPEN_CHATS.remove(chat);
            OPEN.decrementAndGet();
        }
    }
}
