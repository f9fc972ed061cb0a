package ai.devbot.billing.reservation.service;

import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import ai.devbot.billing.account.service.AccountService;
import ai.devbot.billing.config.BillingConfig;
import ai.devbot.billing.error.BillingException;
import ai.devbot.billing.reservation.Reservation;
import ai.devbot.billing.reservation.repository.ReservationRepository;
import ai.devbot.billing.usage.UsageEvent;
import ai.devbot.billing.usage.service.UsageCharger;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * Reserve before a model call, settle after it, release what is left. Locks are always taken
 * account first, then reservation, so concurrent calls never deadlock; the available balance is
 * checked under the account lock, so concurrent reservations never overdraw.
 */
@ApplicationScoped
public class ReservationService {

    public record Reserved(Reservation reservation, boolean duplicate) {
    }

    private final ReservationRepository reservations;
    private final AccountService accounts;
    private final UsageCharger charger;
    private final BillingConfig config;

    public ReservationService(ReservationRepository reservations, AccountService accounts, UsageCharger charger,
            BillingConfig config) {
        this.reservations = reservations;
        this.accounts = accounts;
        this.charger = charger;
        this.config = config;
    }

    /** Call in a transaction. A repeated id returns the original reservation. */
    public Uni<Reserved> reserve(String id, long userId, String jobId, long amount) {
        if (amount <= 0) {
            return Uni.createFrom().failure(BillingException.invalid("amount must be a positive number of credits"));
        }
        return accounts.lock(userId).chain(account -> reservations.findById(id).chain(existing -> {
            if (existing != null) {
                if (existing.userId() != userId || existing.amount() != amount || !existing.jobId().equals(jobId)) {
                    return Uni.createFrom().failure(BillingException.conflict(
                            "reservation " + id + " already exists with other details"));
                }
                return Uni.createFrom().item(new Reserved(existing, true));
            }
            if (amount > account.available()) {
                return Uni.createFrom().failure(
                        BillingException.insufficientCredits(account.balance(), account.reserved(), amount));
            }
            Instant now = Instant.now();
            account.hold(amount, now);
            return reservations.persist(new Reservation(id, userId, jobId, amount, now,
                    now.plus(config.reservations().ttl()))).map(saved -> new Reserved(saved, false));
        }));
    }

    /**
     * Charges the call's usage (if given) against the reservation and closes it, releasing the rest.
     * Settling a closed reservation again changes nothing. Call in a transaction.
     */
    public Uni<Reservation> settle(String id, UsageEvent usage) {
        return ownerOf(id).chain(userId -> accounts.lock(userId)
                .chain(account -> reservations.findById(id, LockModeType.PESSIMISTIC_WRITE)
                        .chain(reservation -> {
                            if (usage != null && usage.userId() != null && !usage.userId().equals(userId)) {
                                return Uni.createFrom().failure(BillingException.invalid(
                                        "the usage belongs to another user than the reservation"));
                            }
                            Uni<?> charged = usage == null ? Uni.createFrom().voidItem()
                                    : charger.charge(withJob(usage, reservation));
                            return charged.map(ignored -> {
                                if (reservation.status() == Reservation.Status.OPEN) {
                                    Instant now = Instant.now();
                                    account.releaseHold(reservation.finish(Reservation.Status.CLOSED, now), now);
                                }
                                return reservation;
                            });
                        })));
    }

    /** Expires one stale reservation if it is still open. Call in a transaction. */
    public Uni<Boolean> expire(String id) {
        return ownerOf(id).chain(userId -> accounts.lock(userId)
                .chain(account -> reservations.findById(id, LockModeType.PESSIMISTIC_WRITE).map(reservation -> {
                    Instant now = Instant.now();
                    if (reservation.status() != Reservation.Status.OPEN || reservation.expiresAt().isAfter(now)) {
                        return false;
                    }
                    account.releaseHold(reservation.finish(Reservation.Status.EXPIRED, now), now);
                    return true;
                })));
    }

    public Uni<List<String>> staleIds(int limit) {
        return reservations.find("status = ?1 and expiresAt < ?2 order by expiresAt", Reservation.Status.OPEN,
                Instant.now()).page(0, limit).list().map(list -> list.stream().map(Reservation::id).toList());
    }

    public Uni<Reservation> get(String id) {
        return reservations.findById(id).onItem().ifNull().failWith(() -> BillingException.notFound("reservation " + id));
    }

    /** The owner without loading the entity, so the later locked read sees fresh state. */
    private Uni<Long> ownerOf(String id) {
        return Panache.getSession().chain(session -> session
                .createSelectionQuery("select r.userId from Reservation r where r.id = :id", Long.class)
                .setParameter("id", id).getSingleResultOrNull())
                .onItem().ifNull().failWith(() -> BillingException.notFound("reservation " + id));
    }

    private static UsageEvent withJob(UsageEvent usage, Reservation reservation) {
        return new UsageEvent(usage.eventId(), reservation.userId(), reservation.jobId(), usage.projectId(),
                usage.operation(), usage.provider(), usage.model(), usage.keyAlias(), usage.inputTokens(),
                usage.outputTokens(), usage.estimated(), usage.succeeded(), usage.occurredAt());
    }
}
