package ai.devbot.billing.reservation.service;

import java.time.Instant;
import java.util.List;
import java.util.function.Predicate;

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

    /** Locks the account of the reservation's owner; no row when there is no such reservation. */
    private static final String LOCK_OWNER = """
            SELECT 1 FROM billing.reservation r JOIN billing.account a ON a.user_id = r.user_id
            WHERE r.id = $1 FOR UPDATE OF a""";

    /**
     * Charges the usage of parameters $1–$17 (none when they are null) to the reservation $18 and
     * closes it, releasing the rest of its hold, in one statement: the owner's account is locked
     * first ({@code payer}, skipped when $2 names another user), the usage is charged once per
     * event id, the reservation is closed if still open and the account pays and releases in one
     * update. No row: no such reservation; {@code settled} false: the usage is another user's.
     */
    private static final String SETTLE = """
            WITH target AS (
                SELECT user_id, job_id FROM billing.reservation WHERE id = $18),
            payer AS (
                -- The reservation's job is charged; the usage's own ($3) is only typed here.
                SELECT a.user_id, COALESCE(t.job_id, $3::text) AS job_id
                FROM billing.account a JOIN target t ON t.user_id = a.user_id
                WHERE $2::bigint IS NULL OR a.user_id = $2::bigint
                FOR UPDATE OF a),
            %s,
            closed AS (
                UPDATE billing.reservation
                SET status = 'CLOSED', closed_at = now(), consumed = consumed + COALESCE((SELECT cost FROM charge), 0)
                WHERE id = $18 AND status = 'OPEN' AND EXISTS (SELECT 1 FROM payer)
                RETURNING %s, GREATEST(amount - consumed + COALESCE((SELECT cost FROM charge), 0), 0) AS freed),
            account AS (
                UPDATE billing.account
                SET balance = balance - COALESCE((SELECT cost FROM charge), 0),
                    reserved = GREATEST(reserved - COALESCE((SELECT freed FROM closed), 0), 0), updated_at = now()
                WHERE user_id = (SELECT user_id FROM payer)
                  AND (EXISTS (SELECT 1 FROM closed) OR EXISTS (SELECT 1 FROM charge WHERE cost > 0))
                RETURNING balance),
            %s
            SELECT EXISTS (SELECT 1 FROM payer) AS settled, closed.*
            FROM target LEFT JOIN closed ON true""".formatted(UsageCharger.PRICE_AND_RECORD, COLUMNS,
            UsageCharger.POST_ENTRY);

    /** Run with the owner's account locked (the lock order of every balance change). */
    private static final String EXPIRE = """
            WITH expired AS (
                UPDATE billing.reservation SET status = 'EXPIRED', closed_at = now()
                WHERE id = $1 AND status = 'OPEN' AND expires_at < now()
                RETURNING user_id, GREATEST(amount - consumed, 0) AS freed)
            UPDATE billing.account SET reserved = GREATEST(reserved - (SELECT freed FROM expired), 0),
                updated_at = now()
            WHERE user_id = (SELECT user_id FROM expired)
            RETURNING user_id""";

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
                .onFailure(sqlState("23505")).recoverWithNull()
                .chain(rows -> rows != null && rows.size() == 1
                        ? Uni.createFrom().item(new Reserved(View.of(rows.iterator().next()), false))
                        : explainRefusal(id, userId, jobId, amount));
    }

    /** PostgreSQL's error code: 23505 unique violation, 40P01 deadlock victim. */
    private static Predicate<Throwable> sqlState(String code) {
        return failure -> failure instanceof PgException pg && code.equals(pg.getSqlState());
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
     * rest. Settling a closed reservation again changes nothing, and a repeated usage event id is
     * charged once.
     */
    public Uni<View> settle(String id, UsageEvent usage) {
        if (usage != null && usage.invalidCallReason() != null) {
            return Uni.createFrom().failure(BillingException.invalid("usage: " + usage.invalidCallReason()));
        }
        Tuple parameters = charger.parameters(usage).addString(id);
        return pool.preparedQuery(SETTLE).execute(parameters)
                // A deadlock victim changed nothing; the statement is safe to run again.
                .onFailure(sqlState("40P01")).retry().atMost(2)
                .chain(rows -> {
                    if (rows.size() == 0) {
                        return Uni.createFrom().failure(BillingException.notFound("reservation " + id));
                    }
                    Row row = rows.iterator().next();
                    if (!row.getBoolean("settled")) {
                        return Uni.createFrom().failure(BillingException.invalid(
                                "the usage belongs to another user than the reservation"));
                    }
                    // Closed before (a repeated settle): report it as it is now.
                    return row.getString("id") != null ? Uni.createFrom().item(View.of(row)) : get(id);
                });
    }

    /** Expires one stale reservation if it is still open and past its expiry; true when it did. */
    public Uni<Boolean> expire(String id) {
        return pool.withTransaction(tx -> lockOwner(tx, id)
                .chain(() -> tx.preparedQuery(EXPIRE).execute(Tuple.of(id)))
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

    private Uni<Void> lockOwner(SqlConnection tx, String id) {
        return tx.preparedQuery(LOCK_OWNER).execute(Tuple.of(id)).map(rows -> {
            if (rows.size() == 0) {
                throw BillingException.notFound("reservation " + id);
            }
            return null;
        });
    }

    private static View single(RowSet<Row> rows, String id) {
        if (rows.size() == 0) {
            throw BillingException.notFound("reservation " + id);
        }
        return View.of(rows.iterator().next());
    }
}
