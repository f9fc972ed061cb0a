package ai.devbot.simulator.llm;

import jakarta.ws.rs.core.Response;

/** What both simulated providers do to every answer: real latency, and the simulator's mark. */
public final class SimulatedAnswer {

    public static final String HEADER = "X-Devbot-Simulator";

    private SimulatedAnswer() {
    }

    /** Slow answers are slow for real: the request thread waits, as a caller's timeout would see it. */
    public static void awaitLatency(LlmReply reply) {
        if (reply.delayMillis() <= 0) {
            return;
        }
        try {
            Thread.sleep(reply.delayMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public static Response marked(Response.ResponseBuilder response) {
        return response.header(HEADER, "true").build();
    }
}
