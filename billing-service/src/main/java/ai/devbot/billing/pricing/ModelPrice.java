package ai.devbot.billing.pricing;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A model's price in credits per million tokens, in force from {@code effectiveFrom} until the next row. */
@Entity
@Table(name = "model_price")
public class ModelPrice {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(nullable = false)
    private String provider;

    @Column(nullable = false)
    private String model;

    @Column(name = "input_per_million", nullable = false)
    private long inputPerMillion;

    @Column(name = "output_per_million", nullable = false)
    private long outputPerMillion;

    @Column(name = "effective_from", nullable = false)
    private Instant effectiveFrom;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected ModelPrice() {
    }

    public ModelPrice(String provider, String model, long inputPerMillion, long outputPerMillion, Instant effectiveFrom,
            Instant createdAt) {
        this.provider = provider;
        this.model = model;
        this.inputPerMillion = inputPerMillion;
        this.outputPerMillion = outputPerMillion;
        this.effectiveFrom = effectiveFrom;
        this.createdAt = createdAt;
    }

    /** Cost in whole credits, rounded up so usage is never free by rounding. */
    public static long cost(long inputTokens, long outputTokens, long inputPerMillion, long outputPerMillion) {
        long micro = Math.addExact(Math.multiplyExact(inputTokens, inputPerMillion),
                Math.multiplyExact(outputTokens, outputPerMillion));
        return (micro + 999_999) / 1_000_000;
    }

    public Long id() {
        return id;
    }

    public String provider() {
        return provider;
    }

    public String model() {
        return model;
    }

    public long inputPerMillion() {
        return inputPerMillion;
    }

    public long outputPerMillion() {
        return outputPerMillion;
    }

    public Instant effectiveFrom() {
        return effectiveFrom;
    }
}
