package ai.devbot.billing.usage.service;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import org.jboss.logging.Logger;

import ai.devbot.billing.account.Account;
import ai.devbot.billing.account.service.AccountService;
import ai.devbot.billing.ledger.LedgerEntry.Kind;
import ai.devbot.billing.ledger.service.LedgerService;
import ai.devbot.billing.pricing.service.PriceService;
import ai.devbot.billing.reservation.Reservation;
import ai.devbot.billing.reservation.repository.ReservationRepository;
import ai.devbot.billing.usage.UsageCharge;
import ai.devbot.billing.usage.UsageEvent;
import ai.devbot.billing.usage.repository.UsageChargeRepository;
import io.smallrye.mutiny.Uni;

/**
 * Charges a usage event once: priced at the price in force at {@code occurredAt}, posted to the
 * ledger, consumed from the job's open reservation and recorded (which is what API-key usage is
 * counted from) — all in the caller's transaction, with the event id that makes a redelivery a no-op.
 */
@ApplicationScoped
public class UsageCharger {

    private static final Logger LOG = Logger.getLogger(UsageCharger.class);

    public record Outcome(String eventId, boolean duplicate, long cost, boolean fallbackPrice) {
    }

    private final UsageChargeRepository charges;
    private final AccountService accounts;
    private final LedgerService ledger;
    private final PriceService prices;
    private final ReservationRepository reservations;

    public UsageCharger(UsageChargeRepository charges, AccountService accounts, LedgerService ledger,
            PriceService prices, ReservationRepository reservations) {
        this.charges = charges;
        this.accounts = accounts;
        this.ledger = ledger;
        this.prices = prices;
        this.reservations = reservations;
    }

    /** Call inside a transaction. */
    public Uni<Outcome> charge(UsageEvent event) {
        return accounts.insertIfAbsent(event.userId())
                .chain(() -> accounts.lock(event.userId()))
                // Checked under the account lock: a concurrent delivery of the same event waits here.
                .chain(account -> charges.findById(event.eventId()).chain(existing -> existing != null
                        ? Uni.createFrom().item(new Outcome(existing.eventId(), true, existing.cost(),
                                existing.fallbackPrice()))
                        : chargeNew(account, event)));
    }

    private Uni<Outcome> chargeNew(Account account, UsageEvent event) {
        return prices.quote(event.provider(), event.model(), event.inputTokens(), event.outputTokens(), event.occurredAt())
                .call(quote -> quote.fallback() ? logFallback(event) : Uni.createFrom().voidItem())
                .call(quote -> quote.cost() == 0 ? Uni.createFrom().voidItem()
                        : ledger.post(account, Kind.USAGE, -quote.cost(), "usage:" + event.eventId(), event.jobId(),
                                event.provider() + "/" + event.model() + " " + event.inputTokens() + " in, "
                                        + event.outputTokens() + " out" + (quote.fallback() ? " (fallback price)" : "")))
                .call(quote -> consumeReservation(account, event, quote.cost()))
                .call(quote -> charges.persist(new UsageCharge(event, quote.cost(), quote.priceId(), quote.fallback(),
                        Instant.now())))
                .map(quote -> new Outcome(event.eventId(), false, quote.cost(), quote.fallback()));
    }

    private Uni<Void> consumeReservation(Account account, UsageEvent event, long cost) {
        if (event.jobId() == null || cost == 0) {
            return Uni.createFrom().voidItem();
        }
        return reservations.find("userId = ?1 and jobId = ?2 and status = ?3 order by createdAt", event.userId(),
                event.jobId(), Reservation.Status.OPEN).withLock(LockModeType.PESSIMISTIC_WRITE).firstResult()
                .invoke(reservation -> {
                    if (reservation != null) {
                        account.releaseHold(reservation.consume(cost), Instant.now());
                    }
                }).replaceWithVoid();
    }

    private static Uni<Void> logFallback(UsageEvent event) {
        LOG.warnf("usage event %s: no price for %s/%s at %s, charged at the fallback price", event.eventId(),
                event.provider(), event.model(), event.occurredAt());
        return Uni.createFrom().voidItem();
    }
}
