package ai.devbot.billing.usage.repository;

import jakarta.enterprise.context.ApplicationScoped;

import ai.devbot.billing.usage.UsageCharge;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;

@ApplicationScoped
public class UsageChargeRepository implements PanacheRepositoryBase<UsageCharge, String> {
}
