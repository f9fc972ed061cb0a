package ai.devbot.orchestrator.client.agent;

import java.time.temporal.ChronoUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import ai.devbot.orchestrator.client.Calls;
import io.smallrye.faulttolerance.api.AsynchronousNonBlocking;
import io.smallrye.mutiny.Uni;

/**
 * agent-service for the orchestrator. A model call is awaited without a thread (docs/adr/0012): the
 * answer arrives on the REST client's event loop and is read on a worker, where the caller's next
 * (blocking) work may run. Only an unreachable agent-service is retried here: every request carries a
 * callId, so a repeated call is metered under the same usage event ids. Provider failures were already
 * retried by the agent-service and come back as {@link AgentFailure}.
 */
@ApplicationScoped
public class Agent {

    private static final String NAME = "agent-service";

    private final AgentApi api;

    Agent(@RestClient AgentApi api) {
        this.api = api;
    }

    @AsynchronousNonBlocking
    @Retry(maxRetries = 3, delay = 1, delayUnit = ChronoUnit.SECONDS, retryOn = Calls.TransientFailure.class)
    @Timeout(value = 10, unit = ChronoUnit.MINUTES)
    public Uni<AgentRecords.Planned> plan(AgentRecords.PlanRequest request) {
        return call("plan", request, AgentRecords.Planned.class);
    }

    @AsynchronousNonBlocking
    @Retry(maxRetries = 3, delay = 1, delayUnit = ChronoUnit.SECONDS, retryOn = Calls.TransientFailure.class)
    @Timeout(value = 10, unit = ChronoUnit.MINUTES)
    public Uni<AgentRecords.Implemented> implement(AgentRecords.ImplementRequest request) {
        return call("implement", request, AgentRecords.Implemented.class);
    }

    @AsynchronousNonBlocking
    @Retry(maxRetries = 3, delay = 1, delayUnit = ChronoUnit.SECONDS, retryOn = Calls.TransientFailure.class)
    @Timeout(value = 10, unit = ChronoUnit.MINUTES)
    public Uni<AgentRecords.Reviewed> review(AgentRecords.ReviewRequest request) {
        return call("review", request, AgentRecords.Reviewed.class);
    }

    @AsynchronousNonBlocking
    @Retry(maxRetries = 3, delay = 1, delayUnit = ChronoUnit.SECONDS, retryOn = Calls.TransientFailure.class)
    @Timeout(value = 10, unit = ChronoUnit.MINUTES)
    public Uni<AgentRecords.Extended> extend(AgentRecords.ExtendRequest request) {
        return call("extend", request, AgentRecords.Extended.class);
    }

    @AsynchronousNonBlocking
    @Retry(maxRetries = 3, delay = 1, delayUnit = ChronoUnit.SECONDS, retryOn = Calls.TransientFailure.class)
    @Timeout(value = 10, unit = ChronoUnit.MINUTES)
    public Uni<AgentRecords.Readme> readme(AgentRecords.ReadmeRequest request) {
        return call("readme", request, AgentRecords.Readme.class);
    }

    @AsynchronousNonBlocking
    @Retry(maxRetries = 3, delay = 1, delayUnit = ChronoUnit.SECONDS, retryOn = Calls.TransientFailure.class)
    @Timeout(value = 10, unit = ChronoUnit.MINUTES)
    public Uni<AgentRecords.Onboarded> onboard(AgentRecords.OnboardRequest request) {
        return call("onboard", request, AgentRecords.Onboarded.class);
    }

    /** The most tokens each operation can be billed for with the tier's models ({@code tier} null: the default). */
    @Retry(maxRetries = 2, delay = 200, retryOn = Calls.TransientFailure.class)
    @Timeout(value = 10, unit = ChronoUnit.SECONDS)
    public java.util.List<AgentRecords.Limit> limits(String tier) {
        return Calls.call(NAME, () -> api.limits(tier));
    }

    /** The model tiers users can choose from. */
    @Retry(maxRetries = 2, delay = 200, retryOn = Calls.TransientFailure.class)
    @Timeout(value = 10, unit = ChronoUnit.SECONDS)
    public java.util.List<AgentRecords.Tier> tiers() {
        return Calls.call(NAME, api::tiers);
    }

    private <T> Uni<T> call(String operation, Object request, Class<T> type) {
        return Calls.responseLater(NAME, () -> api.call(operation, request)).map(response -> read(response, type));
    }

    private static <T> T read(Response response, Class<T> type) {
        if (response.getStatus() == 200) {
            return response.readEntity(type);
        }
        if (response.getStatus() >= 500) {
            // The provider failing after the agent's own retries: not retried again.
            throw new AgentFailure(503, "the model provider is failing right now; try again in a few minutes", null);
        }
        AgentRecords.Failure failure = response.hasEntity() ? response.readEntity(AgentRecords.Failure.class) : null;
        String message = failure == null || failure.error() == null ? "HTTP " + response.getStatus() : failure.error();
        throw new AgentFailure(response.getStatus(), message, failure == null ? null : failure.usage());
    }
}
