package ai.devbot.orchestrator.payment.service;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import ai.devbot.orchestrator.payment.model.PendingPayment;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.hash.HashCommands;
import io.quarkus.redis.datasource.sortedset.ScoreRange;
import io.quarkus.redis.datasource.sortedset.SortedSetCommands;
import io.quarkus.redis.datasource.sortedset.ZRangeArgs;
import io.quarkus.redis.datasource.value.ValueCommands;

/**
 * Payments waiting for their credits, in Redis (persisted with AOF, like the jobs): one hash of
 * records by charge id and a sorted set of the pending ones by their next attempt. A short claim
 * per attempt keeps two replicas from trying the same payment at once; billing would credit it once
 * anyway (idempotent by charge id), the claim only saves the duplicate call.
 */
@ApplicationScoped
public class PendingPayments {

    private static final String RECORDS = "devbot:payments";
    private static final String DUE = "devbot:payments-due";
    private static final String CLAIM = "devbot:payment-claim:";

    private final HashCommands<String, String, String> hashes;
    private final SortedSetCommands<String, String> due;
    private final ValueCommands<String, String> values;
    private final RedisDataSource redis;
    private final ObjectMapper json;

    PendingPayments(RedisDataSource redis, ObjectMapper json) {
        this.hashes = redis.hash(String.class);
        this.due = redis.sortedSet(String.class);
        this.values = redis.value(String.class);
        this.redis = redis;
        this.json = json;
    }

    /** Stores a payment that just arrived, unless it is already known (a redelivery keeps its history). */
    public PendingPayment remember(PendingPayment payment) {
        if (hashes.hsetnx(RECORDS, payment.chargeId(), write(payment))) {
            due.zadd(DUE, payment.nextAttemptAt().toEpochMilli(), payment.chargeId());
            return payment;
        }
        return get(payment.chargeId()).orElse(payment);
    }

    public void save(PendingPayment payment) {
        hashes.hset(RECORDS, payment.chargeId(), write(payment));
        if (payment.state() == PendingPayment.State.PENDING) {
            due.zadd(DUE, payment.nextAttemptAt().toEpochMilli(), payment.chargeId());
        } else {
            due.zrem(DUE, payment.chargeId());
        }
    }

    /** Billing granted it: nothing is left to do. */
    public void credited(String chargeId) {
        due.zrem(DUE, chargeId);
        hashes.hdel(RECORDS, chargeId);
    }

    public Optional<PendingPayment> get(String chargeId) {
        String stored = hashes.hget(RECORDS, chargeId);
        return stored == null ? Optional.empty() : Optional.of(read(stored));
    }

    /** Every payment not credited yet, oldest first. */
    public List<PendingPayment> all() {
        return hashes.hgetall(RECORDS).values().stream().map(this::read)
                .sorted(Comparator.comparing(PendingPayment::receivedAt)).toList();
    }

    /** Payments waiting for billing (the refused ones wait for an operator and are not counted). */
    public long pendingCount() {
        return due.zcard(DUE);
    }

    /** Charge ids whose next attempt is due. */
    public List<String> due(Instant now, int max) {
        return due.zrangebyscore(DUE, new ScoreRange<>(Double.NEGATIVE_INFINITY, (double) now.toEpochMilli()),
                new ZRangeArgs().limit(0, max));
    }

    /** True for the one caller that may try this payment now (for {@code lease}). */
    public boolean claim(String chargeId, Duration lease) {
        // SET NX PX in one command: a claim can never outlive its lease (SETNX + PEXPIRE could).
        return redis.execute("SET", CLAIM + chargeId, "1", "NX", "PX", Long.toString(lease.toMillis())) != null;
    }

    public void release(String chargeId) {
        values.getdel(CLAIM + chargeId);
    }

    private String write(PendingPayment payment) {
        try {
            return json.writeValueAsString(payment);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private PendingPayment read(String stored) {
        try {
            return json.readValue(stored, PendingPayment.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a pending payment is unreadable", e);
        }
    }
}
