package ai.devbot.testsupport;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Sends one record to a fresh topic of the real broker with {@code acks=all} and reads it back,
 * proving that a service's Kafka settings reach a working broker. The topic and its consumer group
 * are deleted afterwards: every test run used to leave a {@code proof-<uuid>} topic behind.
 */
public final class KafkaRoundTrip {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private KafkaRoundTrip() {
    }

    public static ConsumerRecord<String, String> sendAndReceive(String bootstrapServers, String key, String value)
            throws Exception {
        String topic = "proof-" + UUID.randomUUID();
        ConsumerRecord<String, String> received;
        try {
            received = roundTrip(bootstrapServers, topic, key, value);
        } catch (Exception | AssertionError failure) {
            try {
                delete(bootstrapServers, topic);
            } catch (Exception cleanup) {
                failure.addSuppressed(cleanup); // the round trip's failure is the one to report
            }
            throw failure;
        }
        delete(bootstrapServers, topic);
        return received;
    }

    private static ConsumerRecord<String, String> roundTrip(String bootstrapServers, String topic, String key,
            String value) throws Exception {
        Map<String, Object> producerConfig = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        try (var producer = new KafkaProducer<String, String>(producerConfig)) {
            producer.send(new ProducerRecord<>(topic, key, value)).get();
        }
        Map<String, Object> consumerConfig = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, topic,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        try (var consumer = new KafkaConsumer<String, String>(consumerConfig)) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + PATIENCE.toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> received : consumer.poll(Duration.ofMillis(500))) {
                    return received;
                }
            }
        }
        throw new AssertionError("no record came back from topic " + topic + " within " + PATIENCE);
    }

    /**
     * The consumer group first (named after the topic; closed consumers leave it empty; absent when
     * the round trip failed before reading), then the topic.
     */
    private static void delete(String bootstrapServers, String topic) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            try {
                admin.deleteConsumerGroups(List.of(topic)).all().get(10, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof GroupIdNotFoundException)) {
                    throw e;
                }
            }
            admin.deleteTopics(List.of(topic)).all().get(10, TimeUnit.SECONDS);
        }
    }
}
