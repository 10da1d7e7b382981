package io.plantstream.bridge;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Everything on a topic from its beginning, read a little more at each {@link #poll()}; no consumer group. */
final class TopicTail<V> implements AutoCloseable {
    private final KafkaConsumer<String, V> consumer;
    private final String topic;
    private final List<String> keys = new ArrayList<>();
    private final List<V> values = new ArrayList<>();

    TopicTail(Map<String, Object> client, String topic, Deserializer<V> deserializer) {
        Map<String, Object> props = new HashMap<>(client);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        this.consumer = new KafkaConsumer<>(props, new StringDeserializer(), deserializer);
        this.topic = topic;
    }

    /** Reads what arrived since the last call; returns all values read so far. */
    List<V> poll() {
        if (consumer.assignment().isEmpty()) {
            List<TopicPartition> partitions;
            try {
                partitions = consumer.partitionsFor(topic, Duration.ofSeconds(5)).stream()
                        .map(p -> new TopicPartition(topic, p.partition())).toList();
            } catch (org.apache.kafka.common.errors.TimeoutException notThereYet) {
                return values;
            }
            if (partitions.isEmpty()) {
                return values;
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
        }
        for (ConsumerRecord<String, V> record : consumer.poll(Duration.ofMillis(500))) {
            keys.add(record.key());
            values.add(record.value());
        }
        return values;
    }

    List<V> values() {
        return values;
    }

    List<String> keys() {
        return keys;
    }

    @Override
    public void close() {
        consumer.close();
    }
}
