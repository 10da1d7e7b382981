package io.plantstream.bench;

import io.plantstream.events.FactoryEvent;
import io.plantstream.events.Topic;
import io.plantstream.testkit.kafka.EmbeddedKafkaCluster;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * How the benchmarks write their events: acks=all, idempotent, lz4, each event stamped with its
 * own time. One request in flight per connection, so a first batch that meets a partition not yet
 * open cannot be overtaken by the next and then refused as out of order. A record that could not
 * be written fails the benchmark at the next flush: figures are never taken over a partial input.
 */
final class BenchProducer implements AutoCloseable {
    private final KafkaProducer<String, byte[]> producer;
    private final AtomicLong failed = new AtomicLong();

    BenchProducer(EmbeddedKafkaCluster kafka) {
        Map<String, Object> props = new HashMap<>(kafka.clientProperties());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        props.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1);
        producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
    }

    <V> void send(Topic<String, V> topic, V event) {
        long time = ((FactoryEvent) event).meta().eventTime().toEpochMilli();
        producer.send(new ProducerRecord<>(topic.name(), null, time, topic.keyFor(event),
                topic.valueSerde().serializer().serialize(topic.name(), event)), (metadata, error) -> {
                    if (error != null) {
                        failed.incrementAndGet();
                    }
                });
    }

    /** Waits until everything sent is written; fails when anything was not. */
    void flush() {
        producer.flush();
        if (failed.get() > 0) {
            throw new IllegalStateException(failed.get() + " benchmark records were not written");
        }
    }

    @Override
    public void close() {
        producer.close();
    }
}
