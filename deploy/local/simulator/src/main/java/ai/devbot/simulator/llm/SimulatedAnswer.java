package ai.devbot.simulator.llm;

import java.time.Duration;

import jakarta.ws.rs.core.Response;

import io.smallrye.mutiny.Uni;

/** What both simulated providers do to every answer: real latency, and the simulator's mark. */
public final class SimulatedAnswer {

    public static final String HEADER = "X-Devbot-Simulator";

    private SimulatedAnswer() {
    }

    /**
     * Slow answers are slow for real, as a caller's timeout sees them — and no thread waits for them: a timer
     * sends the answer, so a thousand delayed calls at once cost a thousand timers, not a thousand threads.
     */
    public static Uni<Response> after(LlmReply reply, Response response) {
        Uni<Response> answer = Uni.createFrom().item(response);
        return reply.delayMillis() <= 0 ? answer : answer.onItem().delayIt().by(Duration.ofMillis(reply.delayMillis()));
    }

    public static Uni<Response> now(Response response) {
        return Uni.createFrom().item(response);
    }

    public static Response marked(Response.ResponseBuilder response) {
        return response.header(HEADER, "true").build();
    }
}
