package ai.devbot.billing.account.rest;

import java.util.List;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.QueryParam;

import ai.devbot.billing.ledger.repository.LedgerRepository;
import io.quarkus.panache.common.Page;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import ai.devbot.billing.account.Account;
import ai.devbot.billing.account.service.AccountService;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

@Path("/api/v1/accounts")
@Tag(name = "Accounts (services)")
@RolesAllowed({ "service", "operator" })
public class AccountResource {

    public record EnsureRequest(@NotNull @Positive Long userId) {
    }

    public record AccountView(long userId, long balance, long reserved, long available, Boolean created) {
        static AccountView of(Account account, Boolean created) {
            return new AccountView(account.userId(), account.balance(), account.reserved(), account.available(), created);
        }
    }

    private final AccountService accounts;
    private final LedgerRepository entries;

    public AccountResource(AccountService accounts, LedgerRepository entries) {
        this.accounts = accounts;
        this.entries = entries;
    }

    @POST
    @WithTransaction
    @Operation(summary = "Ensure a user's account exists; the starter grant is given once, however often this is called")
    public Uni<AccountView> ensure(@Valid @NotNull EnsureRequest request) {
        return accounts.ensure(request.userId()).map(ensured -> AccountView.of(ensured.account(), ensured.created()));
    }

    @GET
    @Path("/{userId}")
    @WithSession
    @Operation(summary = "Balance, reserved and available credits; 404 for an unknown user")
    public Uni<AccountView> get(@PathParam("userId") long userId) {
        return accounts.get(userId).map(account -> AccountView.of(account, null));
    }

    @GET
    @Path("/{userId}/recent-entries")
    @WithSession
    @Operation(summary = "The account's newest ledger entries (at most 20), for showing the user their last transactions")
    public Uni<List<AdminAccountResource.EntryView>> recentEntries(@PathParam("userId") long userId,
            @QueryParam("size") @DefaultValue("5") @Min(1) @Max(20) int size) {
        return accounts.get(userId).chain(account -> entries.find("userId = ?1 order by id desc", userId)
                .page(Page.ofSize(size)).list().map(list -> list.stream().map(AdminAccountResource.EntryView::of).toList()));
    }
}
