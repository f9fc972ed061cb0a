package ai.devbot.billing.purchase;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A credit pack paid with Telegram Stars, once per telegram_payment_charge_id. */
@Entity
@Table(name = "purchase")
public class Purchase {

    public enum Status {
        PAID, REFUNDED
    }

    @Id
    @Column(name = "telegram_payment_charge_id")
    private String chargeId;

    @Column(name = "user_id", nullable = false)
    private long userId;

    @Column(name = "pack_id", nullable = false)
    private String packId;

    @Column(nullable = false)
    private int stars;

    @Column(nullable = false)
    private long credits;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private Status status;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "refunded_at")
    private Instant refundedAt;

    protected Purchase() {
    }

    public Purchase(String chargeId, long userId, String packId, int stars, long credits, Instant createdAt) {
        this.chargeId = chargeId;
        this.userId = userId;
        this.packId = packId;
        this.stars = stars;
        this.credits = credits;
        this.status = Status.PAID;
        this.createdAt = createdAt;
    }

    public void refunded(Instant at) {
        status = Status.REFUNDED;
        refundedAt = at;
    }

    public String chargeId() {
        return chargeId;
    }

    public long userId() {
        return userId;
    }

    public String packId() {
        return packId;
    }

    public int stars() {
        return stars;
    }

    public long credits() {
        return credits;
    }

    public Status status() {
        return status;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant refundedAt() {
        return refundedAt;
    }
}
