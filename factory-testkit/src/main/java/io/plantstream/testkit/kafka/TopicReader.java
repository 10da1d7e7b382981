package io.plantstream.testkit.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.Deserializer;

/** Reads a topic from its beginning until enough records arrived or the time is up. */
public final class TopicReader {
    private TopicReader() {
    }

    /**
     * Polls until {@code count} records arrived or {@code timeout} passed; returns what arrived
     * (fewer than {@code count} on time-out, so the caller's assertion says what was missing).
     */
    public static <K, V> List<ConsumerRecord<K, V>> read(Map<String, Object> clientProperties, String topic,
            String group, Deserializer<K> keys, Deserializer<V> values, int count, Duration timeout) {
        Map<String, Object> props = new java.util.HashMap<>(clientProperties);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        List<ConsumerRecord<K, V>> records = new ArrayList<>();
        try (KafkaConsumer<K, V> consumer = new KafkaConsumer<>(props, keys, values)) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + timeout.toNanos();
            while (records.size() < count && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(Math.min(200, TimeUnit.NANOSECONDS.toMillis(
                        Math.max(1, deadline - System.nanoTime()))))).forEach(records::add);
            }
        }
        return records;
    }
}
