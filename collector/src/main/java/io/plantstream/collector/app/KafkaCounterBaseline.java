package io.plantstream.collector.app;

import io.plantstream.events.MachineCounts;
import io.plantstream.events.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last counters published for each machine, read back from machine.counts.v1: what a
 * collector started on another node (without the local state of its predecessor) continues
 * from, so the parts made in between are counted once. Reads only the tail of each partition.
 */
final class KafkaCounterBaseline {
    private static final Logger LOG = LoggerFactory.getLogger(KafkaCounterBaseline.class);
    private static final long TAIL = 5_000;

    private KafkaCounterBaseline() {
    }

    /** Machine id to "parts,rejects" as last published, for the machines asked about that have any. */
    static Map<String, String> lastCounters(Map<String, Object> kafka, Set<String> machines) {
        Map<String, Object> props = new HashMap<>(kafka);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        Map<String, String> counters = new HashMap<>();
        var decoder = Topics.MACHINE_COUNTS.valueSerde().deserializer();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (PartitionInfo info : consumer.partitionsFor(Topics.MACHINE_COUNTS.name(), Duration.ofSeconds(30))) {
                partitions.add(new TopicPartition(info.topic(), info.partition()));
            }
            consumer.assign(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, Duration.ofSeconds(30));
            Map<TopicPartition, Long> begins = consumer.beginningOffsets(partitions, Duration.ofSeconds(30));
            for (TopicPartition partition : partitions) {
                consumer.seek(partition, Math.max(begins.get(partition), ends.get(partition) - TAIL));
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (!reachedEnd(consumer, partitions, ends) && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.key() != null && machines.contains(record.key()) && record.value() != null) {
                        try {
                            MachineCounts counts = decoder.deserialize(record.topic(), record.value());
                            counters.put(record.key(), counts.producedCounter() + "," + counts.rejectedCounter());
                        } catch (RuntimeException e) {
                            LOG.debug("skipping an unreadable counts record at {}", record.offset(), e);
                        }
                    }
                }
            }
        }
        return counters;
    }

    private static boolean reachedEnd(KafkaConsumer<?, ?> consumer, Collection<TopicPartition> partitions,
            Map<TopicPartition, Long> ends) {
        for (TopicPartition partition : partitions) {
            if (consumer.position(partition) < ends.get(partition)) {
                return false;
            }
        }
        return true;
    }
}
