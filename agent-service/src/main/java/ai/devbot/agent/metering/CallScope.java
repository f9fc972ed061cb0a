package ai.devbot.agent.metering;

import java.util.ArrayList;
import java.util.List;

/**
 * The operation the model calls on this thread are made for (job, user, project) and the calls
 * made so far. AI services call their model synchronously on the caller's thread, so a
 * thread-bound scope reaches the model without passing through LangChain4j.
 */
public final class CallScope implements AutoCloseable {

    private static final ThreadLocal<CallScope> CURRENT = new ThreadLocal<>();

    private final String operation;
    private final String jobId;
    private final long userId;
    private final String projectId;
    private final List<ModelCall> calls = new ArrayList<>();

    private CallScope(String operation, String jobId, long userId, String projectId) {
        this.operation = operation;
        this.jobId = jobId;
        this.userId = userId;
        this.projectId = projectId;
    }

    public static CallScope open(String operation, String jobId, long userId, String projectId) {
        if (CURRENT.get() != null) {
            throw new IllegalStateException("a call scope is already open on this thread");
        }
        CallScope scope = new CallScope(operation, jobId, userId, projectId);
        CURRENT.set(scope);
        return scope;
    }

    public static CallScope current() {
        CallScope scope = CURRENT.get();
        if (scope == null) {
            throw new IllegalStateException("model called outside an operation: nothing to bill it to");
        }
        return scope;
    }

    void record(ModelCall call) {
        calls.add(call);
    }

    public List<ModelCall> calls() {
        return List.copyOf(calls);
    }

    public String operation() {
        return operation;
    }

    public String jobId() {
        return jobId;
    }

    public long userId() {
        return userId;
    }

    public String projectId() {
        return projectId;
    }

    @Override
    public void close() {
        CURRENT.remove();
    }
}
