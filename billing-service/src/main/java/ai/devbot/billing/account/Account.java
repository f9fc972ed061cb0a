package ai.devbot.billing.account;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A Telegram user's credit account. */
@Entity
@Table(name = "account")
public class Account {

    @Id
    @Column(name = "user_id")
    private Long userId;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected Account() {
    }

    public Account(long userId, Instant createdAt) {
        this.userId = userId;
        this.createdAt = createdAt;
    }

    public long userId() {
        return userId;
    }

    public Instant createdAt() {
        return createdAt;
    }
}
