package ai.devbot.billing.audit.service;

import java.time.OffsetDateTime;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import ai.devbot.billing.config.BillingConfig;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The money invariants, checked from the tables alone (never from what the services believe):
 * every balance is the sum of its ledger, every reserved amount the sum of its open holds, no hold
 * stays open long past its expiry, and every debit or credit is backed by exactly the usage charge
 * or purchase it names — so a double charge or a double credit shows even when the balance adds up.
 */
@ApplicationScoped
public class MoneyAudit {

    /** At most this many findings of each kind are listed; an operator fixes the first ones and runs it again. */
    static final int LIMIT = 1000;

    /** An account whose balance or reserved amount disagrees with its ledger or holds. */
    public record Mismatch(long userId, long balance, long ledgerSum, long reserved, long openHolds) {
    }

    /** An open hold past its expiry by more than the sweep allows: its credits stay blocked. */
    public record StaleHold(String reservationId, long userId, String jobId, long held, OffsetDateTime expiresAt) {
    }

    /** A ledger entry without the usage charge or purchase behind it (or of another amount), or the reverse. */
    public record Unbacked(long userId, Long ledgerEntryId, String idempotencyKey, long amount, String problem) {
    }

    public record Audit(long accounts, List<Mismatch> violations, List<StaleHold> staleHolds, List<Unbacked> unbacked) {
        public boolean clean() {
            return violations.isEmpty() && staleHolds.isEmpty() && unbacked.isEmpty();
        }
    }

    private static final String MISMATCHES = """
            SELECT a.user_id, a.balance, COALESCE(l.total, 0) AS ledger_sum, a.reserved, COALESCE(r.held, 0) AS held
            FROM billing.account a
            LEFT JOIN (SELECT user_id, sum(amount) AS total FROM billing.ledger_entry GROUP BY user_id) l USING (user_id)
            LEFT JOIN (SELECT user_id, sum(GREATEST(amount - consumed, 0)) AS held FROM billing.reservation
                       WHERE status = 'OPEN' GROUP BY user_id) r USING (user_id)
            WHERE (a.balance <> COALESCE(l.total, 0) OR a.reserved <> COALESCE(r.held, 0))
              AND ($1::bigint IS NULL OR a.user_id = $1)
            ORDER BY a.user_id LIMIT %d""".formatted(LIMIT);

    private static final String STALE_HOLDS = """
            SELECT id, user_id, job_id, GREATEST(amount - consumed, 0) AS held, expires_at FROM billing.reservation
            WHERE status = 'OPEN' AND expires_at < now() - $2::bigint * interval '1 second'
              AND ($1::bigint IS NULL OR user_id = $1)
            ORDER BY expires_at LIMIT %d""".formatted(LIMIT);

    // The keys are the ones the write paths use: 'usage:' || event_id (UsageCharger) and
    // 'purchase:' || telegram_payment_charge_id (PurchaseService).
    private static final String UNBACKED = """
            (SELECT l.user_id, l.id, l.idempotency_key, l.amount,
                    CASE WHEN c.event_id IS NULL THEN 'a usage debit with no usage charge behind it'
                         ELSE 'a usage debit of another amount than its charge (' || c.cost || ')' END AS problem
             FROM billing.ledger_entry l
             LEFT JOIN billing.usage_charge c ON c.event_id = substr(l.idempotency_key, 7)
                                             AND l.idempotency_key LIKE 'usage:%%'
             WHERE l.kind = 'USAGE' AND (c.event_id IS NULL OR l.amount <> -c.cost)
               AND ($1::bigint IS NULL OR l.user_id = $1)
             LIMIT %1$d)
            UNION ALL
            (SELECT c.user_id, NULL, 'usage:' || c.event_id, -c.cost, 'a usage charge that was never debited'
             FROM billing.usage_charge c
             WHERE c.cost > 0 AND NOT EXISTS (SELECT 1 FROM billing.ledger_entry l
                                              WHERE l.idempotency_key = 'usage:' || c.event_id)
               AND ($1::bigint IS NULL OR c.user_id = $1)
             LIMIT %1$d)
            UNION ALL
            (SELECT l.user_id, l.id, l.idempotency_key, l.amount,
                    CASE WHEN p.telegram_payment_charge_id IS NULL THEN 'a purchase credit with no purchase behind it'
                         ELSE 'a purchase credit of another amount than its purchase (' || p.credits || ')' END
             FROM billing.ledger_entry l
             LEFT JOIN billing.purchase p ON p.telegram_payment_charge_id = substr(l.idempotency_key, 10)
                                         AND l.idempotency_key LIKE 'purchase:%%'
             WHERE l.kind = 'PURCHASE' AND (p.telegram_payment_charge_id IS NULL OR l.amount <> p.credits)
               AND ($1::bigint IS NULL OR l.user_id = $1)
             LIMIT %1$d)""".formatted(LIMIT);

    private final Pool pool;
    private final BillingConfig.Reservations reservations;

    MoneyAudit(Pool pool, BillingConfig config) {
        this.pool = pool;
        this.reservations = config.reservations();
    }

    /** The whole audit, or one account's ({@code userId} not null). */
    public Uni<Audit> run(Long userId) {
        Tuple user = Tuple.of(userId);
        long staleAfterSeconds = reservations.staleHoldAfter().toSeconds();
        return pool.withTransaction(sql -> sql.preparedQuery(MISMATCHES).execute(user)
                .map(rows -> rows.stream().map(MoneyAudit::mismatch).toList())
                .chain(mismatches -> sql.preparedQuery(STALE_HOLDS).execute(Tuple.of(userId, staleAfterSeconds))
                        .map(rows -> rows.stream().map(MoneyAudit::staleHold).toList())
                        .chain(stale -> sql.preparedQuery(UNBACKED).execute(user)
                                .map(rows -> rows.stream().map(MoneyAudit::unbacked).toList())
                                .chain(unbacked -> sql.preparedQuery(
                                        "SELECT count(*) FROM billing.account WHERE $1::bigint IS NULL OR user_id = $1")
                                        .execute(user)
                                        .map(count -> new Audit(count.iterator().next().getLong(0), mismatches, stale,
                                                unbacked))))));
    }

    private static Mismatch mismatch(Row row) {
        return new Mismatch(row.getLong("user_id"), row.getLong("balance"), row.getLong("ledger_sum"),
                row.getLong("reserved"), row.getLong("held"));
    }

    private static StaleHold staleHold(Row row) {
        return new StaleHold(row.getString("id"), row.getLong("user_id"), row.getString("job_id"), row.getLong("held"),
                row.getOffsetDateTime("expires_at"));
    }

    private static Unbacked unbacked(Row row) {
        return new Unbacked(row.getLong(0), row.getLong(1), row.getString(2), row.getLong(3), row.getString(4));
    }
}
