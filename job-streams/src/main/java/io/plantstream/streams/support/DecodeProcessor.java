package io.plantstream.streams.support;

import io.plantstream.events.Topic;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * First step after a source in a Processor API topology: decoded records go to {@code okChild},
 * undecodable ones to {@code deadLetterSink} with the reason; the stream keeps going either way.
 */
public final class DecodeProcessor<V> implements Processor<byte[], byte[], String, Object> {
    private final Topic<String, V> topic;
    private final String stage;
    private final String okChild;
    private final String deadLetterSink;
    private ProcessorContext<String, Object> context;

    public DecodeProcessor(Topic<String, V> topic, String stage, String okChild, String deadLetterSink) {
        this.topic = topic;
        this.stage = stage;
        this.okChild = okChild;
        this.deadLetterSink = deadLetterSink;
    }

    @Override
    public void init(ProcessorContext<String, Object> context) {
        this.context = context;
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        Record<String, Object> result = Decoding.decode(topic, stage, record, context.recordMetadata().orElseThrow());
        context.forward(result, result.value() instanceof DeadLetter ? deadLetterSink : okChild);
    }
}
