package ai.devbot.billing.reservation.service;

import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import ai.devbot.billing.config.BillingConfig;
import ai.devbot.billing.error.BillingException;
import ai.devbot.billing.usage.UsageEvent;
import ai.devbot.billing.usage.service.UsageCharger;
import io.smallrye.mutiny.Uni;
import io.vertx.pgclient.PgException;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Reserve before a model call, settle after it, release what is left. These run around every
 * model call, so each is a few SQL statements. The available balance is checked in the same
 * statement that raises the hold (the row lock makes concurrent reservations queue), and every
 * transaction locks the account before any reservation, so they cannot deadlock.
 */
@ApplicationScoped
public class ReservationService {

    public record View(String reservationId, long userId, String jobId, long amount, long consumed, long held,
            String status, Instant expiresAt) {

        static View of(Row row) {
            long amount = row.getLong("amount");
            long consumed = row.getLong("consumed");
            String status = row.getString("status");
            return new View(row.getString("id"), row.getLong("user_id"), row.getString("job_id"), amount, consumed,
                    status.equals("OPEN") ? Math.max(0, amount - consumed) : 0, status,
                    row.getOffsetDateTime("expires_at").toInstant());
        }
    }

    public record Reserved(View reservation, boolean duplicate) {
    }

    private static final String COLUMNS = "id, user_id, job_id, amount, consumed, status, expires_at";

    private static final String RESERVE = """
            WITH account AS (
                UPDATE billing.account SET reserved = reserved + $3, updated_at = now()
                WHERE user_id = $2 AND balance - reserved >= $3
                  AND NOT EXISTS (SELECT 1 FROM billing.reservation WHERE id = $1)
                RETURNING user_id)
            INSERT INTO billing.reservation (id, user_id, job_id, amount, consumed, status, created_at, expires_at)
            SELECT $1, user_id, $4, $3, 0, 'OPEN', now(), now() + make_interval(secs => $5) FROM account
            """ + "RETURNING " + COLUMNS;

    private static final String EXISTING = "SELECT " + COLUMNS + " FROM billing.reservation WHERE id = $1";
    private static final String ACCOUNT = "SELECT balance, reserved FROM billing.account WHERE user_id = $1";

    /** The reservation's owner and job, with the owner's account locked. */
    private static final String LOCK_OWNER = """
            SELECT r.user_id, r.job_id FROM billing.reservation r JOIN billing.account a ON a.user_id = r.user_id
            WHERE r.id = $1 FOR UPDATE OF a""";

    private static final String FINISH = """
            WITH finished AS (
                UPDATE billing.reservation SET status = $2, closed_at = now()
                WHERE id = $1 AND status = 'OPEN' AND ($2 = 'CLOSED' OR expires_at < now())
                RETURNING %s, GREATEST(amount - consumed, 0) AS freed),
            account AS (
                UPDATE billing.account SET reserved = GREATEST(reserved - (SELECT freed FROM finished), 0),
                    updated_at = now()
                WHERE user_id = (SELECT user_id FROM finished))
            SELECT %s FROM finished""".formatted(COLUMNS, COLUMNS);

    private static final String STALE = """
            SELECT id FROM billing.reservation WHERE status = 'OPEN' AND expires_at < now()
            ORDER BY expires_at LIMIT $1""";

    private final Pool pool;
    private final UsageCharger charger;
    private final BillingConfig config;

    public ReservationService(Pool pool, UsageCharger charger, BillingConfig config) {
        this.pool = pool;
        this.charger = charger;
        this.config = config;
    }

    /** A repeated id returns the original reservation; different details for it are a conflict. */
    public Uni<Reserved> reserve(String id, long userId, String jobId, long amount) {
        if (amount <= 0) {
            return Uni.createFrom().failure(BillingException.invalid("amount must be a positive number of credits"));
        }
        Tuple parameters = Tuple.from(new Object[] { id, userId, amount, jobId,
                (double) config.reservations().ttl().toSeconds() });
        return pool.preparedQuery(RESERVE).execute(parameters)
                // The same id reserved concurrently: answered below as a duplicate.
                .onFailure(ReservationService::isUniqueViolation).recoverWithNull()
                .chain(rows -> rows != null && rows.size() == 1
                        ? Uni.createFrom().item(new Reserved(View.of(rows.iterator().next()), false))
                        : explainRefusal(id, userId, jobId, amount));
    }

