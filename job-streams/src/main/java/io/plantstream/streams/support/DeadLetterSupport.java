package io.plantstream.streams.support;

import io.plantstream.events.dlq.DeadLetters;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Sends the original bytes of the record being processed to a dead-letter sink, with the reason. */
public final class DeadLetterSupport {
    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterSupport.class);

    private DeadLetterSupport() {
    }

    public static void forward(ProcessorContext<?, ?> context, String sink, Record<?, ?> record, byte[] key,
            byte[] value, String stage, String reason, Throwable error) {
        RecordMetadata source = context.recordMetadata().orElse(null);
        Headers headers = DeadLetters.headers(record.headers(), source == null ? "unknown" : source.topic(),
                source == null ? -1 : source.partition(), source == null ? -1 : source.offset(), record.timestamp(),
                stage, reason, error);
        LOG.warn("Dead letter from {} ({}): {}", source == null ? "?" : source.topic() + "@" + source.offset(), stage,
                reason);
        @SuppressWarnings("unchecked")
        ProcessorContext<Object, Object> any = (ProcessorContext<Object, Object>) context;
        any.forward(new Record<>(key, value, record.timestamp(), headers), sink);
    }

    public static void forward(ProcessorContext<?, ?> context, String sink, Record<byte[], byte[]> raw, String stage,
            String reason, Throwable error) {
        forward(context, sink, raw, raw.key(), raw.value(), stage, reason, error);
    }

    public static void forward(ProcessorContext<?, ?> context, String sink, Record<String, ? extends Decoded<?>> record,
            String stage, String reason) {
        byte[] key = record.key() == null ? null : utf8(record.key());
        forward(context, sink, record, key, record.value().raw(), stage, reason, null);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
