package ai.devbot.testsupport;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Reads what a service publishes to a real topic from the moment the reader is created (it
 * starts at the end, so earlier tests' records do not count), keeping everything it saw so a test
 * can wait for the records it expects and then check there are no more.
 */
public final class TopicReader implements AutoCloseable {

    private final KafkaConsumer<String, String> consumer;
    private final List<ConsumerRecord<String, String>> seen = new ArrayList<>();

    public TopicReader(String bootstrapServers, String topic) {
        consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "test-reader-" + UUID.randomUUID(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class));
        awaitTopic(topic);
        List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                .map(info -> new TopicPartition(topic, info.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
    }

    /** Waits until {@code count} records match, returning all that match so far. */
    public List<ConsumerRecord<String, String>> await(Predicate<ConsumerRecord<String, String>> matching, int count,
            Duration patience) {
        long deadline = System.nanoTime() + patience.toNanos();
        List<ConsumerRecord<String, String>> matched = matching(matching);
        while (matched.size() < count && System.nanoTime() < deadline) {
            consumer.poll(Duration.ofMillis(200)).forEach(seen::add);
            matched = matching(matching);
        }
        if (matched.size() < count) {
            throw new AssertionError("expected " + count + " matching records within " + patience + ", saw "
                    + matched.size() + ": " + matched.stream().map(ConsumerRecord::value).toList());
        }
        return matched;
    }

    /** Everything matching after reading for {@code quiet}: for asserting that nothing more arrives. */
    public List<ConsumerRecord<String, String>> settle(Predicate<ConsumerRecord<String, String>> matching,
            Duration quiet) {
        long deadline = System.nanoTime() + quiet.toNanos();
        while (System.nanoTime() < deadline) {
            consumer.poll(Duration.ofMillis(200)).forEach(seen::add);
        }
        return matching(matching);
    }

    /**
     * The records matching up to and including the first that is also a {@code marker}: for asserting
     * absence without a timed wait. Send a marker after the input under test (same key, so the same
     * partition and order); whatever the input caused that would have come before the marker is then
     * in the answer, and whatever is missing never came.
     */
    public List<ConsumerRecord<String, String>> upTo(Predicate<ConsumerRecord<String, String>> matching,
            Predicate<ConsumerRecord<String, String>> marker, Duration patience) {
        Predicate<ConsumerRecord<String, String>> isMarker = matching.and(marker);
        await(isMarker, 1, patience);
        List<ConsumerRecord<String, String>> matched = matching(matching);
        int end = 0;
        while (!isMarker.test(matched.get(end))) {
            end++;
        }
        return matched.subList(0, end + 1);
    }

    private List<ConsumerRecord<String, String>> matching(Predicate<ConsumerRecord<String, String>> matching) {
        return seen.stream().filter(matching).toList();
    }

    /** Sends records as another service would: acks=all, keyed. */
    public static void send(String bootstrapServers, String topic, String key, String... values) {
        try (var producer = new KafkaProducer<String, String>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class))) {
            for (String value : values) {
                producer.send(new ProducerRecord<>(topic, key, value));
            }
            producer.flush();
        }
    }

    /** The metadata request creates the topic on a broker that auto-creates (ours does). */
    private void awaitTopic(String topic) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (consumer.partitionsFor(topic, Duration.ofSeconds(10)).isEmpty() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    @Override
    public void close() {
        consumer.close();
    }
}
