package ai.devbot.simulator.telegram;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

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

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response receive(@HeaderParam("X-Telegram-Bot-Api-Secret-Token") String secret, JsonNode update) {
        if (FAILURES_TO_GIVE.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            return Response.serverError().build();
        }
        RECEIVED.add(new Received(secret, update));
        return Response.ok().build();
    }
}
