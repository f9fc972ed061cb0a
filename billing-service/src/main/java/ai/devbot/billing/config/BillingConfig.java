package ai.devbot.billing.config;

import java.time.Duration;
import java.util.Map;

import jakarta.validation.constraints.Max;

import ai.devbot.billing.usage.UsageEvent;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Billing's settings. Credits: 1 credit = 1/1000 of a US cent. */
@ConfigMapping(prefix = "billing")
public interface BillingConfig {

    /** Credits every new account starts with, granted once. */
    @WithDefault("50000")
    long starterGrant();

    Reservations reservations();

    /** Price for usage of a model with no price: charged and flagged, never dropped. */
    FallbackPrice fallbackPrice();

    /** Credit packs sold for Telegram Stars, by pack id. */
    Map<String, Pack> packs();

    /** HMAC key that signs invoice payloads (STARS_PAYLOAD_SIGNING_KEY). */
    String invoiceSigningKey();

    interface Reservations {
        /** An open reservation older than this expires and releases its credits. */
        @WithDefault("30m")
        Duration ttl();

        @WithDefault("30s")
        Duration sweepInterval();

        /**
         * An open hold this long past its expiry is reported by the audit: the sweep (every
         * {@link #sweepInterval}) should have released it long before.
         */
        @WithDefault("5m")
        Duration staleHoldAfter();
    }

    interface FallbackPrice {
        @WithDefault("300000")
        @Max(UsageEvent.MAX_PRICE_PER_MILLION)
        long inputPerMillion();

        @WithDefault("1500000")
        @Max(UsageEvent.MAX_PRICE_PER_MILLION)
        long outputPerMillion();
    }

    interface Pack {
        int stars();

        long credits();

        String title();

        String description();
    }
}
