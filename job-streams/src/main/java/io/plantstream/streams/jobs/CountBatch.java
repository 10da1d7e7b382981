package io.plantstream.streams.jobs;

import io.plantstream.events.EventMeta;
import io.plantstream.events.MachineCounts;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One machine's count reports not yet handed to the job stream, summed per job, and the ids of
 * its recent reports (a repeated report is dropped). The value of the count-batch store.
 */
final class CountBatch {
    /** Recent report ids, UTF-8, oldest first (kept as bytes: the batch is written with every report). */
    final Deque<byte[]> recentIds = new ArrayDeque<>();
    /** Pending sums by order number, in the order the jobs were first counted. */
    final Map<String, Pending> pending = new LinkedHashMap<>();

    /** Adds the report unless its id is among the recent ones; false for a repeated report. */
    boolean add(MachineCounts counts, long timestamp, int partition, long offset) {
        byte[] id = counts.meta().eventId().getBytes(StandardCharsets.UTF_8);
        for (byte[] recent : recentIds) {
            if (Arrays.equals(recent, id)) {
                return false;
            }
        }
        recentIds.addLast(id);
        if (recentIds.size() > JobRecord.RECENT_IDS) {
            recentIds.removeFirst();
        }
        pending.computeIfAbsent(counts.orderNo(), order -> new Pending(order, counts.meta().eventId(), offset))
                .add(counts, timestamp, partition, offset);
        return true;
    }

    /** The sums of one job's reports since the last hand-over. */
    static final class Pending {
        final String orderNo;
        final String firstId;
        final long firstOffset;
        long produced;
        long rejected;
        long producedCounter;
        long rejectedCounter;
        boolean counterReset;
        int reports;
        String lastId;
        String lastSource;
        long lastEventTimeMs;
        long lastTimestamp;
        int partition;
        long lastOffset;

        Pending(String orderNo, String firstId, long firstOffset) {
            this.orderNo = orderNo;
            this.firstId = firstId;
            this.firstOffset = firstOffset;
        }

        void add(MachineCounts counts, long timestamp, int sourcePartition, long offset) {
            produced += counts.producedDelta();
            rejected += counts.rejectedDelta();
            producedCounter = counts.producedCounter();
            rejectedCounter = counts.rejectedCounter();
            counterReset |= counts.counterReset();
            reports++;
            lastId = counts.meta().eventId();
            lastSource = counts.meta().source();
            lastEventTimeMs = Math.max(lastEventTimeMs, counts.meta().eventTime().toEpochMilli());
            lastTimestamp = Math.max(lastTimestamp, timestamp);
            partition = sourcePartition;
            lastOffset = offset;
        }

        /**
         * One report standing for all: the sums, the last counter values, the latest event time.
         * A single report keeps its own id; several get an id derived from the first and last.
         */
        MachineCounts toCounts(String machineId) {
            Instant time = Instant.ofEpochMilli(lastEventTimeMs);
            EventMeta meta = reports == 1
                    ? new EventMeta(lastId, lastSource, time, EventMeta.CURRENT_SCHEMA_VERSION)
                    : EventMeta.derived(lastSource, time, "counts|" + firstId + "|" + lastId + "|" + reports);
            return new MachineCounts(meta, machineId, produced, rejected, producedCounter, rejectedCounter,
                    counterReset, orderNo);
        }

        String describe() {
            return reports + " count reports, offsets " + firstOffset + "-" + lastOffset + " of partition " + partition;
        }
    }
}
