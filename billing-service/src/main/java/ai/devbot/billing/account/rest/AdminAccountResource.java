package ai.devbot.billing.account.rest;

import java.time.Instant;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import ai.devbot.billing.account.service.AccountService;
import ai.devbot.billing.error.BillingException;
import ai.devbot.billing.ledger.LedgerEntry;
import ai.devbot.billing.ledger.LedgerEntry.Kind;
import ai.devbot.billing.ledger.repository.LedgerRepository;
import ai.devbot.billing.ledger.service.LedgerService;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.panache.common.Page;
import io.smallrye.mutiny.Uni;

@Path("/api/admin/accounts/{userId}")
@Tag(name = "Accounts (operators)")
@RolesAllowed("operator")
public class AdminAccountResource {

    public record Adjustment(@NotNull Long amount, @NotBlank @Size(max = 500) String reason,
            @NotBlank @Size(max = 200) String idempotencyKey, Kind kind) {
    }

    public record EntryView(long id, String kind, long amount, long balanceAfter, String idempotencyKey,
            String reference, String reason, Instant createdAt) {
        static EntryView of(LedgerEntry e) {
            return new EntryView(e.id(), e.kind().name(), e.amount(), e.balanceAfter(), e.idempotencyKey(),
                    e.reference(), e.reason(), e.createdAt());
        }
    }

    public record LedgerPage(long userId, int page, int size, long total, List<EntryView> entries) {
    }

    private final AccountService accounts;
    private final LedgerService ledger;
    private final LedgerRepository entries;

    public AdminAccountResource(AccountService accounts, LedgerService ledger, LedgerRepository entries) {
        this.accounts = accounts;
        this.ledger = ledger;
        this.entries = entries;
    }

    @POST
    @Path("/adjustments")
    @WithTransaction
    @Operation(summary = "Grant (kind GRANT) or adjust (default ADJUSTMENT, either sign) credits with a reason; once per idempotencyKey; never below zero")
    public Uni<EntryView> adjust(@PathParam("userId") long userId, @Valid @NotNull Adjustment request) {
        Kind kind = request.kind() == null ? Kind.ADJUSTMENT : request.kind();
        if (kind != Kind.ADJUSTMENT && kind != Kind.GRANT) {
            return Uni.createFrom().failure(BillingException.invalid("kind must be GRANT or ADJUSTMENT"));
        }
        if (request.amount() == 0 || (kind == Kind.GRANT && request.amount() < 0)) {
            return Uni.createFrom().failure(BillingException.invalid(
                    "amount must be non-zero, and positive for a grant"));
        }
        return accounts.lock(userId).chain(account -> {
            if (account.balance() + request.amount() < 0) {
                return Uni.createFrom().failure(BillingException.conflict("the adjustment would take the balance "
                        + account.balance() + " below zero"));
            }
            return ledger.post(account, kind, request.amount(), "admin:" + userId + ":" + request.idempotencyKey(), null,
                    request.reason()).map(posted -> EntryView.of(posted.entry()));
        });
    }

    @GET
    @Path("/ledger")
    @WithSession
    @Operation(summary = "The account's ledger, newest first, paged")
    public Uni<LedgerPage> ledger(@PathParam("userId") long userId,
            @QueryParam("page") @DefaultValue("0") @Min(0) int page,
            @QueryParam("size") @DefaultValue("50") @Min(1) @Max(500) int size) {
        var query = entries.find("userId = ?1 order by id desc", userId);
        return accounts.get(userId).chain(account -> query.count().chain(total -> query.page(Page.of(page, size)).list()
                .map(list -> new LedgerPage(userId, page, size, total, list.stream().map(EntryView::of).toList()))));
    }
}