    private static boolean isUniqueViolation(Throwable failure) {
        return failure instanceof PgException pg && "23505".equals(pg.getSqlState());
    }

    private Uni<Reserved> explainRefusal(String id, long userId, String jobId, long amount) {
        return pool.preparedQuery(EXISTING).execute(Tuple.of(id)).chain(existing -> {
            if (existing.size() == 1) {
                View view = View.of(existing.iterator().next());
                if (view.userId() != userId || view.amount() != amount || !view.jobId().equals(jobId)) {
                    return Uni.createFrom().failure(BillingException.conflict(
                            "reservation " + id + " already exists with other details"));
                }
                return Uni.createFrom().item(new Reserved(view, true));
            }
            return pool.preparedQuery(ACCOUNT).execute(Tuple.of(userId)).map(accounts -> {
                if (accounts.size() == 0) {
                    throw BillingException.notFound("account " + userId);
                }
                Row account = accounts.iterator().next();
                throw BillingException.insufficientCredits(account.getLong("balance"), account.getLong("reserved"), amount);
            });
        });
    }

    /**
     * Charges the call's usage (if given) against the reservation and closes it, releasing the
     * rest. Settling a closed reservation again changes nothing.
     */
    public Uni<View> settle(String id, UsageEvent usage) {
        return pool.withTransaction(tx -> lockOwner(tx, id).chain(owner -> {
            if (usage == null) {
                return finish(tx, id, "CLOSED");
            }
            long userId = owner.getLong("user_id");
            if (usage.userId() != null && usage.userId() != userId) {
                return Uni.createFrom().failure(BillingException.invalid(
                        "the usage belongs to another user than the reservation"));
            }
            // The reservation supplies the user and job the usage may leave out.
            UsageEvent charged = forJob(usage, userId, owner.getString("job_id"));
            if (charged.invalidReason() != null) {
                return Uni.createFrom().failure(BillingException.invalid("usage: " + charged.invalidReason()));
            }
            return charger.chargeLocked(tx, charged).chain(() -> finish(tx, id, "CLOSED"));
        }));
    }

    /** Expires one stale reservation if it is still open and past its expiry; true when it did. */
    public Uni<Boolean> expire(String id) {
        return pool.withTransaction(tx -> lockOwner(tx, id)
                .chain(owner -> tx.preparedQuery(FINISH).execute(Tuple.of(id, "EXPIRED")))
                .map(rows -> rows.size() == 1));
    }

    public Uni<List<String>> staleIds(int limit) {
        return pool.preparedQuery(STALE).execute(Tuple.of(limit))
                .map(rows -> {
                    List<String> ids = new java.util.ArrayList<>();
                    rows.forEach(row -> ids.add(row.getString("id")));
                    return ids;
                });
    }

    public Uni<View> get(String id) {
        return pool.preparedQuery(EXISTING).execute(Tuple.of(id)).map(rows -> single(rows, id));
    }

    private Uni<Row> lockOwner(SqlConnection tx, String id) {
        return tx.preparedQuery(LOCK_OWNER).execute(Tuple.of(id)).map(rows -> {
            if (rows.size() == 0) {
                throw BillingException.notFound("reservation " + id);
            }
            return rows.iterator().next();
        });
    }

    private Uni<View> finish(SqlConnection tx, String id, String status) {
        return tx.preparedQuery(FINISH).execute(Tuple.of(id, status))
                .chain(finished -> finished.size() == 1 ? Uni.createFrom().item(View.of(finished.iterator().next()))
                        : tx.preparedQuery(EXISTING).execute(Tuple.of(id)).map(rows -> single(rows, id)));
    }

    private static View single(RowSet<Row> rows, String id) {
        if (rows.size() == 0) {
            throw BillingException.notFound("reservation " + id);
        }
        return View.of(rows.iterator().next());
    }

    private static UsageEvent forJob(UsageEvent usage, long userId, String jobId) {
        return new UsageEvent(usage.eventId(), userId, jobId, usage.projectId(), usage.operation(), usage.provider(),
                usage.model(), usage.keyAlias(), usage.inputTokens(), usage.outputTokens(), usage.estimated(),
                usage.succeeded(), usage.occurredAt());
    }
}
