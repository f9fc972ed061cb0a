package ai.devbot.orchestrator.job.service;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import ai.devbot.orchestrator.client.agent.AgentFailure;
import ai.devbot.orchestrator.client.agent.AgentRecords;
import ai.devbot.orchestrator.client.billing.Billing;
import ai.devbot.orchestrator.client.billing.BillingRecords;
import ai.devbot.orchestrator.job.model.Job;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;

/**
 * Runs one model call for a job the way money requires: credits are reserved before the call
 * (refused → no model is called), every metered call is charged by its usage event id (billing
 * charges an id once, whether it comes from here or from Kafka), and the reservation is closed,
 * releasing what the call did not use. The step id is the reservation id and the agent's callId,
 * so a step re-run after a crash holds, calls and charges nothing twice.
 */
@ApplicationScoped
public class ModelSteps {

    private static final Logger LOG = Logger.getLogger(ModelSteps.class);

    /** The user lacks the credits for this call; nothing was called. */
    public static class InsufficientCredits extends RuntimeException {
        public final transient BillingRecords.Shortfall shortfall;

        InsufficientCredits(BillingRecords.Shortfall shortfall) {
            super("insufficient credits");
            this.shortfall = shortfall;
        }
    }

    /** Telegram shows "typing" for about 5 s: a call that takes longer re-sends it. */
    private static final long TYPING_EVERY_SECONDS = 4;

    private final Billing billing;
    private final JobProgress progress;
    private final ScheduledExecutorService typing = Executors.newScheduledThreadPool(2, runnable -> {
        Thread thread = new Thread(runnable, "typing-refresh");
        thread.setDaemon(true);
        return thread;
    });

    private final WorstCase worstCase;
    private final ObjectMapper json;

    ModelSteps(Billing billing, JobProgress progress, WorstCase worstCase, ObjectMapper json) {
        this.billing = billing;
        this.progress = progress;
        this.worstCase = worstCase;
        this.json = json;
    }

    /** The request's size as agent-service receives it (UTF-8 JSON): a token is never less than a byte. */
    private long bytes(Object request) {
        try {
            return json.writeValueAsBytes(request).length;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    @PreDestroy
    void stop() {
        typing.shutdownNow();
    }

    /**
     * Holds the operation's worst case (at least {@code estimate}), sends the request built for the step's
     * call id, charges what the calls used and releases the rest. The hold is taken on the calling (worker)
     * thread; no thread waits for the answer; charging and releasing run on a worker when it arrives.
     */
    public <R, T> Uni<T> call(Job job, String operation, long estimate, Function<String, R> request,
            Function<R, Uni<T>> send, Function<T, AgentRecords.Usage> usageOf) {
        R built = request.apply(job.stepId);
        StepHolds.take(billing, job, Math.max(estimate, worstCase.credits(operation, bytes(built), job.tier)));
        AtomicInteger refreshes = new AtomicInteger();
        ScheduledFuture<?> stillTyping = typing.scheduleAtFixedRate(() -> {
            try {
                progress.typing(job, refreshes.incrementAndGet());
            } catch (RuntimeException e) {
                LOG.debugf("typing refresh for %s failed: %s", job.stepId, e.getMessage());
            }
        }, TYPING_EVERY_SECONDS, TYPING_EVERY_SECONDS, TimeUnit.SECONDS);
        return Uni.createFrom().deferred(() -> send.apply(built))
                .emitOn(Infrastructure.getDefaultWorkerPool())
                .invoke(result -> charge(job, operation, usageOf.apply(result)))
                .onFailure(AgentFailure.class).invoke(failure -> charge(job, operation, ((AgentFailure) failure).usage()))
                .eventually(() -> {
                    stillTyping.cancel(false);
                    StepHolds.close(billing, job);
                });
    }

    private void charge(Job job, String operation, AgentRecords.Usage usage) {
        for (AgentRecords.ModelCall call : usage.calls()) {
            if (call.eventId() == null) {
                continue;
            }
            long cost = billing.charge(new BillingRecords.Usage(call.eventId(), job.userId, job.id,
                    job.projectId, operation, call.provider(),
                    call.model(), call.keyAlias(), call.inputTokens(), call.outputTokens(), call.estimated(),
                    call.succeeded(), call.occurredAt(), job.currentTask()));
            job.charged(cost);
            job.simulated |= call.simulated();
        }
    }
}
