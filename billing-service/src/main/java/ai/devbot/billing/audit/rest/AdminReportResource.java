package ai.devbot.billing.audit.rest;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import ai.devbot.billing.audit.service.MoneyAudit;
import ai.devbot.billing.error.BillingException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;

/** Reports for operators: the money invariants, API-key usage and daily totals. */
@Path("/api/admin")
@Tag(name = "Reports (operators)")
@RolesAllowed("operator")
public class AdminReportResource {

    public record KeyUsage(LocalDate day, String provider, String keyAlias, long requests, long errors,
            long inputTokens, long outputTokens) {
    }

    public record DailyTotal(LocalDate day, String kind, long entries, long credits) {
    }

    private final MoneyAudit audit;

    AdminReportResource(MoneyAudit audit) {
        this.audit = audit;
    }

    @GET
    @Path("/audit")
    @Operation(summary = "The money invariants (all should be empty): accounts whose balance is not the sum of their "
            + "ledger or whose reserved is not the sum of open holds; holds open long past their expiry; ledger entries "
            + "without the usage charge or purchase behind them (double charges, double credits) and charges never "
            + "debited. userId narrows it to one account")
    public Uni<MoneyAudit.Audit> audit(@QueryParam("userId") Long userId) {
        return audit.run(userId);
    }

    @GET
    @Path("/api-key-usage")
    @WithSession
    @Operation(summary = "Requests, errors and tokens per provider key alias and day (UTC), from..to inclusive")
    public Uni<List<KeyUsage>> keyUsage(@QueryParam("from") String from, @QueryParam("to") String to) {
        LocalDate[] range = range(from, to);
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                SELECT (occurred_at AT TIME ZONE 'UTC')::date AS day, provider, COALESCE(key_alias, '(unknown)'),
                       count(*), count(*) FILTER (WHERE NOT succeeded), sum(input_tokens), sum(output_tokens)
                FROM usage_charge WHERE occurred_at >= :from AND occurred_at < :to
                GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
                """, Object[].class)
                .setParameter("from", startOf(range[0])).setParameter("to", startOf(range[1].plusDays(1)))
                .getResultList())
                .map(rows -> rows.stream().map(r -> new KeyUsage(date(r[0]), (String) r[1], (String) r[2], num(r[3]),
                        num(r[4]), num(r[5]), num(r[6]))).toList());
    }

    @GET
    @Path("/totals")
    @WithSession
    @Operation(summary = "Credits moved per day (UTC) and entry kind: grants, purchases, usage, refunds, adjustments")
    public Uni<List<DailyTotal>> totals(@QueryParam("from") String from, @QueryParam("to") String to) {
        LocalDate[] range = range(from, to);
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                SELECT (created_at AT TIME ZONE 'UTC')::date AS day, kind, count(*), sum(amount) FROM ledger_entry
                WHERE created_at >= :from AND created_at < :to GROUP BY 1, 2 ORDER BY 1, 2
                """, Object[].class)
                .setParameter("from", startOf(range[0])).setParameter("to", startOf(range[1].plusDays(1)))
                .getResultList())
                .map(rows -> rows.stream().map(r -> new DailyTotal(date(r[0]), (String) r[1], num(r[2]), num(r[3])))
                        .toList());
    }

    private static LocalDate[] range(String from, String to) {
        try {
            LocalDate end = to == null || to.isBlank() ? LocalDate.now(ZoneOffset.UTC) : LocalDate.parse(to);
            LocalDate start = from == null || from.isBlank() ? end.minusDays(30) : LocalDate.parse(from);
            if (start.isAfter(end)) {
                throw BillingException.invalid("from is after to");
            }
            return new LocalDate[] { start, end };
        } catch (java.time.format.DateTimeParseException e) {
            throw BillingException.invalid("dates are YYYY-MM-DD");
        }
    }

    private static java.time.OffsetDateTime startOf(LocalDate day) {
        return day.atStartOfDay(ZoneOffset.UTC).toOffsetDateTime();
    }

    private static long num(Object value) {
        return value == null ? 0 : ((Number) value).longValue();
    }

    private static LocalDate date(Object value) {
        return value instanceof java.sql.Date sql ? sql.toLocalDate() : (LocalDate) value;
    }
}
