package io.plantstream.streams.support;

import io.plantstream.events.Topic;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where this instance's stream tasks stand in their input partitions against what the brokers
 * hold: the next offset after the last record a task received, and each partition's end offset
 * (read committed) as listed every interval. A partition whose end is past what its task received
 * has records the task has not been given yet, however long it has been silent: a fetch held up
 * after a broker died, say. Thread-safe: tasks write what they received, a listing thread the ends.
 */
public final class InputFrontier implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(InputFrontier.class);
    /** How long one listing may take before it counts as failed. */
    private static final Duration LISTING_TIMEOUT = Duration.ofSeconds(5);

    /**
     * What a task received of one partition: the next offset after its last record, or -1. The
     * task's thread writes it with every record, so it is looked up once per task, not per record.
     */
    public static final class Received {
        private volatile long next = -1;

        /** The task was given the record at {@code offset}. */
        public void record(long offset) {
            next = offset + 1;
        }

        /** A task (re)starts on the partition: what an earlier owner received no longer tells anything. */
        public void forget() {
            next = -1;
        }
    }

    private final Map<TopicPartition, Received> received = new ConcurrentHashMap<>();
    private final Map<TopicPartition, Long> ends = new ConcurrentHashMap<>();
    private final ScheduledExecutorService lister;
    private final Admin admin;
    private volatile boolean listingFailed;

    private InputFrontier(Admin admin) {
        this.admin = admin;
        this.lister = admin == null ? null : Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "input-frontier");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** A frontier that knows no ends until told ({@link #endOffsets}): inputs never count as pending. */
    public static InputFrontier unlisted() {
        return new InputFrontier(null);
    }

    /** A frontier listing the end offsets of every partition of {@code topics} every {@code interval}. */
    public static InputFrontier listing(Map<String, Object> clientProperties, List<Topic<?, ?>> topics,
            Duration interval) {
        InputFrontier frontier = new InputFrontier(Admin.create(clientProperties));
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        for (Topic<?, ?> topic : topics) {
            for (int p = 0; p < topic.partitions(); p++) {
                latest.put(new TopicPartition(topic.name(), p), OffsetSpec.latest());
            }
        }
        frontier.lister.scheduleWithFixedDelay(() -> frontier.list(latest), 0, interval.toMillis(),
                TimeUnit.MILLISECONDS);
        return frontier;
    }

    private void list(Map<TopicPartition, OffsetSpec> latest) {
        try {
            Map<TopicPartition, Long> listed = new HashMap<>();
            admin.listOffsets(latest, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all()
                    .get(LISTING_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                    .forEach((partition, info) -> listed.put(partition, info.offset()));
            endOffsets(listed);
            if (listingFailed) {
                LOG.info("End offsets of the stream's inputs listed again");
                listingFailed = false;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            // Keep the ends last listed: a broker's fail-over is when they matter most.
            if (!listingFailed) {
                LOG.warn("Cannot list the end offsets of the stream's inputs ({}); keeping the last known", e.toString());
                listingFailed = true;
            }
        }
    }

    /** End offsets as listed; an end never moves back (a listing answered by a lagging replica). */
    public void endOffsets(Map<TopicPartition, Long> listed) {
        listed.forEach((partition, end) -> ends.merge(partition, end, Math::max));
    }

    /** What the task owning {@code partition} received of it. */
    public Received received(TopicPartition partition) {
        return received.computeIfAbsent(partition, p -> new Received());
    }

    /** Whether the brokers hold records of the partition its task has not received; false when unknown. */
    public boolean pending(TopicPartition partition) {
        long next = received(partition).next;
        Long end = ends.get(partition);
        return next >= 0 && end != null && end > next;
    }

    @Override
    public void close() {
        if (lister != null) {
            lister.shutdownNow();
            admin.close(Duration.ofSeconds(5));
        }
    }
}
