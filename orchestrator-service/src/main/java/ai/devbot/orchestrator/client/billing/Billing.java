package ai.devbot.orchestrator.client.billing;

import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import ai.devbot.orchestrator.client.Calls;
import ai.devbot.orchestrator.client.ServiceUnavailableException;

/**
 * billing-service for the orchestrator. Every call it makes is idempotent on billing's side
 * (reservation ids, event ids, charge ids), so retrying a transient failure is safe.
 */
@ApplicationScoped
public class Billing {

    private static final String NAME = "billing-service";

    /** A reservation: held, or refused for lack of credits (with billing's numbers). */
    public record Reservation(boolean held, BillingRecords.Shortfall shortfall) {
    }

    /** A payment: the credits it granted, or why it was refused. */
    public record PaymentOutcome(BillingRecords.Purchased purchase, String refusal) {
    }

    private final BillingApi api;

    Billing(@RestClient BillingApi api) {
        this.api = api;
    }

    @Retry(maxRetries = 3, delay = 200, jitter = 100, retryOn = Calls.TransientFailure.class)
    @Timeout(value = 10, unit = ChronoUnit.SECONDS)
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.75, delay = 10, delayUnit = ChronoUnit.SECONDS,
            failOn = Calls.TransientFailure.class)
    public BillingRecords.Account ensureAccount(long userId) {
        return Calls.call(NAME, () -> api.ensure(new BillingRecords.EnsureAccount(userId)));
    }

    @Retry(maxRetries = 3, delay = 200, jitter = 100, retryOn = Calls.TransientFailure.class)
    @Timeout(value = 10, unit = ChronoUnit.SECONDS)
    public Optional<BillingRecords.Account> account(long userId) {
        Response response = Calls.response(NAME, () -> api.account(userId));
        return response.getStatus() == 404 ? Optional.empty()
                : Optional.of(expect(response, 200).readEntity(BillingRecords.Account.class));
    }

    @Retry(maxRetries = 3, delay = 200, jitter = 100, retryOn = Calls.TransientFailure.class)
    @Timeout(value = 10, unit = ChronoUnit.SECONDS)
    public List<BillingRecords.Entry> recentEntries(long userId, int size) {
        return Calls.call(NAME, () -> api.recentEntries(userId, size));
    }

    /** Holds {@code amount} for a model call; the same id again answers the first outcome. */
    @Retry(maxRetries = 3, delay = 200, jitter = 100, retryOn = Calls.TransientFailure.class)
    @Timeout(value = 10, unit = ChronoUnit.SECONDS)
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.75, delay = 10, delayUnit = ChronoUnit.SECONDS,
            failOn = Calls.TransientFailure.class)
    public Reservation reserve(String reservationId, long userId, String jobId, long amount) {
        Response response = Calls.response(NAME,
                () -> api.reserve(new BillingRecords.Reserve(reservationId, userId, jobId, amount)));
        if (response.getStatus() == 402) {
            return new Reservation(false, response.readEntity(BillingRecords.Shortfall.class));
        }
        if (response.getStatus() == 404) {
            // No account yet (a user who never sent /start): create it and hold again.
            ensureAccount(userId);
            return reserve(reservationId, userId, jobId, amount);
        }
        expect(response, 200, 201);
        return new Reservation(true, null);
    }

    /** Closes a reservation and releases what its calls did not consume; an unknown one is already gone. */
    @Retry(maxRetries = 3, delay = 200, jitter = 100, retryOn = Calls.TransientFailure.class)
    @Timeout(value = 10, unit = ChronoUnit.SECONDS)
    public void close(String reservationId) {
        Response response = Calls.response(NAME, () -> api.settle(reservationId, new BillingRecords.Settle()));
        if (response.getStatus() != 404) {
            expect(response, 200);
        }
    }

    /** Charges one metered model call (once per event id, however often it is sent) and answers its cost. */
    @Retry(maxRetries = 3, delay = 200, jitter = 100, retryOn = Calls.TransientFailure.class)
    @Timeout(value = 10, unit = ChronoUnit.SECONDS)
    public long charge(BillingRecords.Usage usage) {
        return Calls.call(NAME, () -> api.charge(usage)).cost();
    }

    @Retry(maxRetries = 2, delay = 200, retryOn = Calls.TransientFailure.class)
    @Timeout(value = 10, unit = ChronoUnit.SECONDS)
    public BillingRecords.Price price(String provider, String model) {
        return Calls.call(NAME, () -> api.price(provider, model));
    }

    @Retry(maxRetries = 2, delay = 200, retryOn = Calls.TransientFailure.class)
    @Timeout(value = 10, unit = ChronoUnit.SECONDS)
    /** What recent tasks cost; {@code model}: only tasks implemented with that model (null: all). */
    public BillingRecords.TaskSpend taskSpend(String model) {
        return Calls.call(NAME, () -> api.taskSpend(model));
    }

    @Retry(maxRetries = 2, delay = 200, retryOn = Calls.TransientFailure.class)
    @Timeout(value = 10, unit = ChronoUnit.SECONDS)
    public List<BillingRecords.ProjectSpend> spendByProject(long userId, int size) {
        return Calls.call(NAME, () -> api.spendByProject(userId, size));
    }

    @Retry(maxRetries = 3, delay = 200, jitter = 100, retryOn = Calls.TransientFailure.class)
    @Timeout(value = 10, unit = ChronoUnit.SECONDS)
    public List<BillingRecords.Pack> packs() {
        return Calls.call(NAME, api::packs);
    }

    @Retry(maxRetries = 3, delay = 200, jitter = 100, retryOn = Calls.TransientFailure.class)
    @Timeout(value = 10, unit = ChronoUnit.SECONDS)
    public BillingRecords.Invoice invoice(long userId, String packId) {
        return Calls.call(NAME, () -> api.invoice(new BillingRecords.InvoiceRequest(userId, packId)));
    }

    @Retry(maxRetries = 3, delay = 200, jitter = 100, retryOn = Calls.TransientFailure.class)
    @Timeout(value = 10, unit = ChronoUnit.SECONDS)
    public PaymentOutcome purchase(BillingRecords.Purchase purchase) {
        Response response = Calls.response(NAME, () -> api.purchase(purchase));
        if (response.getStatus() == 200 || response.getStatus() == 201) {
            return new PaymentOutcome(response.readEntity(BillingRecords.Purchased.class), null);
        }
        return new PaymentOutcome(null, Calls.errorOf(response));
    }

    private static Response expect(Response response, int... statuses) {
        for (int status : statuses) {
            if (response.getStatus() == status) {
                return response;
            }
        }
        throw new ServiceUnavailableException(NAME + " answered " + response.getStatus() + ": " + Calls.errorOf(response));
    }
}
