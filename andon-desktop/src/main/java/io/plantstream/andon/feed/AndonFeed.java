package io.plantstream.andon.feed;

import io.plantstream.andon.board.BoardState;
import io.plantstream.events.Topic;
import io.plantstream.events.Topics;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Feeds the board from the edge Kafka, on its own thread (never the FX thread). It starts from
 * the compacted topics' beginning (machine states, OEE, job states) and from the recent past of
 * the others (alarms and alerts of the last day, Andon calls of the last week), then follows
 * them all. Without a consumer group: every board reads everything and commits nothing. Every
 * few seconds it asks the broker for the topics; no answer means the board is cut off, and it
 * says so on every tile until the broker answers again. An unreadable record is counted,
 * logged, and left out.
 */
public final class AndonFeed implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AndonFeed.class);
    private static final Map<Topic<?, ?>, Duration> HISTORY = Map.of(
            Topics.MACHINE_STATE, Duration.ZERO, Topics.OEE, Duration.ZERO, Topics.JOB_STATE, Duration.ZERO,
            Topics.MACHINE_ALARMS, Duration.ofDays(1), Topics.ALERTS, Duration.ofDays(1),
            Topics.ANDON_CALLS, Duration.ofDays(7));
    private static final Duration CONTACT_INTERVAL = Duration.ofSeconds(3);

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final BoardState board;
    private final Clock clock;
    private final Thread thread;
    private final AtomicLong undecodable = new AtomicLong();
    private final Map<TopicPartition, Long> startupEnd = new HashMap<>();
    private volatile boolean running = true;
    private long nextContact;

    public AndonFeed(Map<String, Object> kafka, BoardState board, Clock clock) {
        Map<String, Object> props = new HashMap<>(kafka);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "andon-board");
        props.put(ConsumerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
        props.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5_000);
        props.put(ConsumerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 2_000);
        this.consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        this.board = board;
        this.clock = clock;
        this.thread = new Thread(this::run, "andon-feed");
        this.thread.setDaemon(true);
    }

    public AndonFeed start() {
        thread.start();
        return this;
    }

    public long undecodable() {
        return undecodable.get();
    }

    private void run() {
        while (running) {
            try {
                long now = System.currentTimeMillis();
                if (now >= nextContact) {
                    contact();
                    nextContact = now + CONTACT_INTERVAL.toMillis();
                }
                if (consumer.assignment().isEmpty()) {
                    pause(); // nothing assigned yet: the next contact assigns
                    continue;
                }
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                    take(record);
                }
                checkCaughtUp();
            } catch (WakeupException e) {
                return;
            } catch (KafkaException e) {
                board.connected(false);
                LOG.warn("Reading the edge Kafka failed: {}; retrying", e.getMessage());
            } catch (RuntimeException e) {
                // the feed is the board's only source: whatever goes wrong is logged and it goes on
                LOG.error("The board's feed failed; it goes on", e);
                nextContact = 0;
                pause();
            }
        }
    }

    private void pause() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    /** Asks the broker for the topics: an answer means contact; the first answer assigns the partitions. */
    private void contact() {
        Map<String, List<PartitionInfo>> topics;
        try {
            topics = consumer.listTopics(Duration.ofSeconds(2));
        } catch (KafkaException e) {
            if (board.connected()) {
                LOG.warn("No contact with the edge Kafka: {}", e.getMessage());
            }
            board.connected(false);
            return;
        }
        if (!board.connected()) {
            LOG.info("Contact with the edge Kafka");
        }
        board.connected(true);
        if (consumer.assignment().isEmpty()) {
            assign(topics);
        }
    }

    private void assign(Map<String, List<PartitionInfo>> topics) {
        List<TopicPartition> partitions = new ArrayList<>();
        Map<TopicPartition, Long> byTime = new HashMap<>();
        long now = clock.millis();
        HISTORY.forEach((topic, history) -> topics.getOrDefault(topic.name(), List.of()).forEach(p -> {
            TopicPartition tp = new TopicPartition(topic.name(), p.partition());
            partitions.add(tp);
            if (!history.isZero()) {
                byTime.put(tp, now - history.toMillis());
            }
        }));
        if (partitions.isEmpty()) {
            return;
        }
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        consumer.offsetsForTimes(byTime).forEach((tp, offset) -> {
            if (offset != null) {
                consumer.seek(tp, offset.offset());
            } else {
                consumer.seekToEnd(List.of(tp));
            }
        });
        startupEnd.putAll(consumer.endOffsets(partitions));
        LOG.info("Reading {} partitions of the edge topics", partitions.size());
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

    private void checkCaughtUp() {
        if (board.caughtUp() || startupEnd.isEmpty()) {
            return;
        }
        for (Map.Entry<TopicPartition, Long> end : startupEnd.entrySet()) {
            if (consumer.position(end.getKey()) < end.getValue()) {
                return;
            }
        }
        board.caughtUp(true);
        LOG.info("Board caught up with the edge topics");
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        consumer.close();
    }
}
