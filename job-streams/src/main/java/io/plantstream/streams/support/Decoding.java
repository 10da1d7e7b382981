package io.plantstream.streams.support;

import io.plantstream.events.Topic;
import io.plantstream.events.dlq.DeadLetters;
import io.plantstream.events.serde.EventDecodingException;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/** DSL sources that decode contract records and dead-letter what cannot be decoded. */
public final class Decoding {
    private Decoding() {
    }

    /** A stream of decoded records of {@code topic}; undecodable ones go to its dead-letter topic. */
    public static <V> KStream<String, Decoded<?>> stream(StreamsBuilder builder, Topic<String, V> topic,
            String prefix, String stage) {
        KStream<String, Object> results = builder
                .stream(topic.name(), Consumed.with(Serdes.ByteArray(), Serdes.ByteArray())
                        .withName(prefix + "-source-" + topic.name()))
                .process(() -> new Decoder<>(topic, stage), Named.as(prefix + "-decode-" + topic.name()));
        sendDeadLetters(results, prefix + "-dlq-" + topic.name());
        return results.filter((k, v) -> v instanceof Decoded<?>, Named.as(prefix + "-decoded-" + topic.name()))
                .mapValues(v -> (Decoded<?>) v, Named.as(prefix + "-typed-" + topic.name()));
    }

    /** Writes the {@link DeadLetter} values of a stream to their dead-letter topics. */
    public static void sendDeadLetters(KStream<String, Object> results, String name) {
        results.filter((k, v) -> v instanceof DeadLetter, Named.as(name + "-select"))
                .to((key, value, context) -> ((DeadLetter) value).topic(),
                        Produced.with(Serdes.String(), DeadLetterSupport.VALUE_SERDE).withName(name));
    }

    /** Decodes one raw record: a {@link Decoded} value, or a {@link DeadLetter} with the reason in its headers. */
    public static <V> Record<String, Object> decode(Topic<String, V> topic, String stage, Record<byte[], byte[]> record,
            RecordMetadata source) {
        String key = record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
        String problem;
        EventDecodingException error = null;
        if (record.value() == null) {
            problem = "tombstone on a topic of events";
        } else {
            try {
                V value = topic.valueSerde().deserializer().deserialize(topic.name(), record.value());
                String expected = topic.keyFor(value);
                if (expected.equals(key)) {
                    return record.withKey(key).withValue(new Decoded<>(value, record.value(), topic.name(),
                            source.partition(), source.offset()));
                }
                problem = "key '" + key + "' does not match the record's key field '" + expected + "'";
            } catch (EventDecodingException e) {
                problem = e.getMessage();
                error = e;
            }
        }
        Headers headers = DeadLetters.headers(record.headers(), source.topic(), source.partition(), source.offset(),
                record.timestamp(), stage, problem, error);
        DeadLetterSupport.log(source.topic(), source.offset(), stage, problem);
        return new Record<>(key, new DeadLetter(topic.deadLetter().name(), record.value()), record.timestamp(), headers);
    }

    private static final class Decoder<V> implements Processor<byte[], byte[], String, Object> {
        private final Topic<String, V> topic;
        private final String stage;
        private ProcessorContext<String, Object> context;

        Decoder(Topic<String, V> topic, String stage) {
            this.topic = topic;
            this.stage = stage;
        }

        @Override
        public void init(ProcessorContext<String, Object> context) {
            this.context = context;
        }

        @Override
        public void process(Record<byte[], byte[]> record) {
            context.forward(decode(topic, stage, record, context.recordMetadata().orElseThrow()));
        }
    }
}
