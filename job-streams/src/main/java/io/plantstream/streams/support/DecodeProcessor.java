package io.plantstream.streams.support;

import io.plantstream.events.Topic;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/**
 * First step after a source in a Processor API topology: decoded records go to {@code okChild},
 * undecodable ones to {@code deadLetterSink} with the reason; the stream keeps going either way.
 * Given an input frontier, every record it is given, decodable or not, is marked received on it.
 */
public final class DecodeProcessor<V> implements Processor<byte[], byte[], String, Object> {
    private final Topic<String, V> topic;
    private final String stage;
    private final String okChild;
    private final String deadLetterSink;
    private final InputFrontier frontier;
    private ProcessorContext<String, Object> context;
    /** What this task received of its partition of the topic, or null without a frontier. */
    private InputFrontier.Received received;

    public DecodeProcessor(Topic<String, V> topic, String stage, String okChild, String deadLetterSink) {
        this(topic, stage, okChild, deadLetterSink, null);
    }

    public DecodeProcessor(Topic<String, V> topic, String stage, String okChild, String deadLetterSink,
            InputFrontier frontier) {
        this.topic = topic;
        this.stage = stage;
        this.okChild = okChild;
        this.deadLetterSink = deadLetterSink;
        this.frontier = frontier;
    }

    @Override
    public void init(ProcessorContext<String, Object> context) {
        this.context = context;
        // a task reads the partition of its own number from each of its (co-partitioned) topics
        this.received = frontier == null ? null
                : frontier.received(new TopicPartition(topic.name(), context.taskId().partition()));
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        RecordMetadata metadata = context.recordMetadata().orElseThrow();
        if (received != null) {
            received.record(metadata.offset());
        }
        Record<String, Object> result = Decoding.decode(topic, stage, record, metadata);
        context.forward(result, result.value() instanceof DeadLetter ? deadLetterSink : okChild);
    }
}
