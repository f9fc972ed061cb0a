package ai.devbot.agent.metering;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The operation model calls are made for (job, user, project) and the calls made so far. It is passed along
 * with each call: an operation's calls answer on whatever thread their answer arrives on, one after another.
 */
public final class CallScope {

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

    public static CallScope of(String operation, String jobId, long userId, Long projectId, String callId) {
        return new CallScope(operation, jobId, userId, projectId, callId);
    }

    /** Numbers the call (its usage event id) and adds it: the calls are sequential, their threads are not. */
    synchronized ModelCall record(ModelCall unmetered, Instant at) {
        ModelCall call = unmetered.metered(nextEventId(), at);
        calls.add(call);
        return call;
    }

    /**
     * The usage event id of the next call: derived from the caller's request id when it gave one
     * (a repeated request re-uses the ids, so billing charges it once), random otherwise.
     */
    private String nextEventId() {
        return callId == null ? UUID.randomUUID().toString() : callId + "#" + (calls.size() + 1);
    }

    public synchronized List<ModelCall> calls() {
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
}
