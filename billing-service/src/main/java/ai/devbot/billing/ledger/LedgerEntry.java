package ai.devbot.billing.ledger;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One immutable change of a balance. Its idempotency key is unique: the same change is never made twice. */
@Entity
@Table(name = "ledger_entry")
public class LedgerEntry {

    public enum Kind {
        GRANT, PURCHASE, USAGE, REFUND, ADJUSTMENT
    }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "user_id", nullable = false)
    private long userId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private Kind kind;

    @Column(nullable = false)
    private long amount;

    @Column(name = "balance_after", nullable = false)
    private long balanceAfter;

    @Column(name = "idempotency_key", nullable = false, unique = true)
    private String idempotencyKey;

    private String reference;

    private String reason;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected LedgerEntry() {
    }

    public LedgerEntry(long userId, Kind kind, long amount, long balanceAfter, String idempotencyKey, String reference,
            String reason, Instant createdAt) {
        this.userId = userId;
        this.kind = kind;
        this.amount = amount;
        this.balanceAfter = balanceAfter;
        this.idempotencyKey = idempotencyKey;
        this.reference = reference;
        this.reason = reason;
        this.createdAt = createdAt;
    }

    public Long id() {
        return id;
    }

    public long userId() {
        return userId;
    }

    public Kind kind() {
        return kind;
    }

    public long amount() {
        return amount;
    }

    public long balanceAfter() {
        return balanceAfter;
    }

    public String idempotencyKey() {
        return idempotencyKey;
    }

    public String reference() {
        return reference;
    }

    public String reason() {
        return reason;
    }

    public Instant createdAt() {
        return createdAt;
    }
}
