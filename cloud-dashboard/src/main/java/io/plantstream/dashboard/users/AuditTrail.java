package io.plantstream.dashboard.users;

import io.plantstream.dashboard.feed.DashboardTopics;
import io.plantstream.events.EventMeta;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The audit trail: every command, refusal, account change and login, as events on the audit
 * topic (written before the action is answered, so nothing happens unrecorded).
 */
public final class AuditTrail implements AutoCloseable {
    public static final String SOURCE = "cloud-dashboard";
    private static final Duration WRITE_TIMEOUT = Duration.ofSeconds(15);

    private final Map<String, Object> kafka;
    private final KafkaProducer<String, AuditEntry> producer;
    private final Clock clock;

    public AuditTrail(Map<String, Object> kafka, Clock clock) {
        this.kafka = Map.copyOf(kafka);
        Map<String, Object> props = new HashMap<>(kafka);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        this.producer = new KafkaProducer<>(props, new StringSerializer(),
                DashboardTopics.AUDIT.valueSerde().serializer());
        this.clock = clock;
    }

    /** A new audit entry stamped now. */
    public AuditEntry entry(String user, String action, String outcome, String site, String target, String detail) {
        return new AuditEntry(EventMeta.of(SOURCE, clock.instant()), user, action, outcome, site, target, detail);
    }

    /** Writes an entry and waits until Kafka has it. */
    public void record(AuditEntry entry) {
        try {
            producer.send(new ProducerRecord<>(DashboardTopics.AUDIT.name(), entry.user(), entry))
                    .get(WRITE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while writing the audit trail", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("the audit trail cannot be written: " + e.getMessage(), e);
        }
    }

    /** The newest entries, newest first (reads the topic's tail). */
    public List<AuditEntry> latest(int limit) {
        Map<String, Object> props = new HashMap<>(kafka);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        List<AuditEntry> entries = new ArrayList<>();
        try (KafkaConsumer<String, AuditEntry> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                DashboardTopics.AUDIT.valueSerde().deserializer())) {
            TopicPartition partition = new TopicPartition(DashboardTopics.AUDIT.name(), 0);
            consumer.assign(List.of(partition));
            long end = consumer.endOffsets(List.of(partition)).get(partition);
            long begin = consumer.beginningOffsets(List.of(partition)).get(partition);
            consumer.seek(partition, Math.max(begin, end - limit));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (consumer.position(partition) < end && System.nanoTime() < deadline) {
                try {
                    for (ConsumerRecord<String, AuditEntry> record : consumer.poll(Duration.ofMillis(200))) {
                        entries.add(record.value());
                    }
                } catch (RecordDeserializationException unreadable) {
                    consumer.seek(unreadable.topicPartition(), unreadable.offset() + 1);
                }
            }
        }
        java.util.Collections.reverse(entries);
        return entries;
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
