package ai.devbot.billing.account.repository;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.ThreadLocalRandom;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import ai.devbot.billing.account.Account;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.vertx.RunOnVertxContext;
import io.quarkus.test.vertx.UniAsserter;

@QuarkusTest
class AccountRepositoryTest {

    @Inject
    AccountRepository accounts;

    @Test
    @RunOnVertxContext
    void anAccountWrittenInOneTransactionIsReadInTheNextAndDeleted(UniAsserter asserter) {
        long userId = ThreadLocalRandom.current().nextLong(1_000_000_000L, Long.MAX_VALUE);
        Instant createdAt = Instant.now().truncatedTo(ChronoUnit.MICROS);

        asserter.execute(() -> Panache.withTransaction(() -> accounts.persist(new Account(userId, createdAt))));
        asserter.assertThat(() -> Panache.withSession(() -> accounts.findById(userId)), found -> {
            assertEquals(userId, found.userId());
            assertEquals(createdAt, found.createdAt());
        });
        asserter.execute(() -> Panache.withTransaction(() -> accounts.deleteById(userId)));
        asserter.assertThat(() -> Panache.withSession(() -> accounts.findById(userId)), gone -> assertNull(gone));
    }
}
