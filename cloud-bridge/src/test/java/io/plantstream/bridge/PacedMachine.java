package io.plantstream.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import io.plantstream.events.EventMeta;
import io.plantstream.events.MachineState;
import io.plantstream.events.MachineStatus;
import io.plantstream.events.Topics;
import io.plantstream.testkit.kafka.EmbeddedKafkaCluster;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * A machine at the edge changing state every 20 ms under its own id; the event ids the edge
 * acknowledged are added to {@code sent}.
 */
final class PacedMachine implements AutoCloseable {
    private static final MachineStatus[] CYCLE = {MachineStatus.RUNNING, MachineStatus.IDLE, MachineStatus.DOWN};
    private final KafkaProducer<String, MachineState> producer;
    private final ScheduledExecutorService pace = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "paced-test-machine");
        thread.setDaemon(true);
        return thread;
    });
    private int changes;

    PacedMachine(EmbeddedKafkaCluster edge, String machineId, Set<String> sent) {
        producer = producer(edge, Topics.MACHINE_STATE.valueSerde().serializer());
        pace.scheduleAtFixedRate(() -> {
            MachineState state = new MachineState(EventMeta.of("paced-test", Instant.now()), machineId,
                    CYCLE[changes++ % CYCLE.length], null, null);
            producer.send(new ProducerRecord<>(Topics.MACHINE_STATE.name(), machineId, state), (meta, error) -> {
                if (error == null) {
                    sent.add(state.meta().eventId());
                }
            });
        }, 0, 20, TimeUnit.MILLISECONDS);
    }

    /** Stops changing and waits until everything sent is acknowledged. */
    @Override
    public void close() throws InterruptedException {
        pace.shutdown();
        assertThat(pace.awaitTermination(30, TimeUnit.SECONDS)).as("the machine stopped").isTrue();
        producer.flush();
        producer.close();
    }

    /** A producer as the platform's services write: acks from all in-sync replicas, idempotent. */
    static <V> KafkaProducer<String, V> producer(EmbeddedKafkaCluster cluster, Serializer<V> values) {
        Map<String, Object> props = new HashMap<>(cluster.clientProperties());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        return new KafkaProducer<>(props, new StringSerializer(), values);
    }
}
