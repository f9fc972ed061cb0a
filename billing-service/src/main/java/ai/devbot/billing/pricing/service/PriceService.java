package ai.devbot.billing.pricing.service;

import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import ai.devbot.billing.config.BillingConfig;
import ai.devbot.billing.error.BillingException;
import ai.devbot.billing.pricing.ModelPrice;
import ai.devbot.billing.pricing.repository.ModelPriceRepository;
import io.smallrye.mutiny.Uni;

/** Prices by time: usage is priced (in UsageCharger) at the price in force when it happened. */
@ApplicationScoped
public class PriceService {

    private final ModelPriceRepository prices;
    private final BillingConfig.FallbackPrice fallback;

    public PriceService(ModelPriceRepository prices, BillingConfig config) {
        this.prices = prices;
        this.fallback = config.fallbackPrice();
    }

    /** Adds a price from {@code effectiveFrom} (default now); earlier usage keeps its price. */
    public Uni<ModelPrice> set(String provider, String model, long inputPerMillion, long outputPerMillion,
            Instant effectiveFrom) {
        if (provider == null || provider.isBlank() || model == null || model.isBlank()) {
            return Uni.createFrom().failure(BillingException.invalid("provider and model are required"));
        }
        if (inputPerMillion < 0 || outputPerMillion < 0) {
            return Uni.createFrom().failure(BillingException.invalid("prices cannot be negative"));
        }
        Instant from = effectiveFrom == null ? Instant.now() : effectiveFrom;
        return prices.count("provider = ?1 and model = ?2 and effectiveFrom = ?3", provider, model, from)
                .chain(existing -> existing > 0
                        ? Uni.createFrom().failure(BillingException.conflict("a price for " + provider + "/" + model
                                + " already starts at " + from))
                        : prices.persist(new ModelPrice(provider, model, inputPerMillion, outputPerMillion, from,
                                Instant.now())));
    }

    /** A model's price in force now, or the fallback price (flagged) when it has none. */
    public Uni<CurrentPrice> current(String provider, String model) {
        Instant now = Instant.now();
        return prices.find("provider = ?1 and model = ?2 and effectiveFrom <= ?3 order by effectiveFrom desc",
                provider, model, now).firstResult()
                .map(price -> price == null
                        ? new CurrentPrice(provider, model, fallback.inputPerMillion(), fallback.outputPerMillion(), true)
                        : new CurrentPrice(provider, model, price.inputPerMillion(), price.outputPerMillion(), false));
    }

    /** Credits per million tokens (or sandbox milliseconds), as usage would be priced now. */
    public record CurrentPrice(String provider, String model, long inputPerMillion, long outputPerMillion,
            boolean fallbackPrice) {
    }

    /** Every price row, newest first per model: the current ones, scheduled ones and history. */
    public Uni<List<ModelPrice>> all() {
        return prices.find("order by provider, model, effectiveFrom desc").list();
    }
}
