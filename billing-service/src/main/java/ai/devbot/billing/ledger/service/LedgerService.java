package ai.devbot.billing.ledger.service;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import ai.devbot.billing.account.Account;
import ai.devbot.billing.error.BillingException;
import ai.devbot.billing.ledger.LedgerEntry;
import ai.devbot.billing.ledger.LedgerEntry.Kind;
import ai.devbot.billing.ledger.repository.LedgerRepository;
import io.smallrye.mutiny.Uni;

/**
 * Posts balance changes. The caller holds the account's row lock in the current transaction, so
 * the idempotency check, the entry and the balance change commit together or not at all.
 */
@ApplicationScoped
public class LedgerService {

    public record Posted(LedgerEntry entry, boolean duplicate) {
    }

    private final LedgerRepository ledger;

    public LedgerService(LedgerRepository ledger) {
        this.ledger = ledger;
    }

    public Uni<Posted> post(Account locked, Kind kind, long amount, String idempotencyKey, String reference,
            String reason) {
        return ledger.find("idempotencyKey", idempotencyKey).firstResult().chain(existing -> {
            if (existing != null) {
                if (existing.userId() != locked.userId() || existing.kind() != kind || existing.amount() != amount) {
                    return Uni.createFrom().failure(BillingException.conflict(
                            "idempotency key " + idempotencyKey + " was already used for another change"));
                }
                return Uni.createFrom().item(new Posted(existing, true));
            }
            Instant now = Instant.now();
            locked.apply(amount, now);
            LedgerEntry entry = new LedgerEntry(locked.userId(), kind, amount, locked.balance(), idempotencyKey,
                    reference, reason, now);
            return ledger.persist(entry).map(saved -> new Posted(saved, false));
        });
    }
}
