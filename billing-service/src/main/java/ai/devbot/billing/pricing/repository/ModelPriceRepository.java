package ai.devbot.billing.pricing.repository;

import jakarta.enterprise.context.ApplicationScoped;

import ai.devbot.billing.pricing.ModelPrice;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;

@ApplicationScoped
public class ModelPriceRepository implements PanacheRepositoryBase<ModelPrice, Long> {
}
