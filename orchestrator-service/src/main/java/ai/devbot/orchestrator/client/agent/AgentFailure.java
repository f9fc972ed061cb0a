package ai.devbot.orchestrator.client.agent;

/**
 * An operation that produced no usable result: the model's answer was unusable twice (422), the
 * provider failed or no key was usable (502/503). Carries what was billed, so it is still charged.
 */
public class AgentFailure extends RuntimeException {

    private final int status;
    private final AgentRecords.Usage usage;

    public AgentFailure(int status, String message, AgentRecords.Usage usage) {
        super(message);
        this.status = status;
        this.usage = usage == null ? AgentRecords.Usage.none() : usage;
    }

    public int status() {
        return status;
    }

    public AgentRecords.Usage usage() {
        return usage;
    }

    /** The model said something unusable (worth another attempt), rather than the provider being down. */
    public boolean unusableAnswer() {
        return status == 422;
    }
}
