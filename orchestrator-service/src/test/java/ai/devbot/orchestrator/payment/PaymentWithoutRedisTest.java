package ai.devbot.orchestrator.payment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import ai.devbot.testsupport.TopicReader;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * A payment that cannot even be stored (Redis unreachable) is never acknowledged and never answered
 * "try again": after its in-place tries it lands on the dead-letter topic, whole, for an operator's
 * replay. Real Kafka; topics of its own so no other test's commands reach this consumer. Acknowledging
 * after the exception (as before issue 19) fails it: no dead letter arrives.
 */
@QuarkusTest
@TestProfile(PaymentWithoutRedisTest.RedisUnreachable.class)
@QuarkusTestResource(value = FakeBilling.class, restrictToAnnotatedClass = true)
class PaymentWithoutRedisTest {

    static final String KAFKA = "127.0.0.1:59092";
    static final String COMMANDS = "test-orchestrator-bot-commands-noredis";
    static final String DEAD_LETTERS = COMMANDS + "-dlq";
    static final String REPLIES = "test-orchestrator-bot-replies-noredis";

    public static class RedisUnreachable implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.redis.hosts", "redis://127.0.0.1:1/1",
                    "orchestrator.payments.store-attempts", "3",
                    "orchestrator.payments.store-backoff", "200ms",
                    "mp.messaging.incoming.bot-commands.topic", COMMANDS,
                    "mp.messaging.incoming.bot-commands.group.id", "orchestrator-commands-noredis-test",
                    "mp.messaging.incoming.bot-commands.dead-letter-queue.topic", DEAD_LETTERS,
                    "mp.messaging.outgoing.bot-replies.topic", REPLIES);
        }
    }

    static TopicReader deadLetters;
    static TopicReader replies;

    @BeforeAll
    static void readTopics() {
        deadLetters = new TopicReader(KAFKA, DEAD_LETTERS);
        replies = new TopicReader(KAFKA, REPLIES);
    }

    @AfterAll
    static void close() {
        deadLetters.close();
        replies.close();
    }

    @Test
    void aPaymentThatCannotBeStoredGoesWholeToTheDeadLetterTopicAndTheUserIsNotToldToPayAgain() {
        FakeBilling.mode = FakeBilling.Mode.GRANTING;
        long user = PaymentsTest.newUser();
        String charge = "charge-noredis-" + user;
        String payment = PaymentsTest.payment("tg-payn-" + user, user, charge);
        TopicReader.send(KAFKA, COMMANDS, Long.toString(user), payment);

        ConsumerRecord<String, String> dead = deadLetters.await(r -> r.value().contains(charge), 1,
                Duration.ofSeconds(90)).get(0);
        assertEquals(payment, dead.value(), "the command as it came, so an operator can post it back");
        Header reason = dead.headers().lastHeader("dead-letter-reason");
        assertNotNull(reason, "the dead letter says why");
        assertTrue(new String(reason.value(), StandardCharsets.UTF_8).contains("payment not stored"),
                new String(reason.value(), StandardCharsets.UTF_8));
        assertEquals(0, FakeBilling.purchases.stream().filter(body -> body.contains(charge)).count(),
                "billing is asked only after the payment is stored");
        // Replies are published before a command is settled, so any answer would already be on the topic;
        // two more seconds cover the producer's linger.
        assertEquals(0, replies.settle(r -> r.key().equals(Long.toString(user)), Duration.ofSeconds(2)).size(),
                "no 'try again' (a payment cannot be made again) and no false 'arrived'");
    }
}
