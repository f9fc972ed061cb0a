package ai.devbot.agent.metering;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

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
    private final Long projectId;
    private final String callId;
    private final List<ModelCall> calls = new ArrayList<>();

    private CallScope(String operation, String jobId, long userId, Long projectId, String callId) {
        this.operation = operation;
        this.jobId = jobId;
        this.userId = userId;
        this.projectId = projectId;
        this.callId = callId;
    }

    public static CallScope open(String operation, String jobId, long userId, Long projectId, String callId) {
        if (CURRENT.get() != null) {
            throw new IllegalStateException("a call scope is already open on this thread");
        }
        CallScope scope = new CallScope(operation, jobId, userId, projectId, callId);
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

    /**
     * The usage event id of the next call: derived from the caller's request id when it gave one
     * (a repeated request re-uses the ids, so billing charges it once), random otherwise.
     */
    String nextEventId() {
        return callId == null ? UUID.randomUUID().toString() : callId + "#" + (calls.size() + 1);
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

    public Long projectId() {
        return projectId;
    }

    @Override
    public void close() {
        CURRENT.remove();
    }
}
