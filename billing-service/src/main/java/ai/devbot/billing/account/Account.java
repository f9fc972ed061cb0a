package ai.devbot.billing.account;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A Telegram user's credit account. {@code balance} always equals the sum of the user's ledger
 * entries (kept in the same transaction); {@code reserved} is what open reservations hold back.
 */
@Entity
@Table(name = "account")
public class Account {

    @Id
    @Column(name = "user_id")
    private Long userId;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(nullable = false)
    private long balance;

    @Column(nullable = false)
    private long reserved;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    protected Account() {
    }

    public Account(long userId, Instant createdAt) {
        this.userId = userId;
        this.createdAt = createdAt;
        this.updatedAt = createdAt;
    }

    public long userId() {
        return userId;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public long balance() {
        return balance;
    }

    public long reserved() {
        return reserved;
    }

    public long available() {
        return balance - reserved;
    }

    public void apply(long amount, Instant at) {
        balance = Math.addExact(balance, amount);
        updatedAt = at;
    }
}
