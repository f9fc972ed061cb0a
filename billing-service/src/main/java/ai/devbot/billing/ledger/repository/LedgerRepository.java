package ai.devbot.billing.ledger.repository;

import jakarta.enterprise.context.ApplicationScoped;

import ai.devbot.billing.ledger.LedgerEntry;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;

@ApplicationScoped
public class LedgerRepository implements PanacheRepositoryBase<LedgerEntry, Long> {
}
