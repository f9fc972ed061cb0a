package ai.devbot.simulator.llm;

/** Slow answers are slow for real: the request thread waits, as a caller's timeout would see it. */
public final class SimulatedLatency {

    private SimulatedLatency() {
    }

    public static void apply(LlmReply reply) {
        if (reply.delayMillis() <= 0) {
            return;
        }
        try {
            Thread.sleep(reply.delayMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
