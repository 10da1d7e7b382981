package io.plantstream.streams.support;

import io.plantstream.events.dlq.DeadLetters;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Dead letters inside topologies: values of type {@link DeadLetter}, reasons in the record headers. */
public final class DeadLetterSupport {
    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterSupport.class);
    private static final long WARN_EVERY_NANOS = TimeUnit.SECONDS.toNanos(10);
    private static final AtomicLong LAST_WARN =
            new AtomicLong(System.nanoTime() - WARN_EVERY_NANOS);
    private static final AtomicLong SINCE_LAST_WARN = new AtomicLong();

    /** Writes a dead letter's original bytes. */
    public static final Serde<Object> VALUE_SERDE = Serdes.serdeFrom((topic, value) -> ((DeadLetter) value).value(),
            (topic, bytes) -> {
                throw new UnsupportedOperationException("dead letters are only written");
            });

    private DeadLetterSupport() {
    }

    /**
     * A dead letter for a decoded record that a later step could not use: its original bytes,
     * bound for its source topic's dead-letter topic, with the coordinates it was first read at.
     */
    public static Record<String, Object> deadLetter(Record<String, ? extends Decoded<?>> record, String stage,
            String reason) {
        Decoded<?> decoded = record.value();
        Headers headers = DeadLetters.headers(record.headers(), decoded.sourceTopic(), decoded.sourcePartition(),
                decoded.sourceOffset(), record.timestamp(), stage, reason, null);
        log(decoded.sourceTopic(), decoded.sourceOffset(), stage, reason);
        return new Record<>(record.key(), new DeadLetter(DeadLetters.topicFor(decoded.sourceTopic()), decoded.raw()),
                record.timestamp(), headers);
    }

    /**
     * Logs a dead letter: every one at DEBUG, and at WARN at most one per ten seconds with the
     * count of those not shown, so a flood of bad input cannot drown the log (the dead-letter
     * topic has them all).
     */
    static void log(String topic, long offset, String stage, String reason) {
        LOG.debug("Dead letter from {}@{} ({}): {}", topic, offset, stage, reason);
        long now = System.nanoTime();
        long last = LAST_WARN.get();
        if (now - last >= WARN_EVERY_NANOS && LAST_WARN.compareAndSet(last, now)) {
            long suppressed = SINCE_LAST_WARN.getAndSet(0);
            LOG.warn("Dead letter from {}@{} ({}): {}{}", topic, offset, stage, reason,
                    suppressed == 0 ? "" : " (and " + suppressed + " more since the last report)");
        } else {
            SINCE_LAST_WARN.incrementAndGet();
        }
    }
}
