package io.plantstream.events.dlq;

import io.plantstream.events.Topic;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Objects;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * The dead-letter convention: a record that could not be used goes to {@code <topic>.dlq} with
 * its original key and value bytes untouched, its original headers, and the reason and source
 * coordinates in {@code dlq.*} headers.
 */
public final class DeadLetters {

    public static final String REASON = "dlq.reason";
    public static final String STAGE = "dlq.stage";
    public static final String ERROR_CLASS = "dlq.error.class";
    public static final String SOURCE_TOPIC = "dlq.source.topic";
    public static final String SOURCE_PARTITION = "dlq.source.partition";
    public static final String SOURCE_OFFSET = "dlq.source.offset";
    public static final String SOURCE_TIMESTAMP = "dlq.source.timestamp";
    public static final String ORIGIN = "dlq.origin";
    public static final String FAILED_AT = "dlq.failed.at";

    private DeadLetters() {
    }

    /** The dead-letter topic name for a source topic. */
    public static String topicFor(String sourceTopic) {
        return sourceTopic.endsWith(Topic.DLQ_SUFFIX) ? sourceTopic : sourceTopic + Topic.DLQ_SUFFIX;
    }

    /**
     * A dead letter for a record consumed from Kafka.
     *
     * @param stage which step refused it (e.g. {@code job-streams/oee}), for whoever reads the DLQ
     */
    public static ProducerRecord<byte[], byte[]> of(ConsumerRecord<byte[], byte[]> source, String stage,
            String reason, Throwable error) {
        Headers headers = headers(source.headers(), source.topic(), source.partition(), source.offset(),
                source.timestamp(), stage, reason, error);
        return new ProducerRecord<>(topicFor(source.topic()), null, source.key(), source.value(), headers);
    }

    /**
     * The headers of a dead letter: the original headers (without old {@code dlq.*} ones), the
     * source coordinates and the reason. For code that forwards dead letters itself (Kafka Streams).
     */
    public static Headers headers(Headers original, String sourceTopic, int partition, long offset, long timestamp,
            String stage, String reason, Throwable error) {
        RecordHeaders headers = copy(original);
        headers.add(SOURCE_TOPIC, utf8(sourceTopic));
        headers.add(SOURCE_PARTITION, utf8(Integer.toString(partition)));
        headers.add(SOURCE_OFFSET, utf8(Long.toString(offset)));
        headers.add(SOURCE_TIMESTAMP, utf8(Long.toString(timestamp)));
        describe(headers, stage, reason, error);
        return headers;
    }

    /**
     * A dead letter for data that never was a Kafka record (a file, a PLC read, a database row)
     * and was meant for {@code intendedTopic}.
     *
     * @param origin where the data came from, e.g. {@code file:/outbox/M07/result-42.csv}
     */
    public static ProducerRecord<byte[], byte[]> of(String intendedTopic, byte[] key, byte[] value,
            String origin, String stage, String reason, Throwable error) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(ORIGIN, utf8(Objects.requireNonNull(origin, "origin")));
        describe(headers, stage, reason, error);
        return new ProducerRecord<>(topicFor(intendedTopic), null, key, value, headers);
    }

    /** The value of a header as text, or null when absent. */
    public static String header(Headers headers, String name) {
        Header header = headers.lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static void describe(RecordHeaders headers, String stage, String reason, Throwable error) {
        headers.add(STAGE, utf8(Objects.requireNonNull(stage, "stage")));
        headers.add(REASON, utf8(Objects.requireNonNull(reason, "reason")));
        if (error != null) {
            headers.add(ERROR_CLASS, utf8(error.getClass().getName()));
        }
        headers.add(FAILED_AT, utf8(Instant.now().toString()));
    }

    private static RecordHeaders copy(Headers original) {
        RecordHeaders headers = new RecordHeaders();
        for (Header header : original) {
            if (!header.key().startsWith("dlq.")) {
                headers.add(header);
            }
        }
        return headers;
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
