package ai.devbot.billing.usage.service;

import java.time.ZoneOffset;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import ai.devbot.billing.config.BillingConfig;
import ai.devbot.billing.usage.UsageEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Charges a usage event once, in the caller's transaction: priced at the price in force at
 * {@code occurredAt} (or the flagged fallback price), recorded under its event id, posted to the
 * ledger, consumed from the job's open reservation — so a redelivery finds the event id and changes
 * nothing, and a crash before the commit leaves nothing behind.
 *
 * This is the hottest path of the service (every model call), so a charge is one SQL statement
 * that locks the payer's account first (the lock order of every balance change), then prices,
 * records, consumes and posts. A reservation's settle composes the same parts with its own
 * closing ({@link #PRICE_AND_RECORD}, {@link #POST_ENTRY}).
 */
@ApplicationScoped
public class UsageCharger {

    private static final Logger LOG = Logger.getLogger(UsageCharger.class);
    /** Sandbox runs carry milliseconds as their input quantity (docs/contracts/billing-usage/usage-sandbox.json). */
    static final String SANDBOX = "sandbox";

    public record Outcome(String eventId, boolean duplicate, long cost, boolean fallbackPrice) {
    }

    /** Usage of a user billing has not seen yet is never dropped: the account is created for it. */
    private static final String CREATE_ACCOUNT =
            "INSERT INTO billing.account (user_id, created_at) VALUES ($1, now()) ON CONFLICT (user_id) DO NOTHING";

    /**
     * Prices the event of parameters $1–$17 ({@link #parameters}) at the price in force when it
     * occurred and records it under its event id, for the user and job of a {@code payer} CTE the
     * statement defines (and locks). No row in {@code charge} means a repeated event or no event.
     */
    public static final String PRICE_AND_RECORD = """
            price AS (
                SELECT id, input_per_million, output_per_million FROM billing.model_price
                WHERE provider = $6 AND model = $7 AND effective_from <= $13::timestamptz
                ORDER BY effective_from DESC LIMIT 1),
            quote AS (
                SELECT (SELECT id FROM price) AS price_id,
                       ($9::bigint * COALESCE((SELECT input_per_million FROM price), $14::bigint)
                        + $10::bigint * COALESCE((SELECT output_per_million FROM price), $15::bigint)
                        + 999999) / 1000000 AS cost),
            charge AS (
                INSERT INTO billing.usage_charge (event_id, user_id, job_id, project_id, operation, provider, model,
                    key_alias, input_tokens, output_tokens, estimated, succeeded, cost, price_id, fallback_price,
                    occurred_at, task_number)
                SELECT $1, payer.user_id, payer.job_id, $4, $5, $6, $7, $8, $9, $10, $11, $12, cost, price_id,
                       price_id IS NULL, $13, $17::int
                FROM quote, payer WHERE $1::text IS NOT NULL
                ON CONFLICT (event_id) DO NOTHING
                RETURNING cost, fallback_price)""";

    /** The ledger entry of a charge, after an {@code account} CTE that returns the new balance. */
    public static final String POST_ENTRY = """
            entry AS (
                INSERT INTO billing.ledger_entry (user_id, kind, amount, balance_after, idempotency_key, reference,
                    reason, created_at)
                SELECT payer.user_id, 'USAGE', -(SELECT cost FROM charge), balance, 'usage:' || $1, payer.job_id,
                       $16 || CASE WHEN (SELECT fallback_price FROM charge) THEN ' (fallback price)' ELSE '' END, now()
                FROM account, payer WHERE (SELECT cost FROM charge) > 0
                RETURNING id)""";

    private static final String CHARGE = """
            WITH payer AS (
                SELECT user_id, $3::text AS job_id FROM billing.account WHERE user_id = $2 FOR UPDATE),
            %s,
            held AS (
                UPDATE billing.reservation SET consumed = consumed + (SELECT cost FROM charge)
                WHERE id = (SELECT id FROM billing.reservation
                            WHERE user_id = $2 AND job_id = $3 AND status = 'OPEN' ORDER BY created_at LIMIT 1)
                  AND status = 'OPEN' AND EXISTS (SELECT 1 FROM charge WHERE cost > 0)
                RETURNING LEAST((SELECT cost FROM charge), GREATEST(amount - consumed + (SELECT cost FROM charge), 0))
                          AS freed),
            account AS (
                UPDATE billing.account
                SET balance = balance - (SELECT cost FROM charge),
                    reserved = GREATEST(reserved - COALESCE((SELECT freed FROM held), 0), 0),
                    updated_at = now()
                WHERE user_id = $2 AND EXISTS (SELECT 1 FROM charge WHERE cost > 0)
                RETURNING balance),
            %s
            SELECT EXISTS (SELECT 1 FROM payer) AS account_found, (SELECT cost FROM charge) AS charged_cost,
                   (SELECT fallback_price FROM charge) AS charged_fallback""".formatted(PRICE_AND_RECORD, POST_ENTRY);

    private static final String EARLIER_CHARGE = "SELECT cost, fallback_price FROM billing.usage_charge WHERE event_id = $1";
    /**
     * The same, when the repeat names the task: the first arrival may have come the other road (agent-service and
     * sandbox-service publish to billing-usage without knowing the task), so the task is filled in, never changed.
     */
    private static final String EARLIER_CHARGE_OF_TASK = "UPDATE billing.usage_charge SET task_number = "
            + "COALESCE(task_number, $2) WHERE event_id = $1 RETURNING cost, fallback_price";

    private final BillingConfig config;

    public UsageCharger(BillingConfig config) {
        this.config = config;
    }

    /** Charges the event in the caller's transaction (or as a statement of its own on a pool). */
    public Uni<Outcome> charge(SqlClient sql, UsageEvent event) {
        Tuple parameters = parameters(event);
        return sql.preparedQuery(CHARGE).execute(parameters).chain(rows -> {
            Row row = rows.iterator().next();
            if (row.getBoolean("account_found")) {
                return outcome(sql, event, row);
            }
            return sql.preparedQuery(CREATE_ACCOUNT).execute(Tuple.of(event.userId()))
                    .chain(() -> sql.preparedQuery(CHARGE).execute(parameters))
                    .chain(again -> outcome(sql, event, again.iterator().next()));
        });
    }

    private Uni<Outcome> outcome(SqlClient sql, UsageEvent event, Row row) {
        Long cost = row.getLong("charged_cost");
        if (cost != null) {
            boolean fallback = row.getBoolean("charged_fallback");
            if (fallback) {
                LOG.warnf("usage event %s: no price for %s/%s at %s, charged at the fallback price",
                        event.eventId(), event.provider(), event.model(), event.occurredAt());
            }
            return Uni.createFrom().item(new Outcome(event.eventId(), false, cost, fallback));
        }
        var found = event.taskNumber() == null
                ? sql.preparedQuery(EARLIER_CHARGE).execute(Tuple.of(event.eventId()))
                : sql.preparedQuery(EARLIER_CHARGE_OF_TASK).execute(Tuple.of(event.eventId(), event.taskNumber()));
        return found
                .map(earlier -> {
                    Row charged = earlier.iterator().next();
                    return new Outcome(event.eventId(), true, charged.getLong("cost"),
                            charged.getBoolean("fallback_price"));
                });
    }

    /**
     * Parameters $1–$17 of {@link #PRICE_AND_RECORD} and {@link #POST_ENTRY}; all but the fallback
     * price are null without an event, which charges nothing.
     */
    public Tuple parameters(UsageEvent event) {
        if (event == null) {
            Object[] none = new Object[17];
            none[13] = config.fallbackPrice().inputPerMillion();
            none[14] = config.fallbackPrice().outputPerMillion();
            return Tuple.from(none);
        }
        return Tuple.from(new Object[] {
                event.eventId(), event.userId(), event.jobId(), event.projectId(), event.operation(),
                event.provider(), event.model(), event.keyAlias(), event.inputTokens(), event.outputTokens(),
                event.estimated(), event.succeeded() == null || event.succeeded(),
                event.occurredAt().atOffset(ZoneOffset.UTC),
                config.fallbackPrice().inputPerMillion(), config.fallbackPrice().outputPerMillion(),
                event.provider() + "/" + event.model() + " " + (SANDBOX.equals(event.provider())
                        ? event.inputTokens() + " ms"
                        : event.inputTokens() + " in, " + event.outputTokens() + " out"),
                event.taskNumber() });
    }
}
