package ai.devbot.billing.account.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import ai.devbot.billing.account.Account;
import ai.devbot.billing.account.repository.AccountRepository;
import ai.devbot.billing.config.BillingConfig;
import ai.devbot.billing.error.BillingException;
import ai.devbot.billing.ledger.LedgerEntry.Kind;
import ai.devbot.billing.ledger.service.LedgerService;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/** Accounts: created once per user with the starter grant, locked for every balance change. */
@ApplicationScoped
public class AccountService {

    public record Ensured(Account account, boolean created) {
    }

    private final AccountRepository accounts;
    private final LedgerService ledger;
    private final BillingConfig config;

    public AccountService(AccountRepository accounts, LedgerService ledger, BillingConfig config) {
        this.accounts = accounts;
        this.ledger = ledger;
        this.config = config;
    }

    /**
     * Creates the account if needed and grants the starter credits exactly once, whatever the
     * number of concurrent or repeated calls (the grant's key is per user). Call in a transaction.
     */
    public Uni<Ensured> ensure(long userId) {
        return insertIfAbsent(userId).chain(inserted -> lock(userId).chain(account -> {
            if (config.starterGrant() <= 0) {
                return Uni.createFrom().item(new Ensured(account, inserted));
            }
            return ledger.post(account, Kind.GRANT, config.starterGrant(), "starter:" + userId, null, "starter credits")
                    .map(posted -> new Ensured(account, inserted));
        }));
    }

    /** Creates an empty account if there is none (for usage of a user billing has not seen); true when created. */
    public Uni<Boolean> insertIfAbsent(long userId) {
        if (userId <= 0) {
            return Uni.createFrom().failure(BillingException.invalid("userId must be a positive Telegram user id"));
        }
        return Panache.getSession().chain(session -> session
                .createNativeQuery("INSERT INTO account (user_id, created_at) VALUES (:user, now()) ON CONFLICT DO NOTHING")
                .setParameter("user", userId)
                .executeUpdate())
                .map(rows -> rows == 1);
    }

    /** The account's row, locked until the transaction ends; 404 when there is none. */
    public Uni<Account> lock(long userId) {
        return accounts.findById(userId, LockModeType.PESSIMISTIC_WRITE)
                .onItem().ifNull().failWith(() -> BillingException.notFound("account " + userId));
    }

    public Uni<Account> get(long userId) {
        return accounts.findById(userId).onItem().ifNull().failWith(() -> BillingException.notFound("account " + userId));
    }
}
