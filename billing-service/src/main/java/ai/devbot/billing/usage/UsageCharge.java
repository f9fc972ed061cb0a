package ai.devbot.billing.usage;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A usage event that was charged; its id is the dedupe key, stored with the ledger entry. */
@Entity
@Table(name = "usage_charge")
public class UsageCharge {

    @Id
    @Column(name = "event_id")
    private String eventId;

    @Column(name = "user_id", nullable = false)
    private long userId;

    @Column(name = "job_id")
    private String jobId;

    @Column(name = "project_id")
    private Long projectId;

    private String operation;

    @Column(nullable = false)
    private String provider;

    @Column(nullable = false)
    private String model;

    @Column(name = "key_alias")
    private String keyAlias;

    @Column(name = "input_tokens", nullable = false)
    private long inputTokens;

    @Column(name = "output_tokens", nullable = false)
    private long outputTokens;

    @Column(nullable = false)
    private boolean estimated;

    @Column(nullable = false)
    private boolean succeeded;

    @Column(nullable = false)
    private long cost;

    @Column(name = "price_id")
    private Long priceId;

    @Column(name = "fallback_price", nullable = false)
    private boolean fallbackPrice;

    @Column(name = "occurred_at", nullable = false)
    private Instant occurredAt;

    @Column(name = "charged_at", nullable = false)
    private Instant chargedAt;

    protected UsageCharge() {
    }

    public UsageCharge(UsageEvent event, long cost, Long priceId, boolean fallbackPrice, Instant chargedAt) {
        this.eventId = event.eventId();
        this.userId = event.userId();
        this.jobId = event.jobId();
        this.projectId = event.projectId();
        this.operation = event.operation();
        this.provider = event.provider();
        this.model = event.model();
        this.keyAlias = event.keyAlias();
        this.inputTokens = event.inputTokens();
        this.outputTokens = event.outputTokens();
        this.estimated = event.estimated();
        this.succeeded = event.succeeded() == null || event.succeeded();
        this.cost = cost;
        this.priceId = priceId;
        this.fallbackPrice = fallbackPrice;
        this.occurredAt = event.occurredAt();
        this.chargedAt = chargedAt;
    }

    public String eventId() {
        return eventId;
    }

    public long userId() {
        return userId;
    }

    public String jobId() {
        return jobId;
    }

    public long cost() {
        return cost;
    }

    public boolean fallbackPrice() {
        return fallbackPrice;
    }

    public String model() {
        return model;
    }

    public String provider() {
        return provider;
    }
}
