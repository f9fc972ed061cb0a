package ai.devbot.billing.account.rest;

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

    public AccountResource(AccountService accounts) {
        this.accounts = accounts;
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
}
