package io.plantstream.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import io.plantstream.events.CloudTopics;
import io.plantstream.events.EventMeta;
import io.plantstream.events.JobCommand;
import io.plantstream.events.JobCommandType;
import io.plantstream.events.MachineState;
import io.plantstream.events.MachineStatus;
import io.plantstream.events.Topics;
import io.plantstream.testkit.kafka.EmbeddedKafkaCluster;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.IntFunction;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Writes a record at a fixed pace, as a machine or a planner would; the ids of the records the
 * cluster acknowledged are added to {@code sent}.
 */
final class PacedWriter<V> implements AutoCloseable {
    private static final MachineStatus[] CYCLE = {MachineStatus.RUNNING, MachineStatus.IDLE, MachineStatus.DOWN};
    private final KafkaProducer<String, V> producer;
    private final ScheduledExecutorService pace = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "paced-test-writer");
        thread.setDaemon(true);
        return thread;
    });
    private int written;

    /**
     * @param next the n-th record (from 0)
     * @param key its key
     * @param id its id, counted once acknowledged
     */
    private PacedWriter(EmbeddedKafkaCluster cluster, String topic, Serializer<V> values, Duration period,
            IntFunction<V> next, Function<V, String> key, Function<V, String> id, Set<String> sent) {
        producer = producer(cluster, values);
        pace.scheduleAtFixedRate(() -> {
            V value = next.apply(written++);
            producer.send(new ProducerRecord<>(topic, key.apply(value), value), (meta, error) -> {
                if (error == null) {
                    sent.add(id.apply(value));
                }
            });
        }, 0, period.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** A machine at the edge changing state every 20 ms; the event ids are counted. */
    static PacedWriter<MachineState> machine(EmbeddedKafkaCluster edge, String machineId, Set<String> sent) {
        return new PacedWriter<>(edge, Topics.MACHINE_STATE.name(), Topics.MACHINE_STATE.valueSerde().serializer(),
                Duration.ofMillis(20), n -> new MachineState(EventMeta.of("paced-test", Instant.now()), machineId,
                        CYCLE[n % CYCLE.length], null, null), MachineState::machineId, s -> s.meta().eventId(), sent);
    }

    /** A planner in the cloud pausing a job of one of four machines every 100 ms; the command ids are counted. */
    static PacedWriter<JobCommand> planner(EmbeddedKafkaCluster cloud, String site, Set<String> sent) {
        return new PacedWriter<>(cloud, CloudTopics.commands(site), Topics.JOB_COMMANDS.valueSerde().serializer(),
                Duration.ofMillis(100), n -> new JobCommand(EventMeta.of("dashboard", Instant.now()),
                        "cloud-" + UUID.randomUUID(), "M0" + (n % 4 + 1), JobCommandType.PAUSE, "47" + n, "planner-kim",
                        Instant.now(), null), JobCommand::machineId, JobCommand::commandId, sent);
    }

    /** Stops writing and waits until everything written is acknowledged. */
    @Override
    public void close() throws InterruptedException {
        pace.shutdown();
        assertThat(pace.awaitTermination(30, TimeUnit.SECONDS)).as("the writer stopped").isTrue();
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
