package io.plantstream.events.follow;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads topics for a screen, on a thread of its own, without a consumer group: every instance
 * reads everything it selects and commits nothing (a screen rebuilds its picture at each start).
 * Every {@code contactInterval} it lists the cluster's topics: an answer is contact (reported),
 * and the {@link Selection} may add partitions, each read from its beginning or from a point in
 * time. It knows when everything that was there at the first look has been read (caught up).
 * Whatever fails is logged and retried: a screen's feed never stops by itself.
 */
public final class TopicFollower implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TopicFollower.class);
    private static final Duration POLL = Duration.ofMillis(100);
    private static final long PAUSE_MS = 200;

    /** Which partitions to add, given the cluster's topics and what is read already. */
    @FunctionalInterface
    public interface Selection {
        /** @return new partitions, each mapped to a start time in epoch ms, or to null for its beginning */
        Map<TopicPartition, Long> add(Map<String, List<PartitionInfo>> topics, Set<TopicPartition> assigned);
    }

    /** What the screen does with the records, and how it hears about contact. */
    public interface Sink {
        /** A batch of records (on the follower's thread). */
        void take(ConsumerRecords<byte[], byte[]> records);

        /** Contact with the cluster found or lost. */
        default void contact(boolean connected) {
        }

        /** Everything that was on the topics at the first look has been read. */
        default void caughtUp() {
        }
    }

    private final String name;
    private final Consumer<byte[], byte[]> consumer;
    private final Selection selection;
    private final Sink sink;
    private final Duration contactInterval;
    private final Thread thread;
    private final Map<TopicPartition, Long> startupEnd = new HashMap<>();
    private final AtomicLong records = new AtomicLong();
    private volatile boolean running = true;
    private volatile boolean connected;
    private volatile boolean caughtUp;
    private volatile boolean looked;
    private volatile Instant lastContact;
    private long nextContact;

    /** @param name names the thread and the client, e.g. {@code andon-feed} */
    public TopicFollower(String name, Map<String, Object> kafka, Selection selection, Sink sink,
            Duration contactInterval) {
        this(name, consumer(name, kafka), selection, sink, contactInterval);
    }

    /** With a consumer made elsewhere (it must not be in a group and must not commit). */
    TopicFollower(String name, Consumer<byte[], byte[]> consumer, Selection selection, Sink sink,
            Duration contactInterval) {
        this.name = name;
        this.consumer = consumer;
        this.selection = selection;
        this.sink = sink;
        this.contactInterval = contactInterval;
        this.thread = new Thread(this::run, name);
        this.thread.setDaemon(true);
    }

    private static Consumer<byte[], byte[]> consumer(String name, Map<String, Object> kafka) {
        Map<String, Object> props = new HashMap<>(kafka);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, name);
        props.putIfAbsent(ConsumerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
        props.putIfAbsent(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5_000);
        props.putIfAbsent(ConsumerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 2_000);
        return new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    public TopicFollower start() {
        thread.start();
        return this;
    }

    public boolean connected() {
        return connected;
    }

    public boolean caughtUp() {
        return caughtUp;
    }

    public long records() {
        return records.get();
    }

    /** When the cluster last answered, or null. */
    public Instant lastContact() {
        return lastContact;
    }

    private void run() {
        while (running) {
            try {
                if (System.currentTimeMillis() >= nextContact) {
                    look();
                    nextContact = System.currentTimeMillis() + contactInterval.toMillis();
                }
                if (consumer.assignment().isEmpty()) {
                    pause(); // nothing to read yet: the next look may find something
                    continue;
                }
                ConsumerRecords<byte[], byte[]> batch = consumer.poll(POLL);
                if (!batch.isEmpty()) {
                    records.addAndGet(batch.count());
                    sink.take(batch);
                }
                checkCaughtUp();
            } catch (WakeupException e) {
                return;
            } catch (KafkaException e) {
                LOG.warn("{}: reading failed: {}; retrying", name, e.getMessage());
                pause();
            } catch (RuntimeException e) {
                LOG.error("{}: failed; it goes on", name, e);
                pause();
            }
        }
    }

    /** Lists the topics (that answer is contact) and adds what the selection wants. */
    private void look() {
        Map<String, List<PartitionInfo>> topics;
        try {
            topics = consumer.listTopics(Duration.ofSeconds(2));
        } catch (KafkaException e) {
            if (connected) {
                LOG.warn("{}: no contact with Kafka: {}", name, e.getMessage());
            }
            contact(false);
            return;
        }
        if (!connected) {
            LOG.info("{}: contact with Kafka", name);
        }
        lastContact = Instant.now();
        contact(true);
        Set<TopicPartition> assigned = new HashSet<>(consumer.assignment());
        Map<TopicPartition, Long> added = selection.add(topics, assigned);
        if (!added.isEmpty()) {
            assign(assigned, added);
        }
        if (!looked) {
            looked = true;
            if (startupEnd.isEmpty()) {
                reachedEnd(); // nothing was there to read
            }
        }
    }

    /**
     * Assigns the new partitions and asks where they end and where their start times are: if
     * either question fails, the assignment is taken back and the next look tries again (else the
     * partitions would be read with no end known, and caught up said too early).
     */
    private void assign(Set<TopicPartition> assigned, Map<TopicPartition, Long> added) {
        Set<TopicPartition> before = new HashSet<>(assigned);
        Map<TopicPartition, Long> byTime = new HashMap<>();
        added.forEach((tp, time) -> {
            if (time != null) {
                byTime.put(tp, time);
            }
        });
        consumer.assign(union(before, added.keySet()));
        Map<TopicPartition, OffsetAndTimestamp> starts;
        Map<TopicPartition, Long> ends;
        try {
            starts = byTime.isEmpty() ? Map.of() : consumer.offsetsForTimes(byTime);
            ends = caughtUp ? Map.of() : consumer.endOffsets(new ArrayList<>(added.keySet()));
        } catch (RuntimeException e) {
            consumer.assign(before);
            throw e;
        }
        List<TopicPartition> fromBeginning = new ArrayList<>();
        List<TopicPartition> fromEnd = new ArrayList<>();
        for (TopicPartition tp : added.keySet()) {
            OffsetAndTimestamp start = starts.get(tp);
            if (!byTime.containsKey(tp)) {
                fromBeginning.add(tp);
            } else if (start == null) {
                fromEnd.add(tp); // nothing that recent
            } else {
                consumer.seek(tp, start.offset());
            }
        }
        // an empty list would mean every assigned partition to Kafka's consumer
        if (!fromBeginning.isEmpty()) {
            consumer.seekToBeginning(fromBeginning);
        }
        if (!fromEnd.isEmpty()) {
            consumer.seekToEnd(fromEnd);
        }
        startupEnd.putAll(ends);
        assigned.addAll(added.keySet());
        LOG.info("{}: reading {} more partition(s), {} in all", name, added.size(), assigned.size());
    }

    private static Set<TopicPartition> union(Set<TopicPartition> a, Set<TopicPartition> b) {
        Set<TopicPartition> all = new HashSet<>(a);
        all.addAll(b);
        return all;
    }

    private void checkCaughtUp() {
        if (caughtUp || startupEnd.isEmpty()) {
            return;
        }
        for (Map.Entry<TopicPartition, Long> end : startupEnd.entrySet()) {
            if (consumer.position(end.getKey()) < end.getValue()) {
                return;
            }
        }
        reachedEnd();
    }

    private void reachedEnd() {
        caughtUp = true;
        LOG.info("{}: caught up ({} records)", name, records.get());
        sink.caughtUp();
    }

    private void contact(boolean now) {
        boolean changed = connected != now;
        connected = now;
        if (changed) {
            sink.contact(now);
        }
    }

    private void pause() {
        try {
            Thread.sleep(PAUSE_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        consumer.close();
    }
}
