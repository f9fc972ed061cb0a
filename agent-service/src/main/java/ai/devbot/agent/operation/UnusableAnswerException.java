package ai.devbot.agent.operation;

import java.util.List;

import ai.devbot.agent.metering.ModelCall;

/** The model answered twice (once corrected) and neither answer could be used; its calls were still billed. */
public class UnusableAnswerException extends RuntimeException {

    private final List<ModelCall> calls;

    public UnusableAnswerException(String message, List<ModelCall> calls) {
        super(message);
        this.calls = calls;
    }

    public List<ModelCall> calls() {
        return calls;
    }
}
