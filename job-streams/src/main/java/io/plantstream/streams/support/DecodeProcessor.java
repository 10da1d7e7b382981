package io.plantstream.streams.support;

import io.plantstream.events.Topic;
import io.plantstream.events.serde.EventDecodingException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * First step after every source: raw bytes become a contract record, or go to the topic's
 * dead-letter sink with the reason; the stream keeps going either way.
 */
public final class DecodeProcessor<V> implements Processor<byte[], byte[], String, Decoded<V>> {
    private final Topic<String, V> topic;
    private final String stage;
    private final String okChild;
    private final String deadLetterSink;
    private final Deserializer<V> deserializer;
    private ProcessorContext<String, Decoded<V>> context;

    public DecodeProcessor(Topic<String, V> topic, String stage, String okChild, String deadLetterSink) {
        this.topic = topic;
        this.stage = stage;
        this.okChild = okChild;
        this.deadLetterSink = deadLetterSink;
        this.deserializer = topic.valueSerde().deserializer();
    }

    @Override
    public void init(ProcessorContext<String, Decoded<V>> context) {
        this.context = context;
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        String key = record.key() == null ? null : new String(record.key(), java.nio.charset.StandardCharsets.UTF_8);
        if (record.value() == null) {
            DeadLetterSupport.forward(context, deadLetterSink, record, stage, "tombstone on a topic of events", null);
            return;
        }
        try {
            V value = deserializer.deserialize(topic.name(), record.value());
            String expectedKey = topic.keyFor(value);
            if (!expectedKey.equals(key)) {
                DeadLetterSupport.forward(context, deadLetterSink, record, stage,
                        "key '" + key + "' does not match the record's key field '" + expectedKey + "'", null);
                return;
            }
            context.forward(record.withKey(key).withValue(new Decoded<>(value, record.value(), topic.name())), okChild);
        } catch (EventDecodingException e) {
            DeadLetterSupport.forward(context, deadLetterSink, record, stage, e.getMessage(), e);
        }
    }
}
