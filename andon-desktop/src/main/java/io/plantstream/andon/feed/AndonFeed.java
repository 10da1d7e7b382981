package io.plantstream.andon.feed;

import io.plantstream.andon.board.BoardState;
import io.plantstream.events.Topic;
import io.plantstream.events.Topics;
import io.plantstream.events.follow.TopicFollower;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Feeds the board from the edge Kafka, on its own thread (never the FX thread): the compacted
 * topics from their beginning (machine states, OEE, job states), the others from their recent
 * past (alarms and alerts of the last day, Andon calls of the last week), then all of them live.
 * Every few seconds it checks that the broker answers; without an answer the board is cut off
 * and says so on every tile until the broker answers again. An unreadable record is counted,
 * logged, and left out.
 */
public final class AndonFeed implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AndonFeed.class);
    private static final Map<Topic<?, ?>, Duration> HISTORY = Map.of(
            Topics.MACHINE_STATE, Duration.ZERO, Topics.OEE, Duration.ZERO, Topics.JOB_STATE, Duration.ZERO,
            Topics.MACHINE_ALARMS, Duration.ofDays(1), Topics.ALERTS, Duration.ofDays(1),
            Topics.ANDON_CALLS, Duration.ofDays(7));
    private static final Duration CONTACT_INTERVAL = Duration.ofSeconds(3);

    private final TopicFollower follower;
    private final BoardState board;
    private final Clock clock;
    private final AtomicLong undecodable = new AtomicLong();

    public AndonFeed(Map<String, Object> kafka, BoardState board, Clock clock) {
        this.board = board;
        this.clock = clock;
        this.follower = new TopicFollower("andon-feed", kafka, this::select, new TopicFollower.Sink() {
            @Override
            public void take(ConsumerRecords<byte[], byte[]> records) {
                records.forEach(AndonFeed.this::take);
            }

            @Override
            public void contact(boolean connected) {
                board.connected(connected);
            }

            @Override
            public void caughtUp() {
                board.caughtUp(true);
            }
        }, CONTACT_INTERVAL);
    }

    public AndonFeed start() {
        follower.start();
        return this;
    }

    public long undecodable() {
        return undecodable.get();
    }

    /** Once: every partition of the board's topics, from its beginning or its recent past. */
    private Map<TopicPartition, Long> select(Map<String, List<PartitionInfo>> topics, Set<TopicPartition> assigned) {
        if (!assigned.isEmpty()) {
            return Map.of();
        }
        Map<TopicPartition, Long> partitions = new HashMap<>();
        long now = clock.millis();
        HISTORY.forEach((topic, history) -> topics.getOrDefault(topic.name(), List.of()).forEach(p -> partitions.put(
                new TopicPartition(topic.name(), p.partition()), history.isZero() ? null : now - history.toMillis())));
        return partitions;
    }

    private void take(ConsumerRecord<byte[], byte[]> record) {
        if (record.value() == null) {
            return;
        }
        Optional<Topic<?, ?>> topic = Topics.byName(record.topic());
        if (topic.isEmpty()) {
            return;
        }
        try {
            board.apply(topic.get().valueSerde().deserializer().deserialize(record.topic(), record.value()));
        } catch (RuntimeException e) {
            if (undecodable.incrementAndGet() % 100 == 1) {
                LOG.warn("Record {}-{}@{} cannot be read and is left out ({} so far): {}", record.topic(),
                        record.partition(), record.offset(), undecodable.get(), e.getMessage());
            }
        }
    }

    @Override
    public void close() {
        follower.close();
    }
}
