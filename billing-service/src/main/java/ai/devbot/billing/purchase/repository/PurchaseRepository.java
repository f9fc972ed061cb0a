package ai.devbot.billing.purchase.repository;

import jakarta.enterprise.context.ApplicationScoped;

import ai.devbot.billing.purchase.Purchase;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;

@ApplicationScoped
public class PurchaseRepository implements PanacheRepositoryBase<Purchase, String> {
}
