package ai.devbot.billing.reservation;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * Credits held back for a job before its model calls. Usage charged for the job consumes it;
 * closing (or expiring) releases what was not consumed.
 */
@Entity
@Table(name = "reservation")
public class Reservation {

    public enum Status {
        OPEN, CLOSED, EXPIRED
    }

    @Id
    private String id;

    @Column(name = "user_id", nullable = false)
    private long userId;

    @Column(name = "job_id", nullable = false)
    private String jobId;

    @Column(nullable = false)
    private long amount;

    @Column(nullable = false)
    private long consumed;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private Status status;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "expires_at", nullable = false)
    private Instant expiresAt;

    @Column(name = "closed_at")
    private Instant closedAt;

    protected Reservation() {
    }

    public Reservation(String id, long userId, String jobId, long amount, Instant createdAt, Instant expiresAt) {
        this.id = id;
        this.userId = userId;
        this.jobId = jobId;
        this.amount = amount;
        this.status = Status.OPEN;
        this.createdAt = createdAt;
        this.expiresAt = expiresAt;
    }

    /** What this reservation still holds back from the account. */
    public long held() {
        return status == Status.OPEN ? Math.max(0, amount - consumed) : 0;
    }

    /** Consumes {@code cost}; returns how much of the hold that frees. */
    public long consume(long cost) {
        long freed = Math.min(cost, held());
        consumed = Math.addExact(consumed, cost);
        return freed;
    }

    /** Closes or expires it; returns the hold released. */
    public long finish(Status finalStatus, Instant at) {
        long released = held();
        status = finalStatus;
        closedAt = at;
        return released;
    }

    public String id() {
        return id;
    }

    public long userId() {
        return userId;
    }

    public String jobId() {
        return jobId;
    }

    public long amount() {
        return amount;
    }

    public long consumed() {
        return consumed;
    }

    public Status status() {
        return status;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant expiresAt() {
        return expiresAt;
    }

    public Instant closedAt() {
        return closedAt;
    }
}
