package io.plantstream.testkit.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.plantstream.testkit.junit.KafkaClusterExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Three brokers in JVMs of their own; a producer (acks=all, idempotent) writes a record every
 * 10 ms to one partition while its leader is killed with SIGKILL and later started again. Every
 * record arrives once and in order; how long writes stalled and how long the restarted broker
 * took to be back in sync are logged (the Kafka part of the recovery figures in
 * docs/operations.md), with Kafka's default broker session time-out, as the edge cluster runs.
 */
class BrokerKillRecoveryIT {
    private static final Logger LOG = LoggerFactory.getLogger(BrokerKillRecoveryIT.class);
    private static final String TOPIC = "recovery";
    private static final int BEFORE = 300;
    private static final int AFTER = 700;

    @RegisterExtension
    static final KafkaClusterExtension KAFKA = KafkaClusterExtension.of(b -> b.nodes(3).ownProcesses()
            // Kafka's own defaults, as the edge cluster runs (the other tests shorten them)
            .brokerProperty("broker.session.timeout.ms", "9000")
            .brokerProperty("broker.heartbeat.interval.ms", "2000"));

    @Test
    void theLeaderKilledUnderWritesCostsNoRecordAndComesBackInSync() throws Exception {
        try (Admin admin = KAFKA.admin()) {
            admin.createTopics(List.of(new NewTopic(TOPIC, 1, (short) 3)
                    .configs(Map.of("min.insync.replicas", "2")))).all().get(60, TimeUnit.SECONDS);
        }
        Map<String, Object> props = new HashMap<>(KAFKA.clientProperties());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 120_000);
        List<Long> ackedAt = Collections.synchronizedList(new ArrayList<>());
        AtomicReference<Exception> failed = new AtomicReference<>();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props, new StringSerializer(),
                new StringSerializer())) {
            for (int i = 0; i < BEFORE + AFTER; i++) {
                if (i == BEFORE) {
                    producer.flush();
                    int leader = describe().partitions().get(0).leader().id();
                    KAFKA.cluster().killBroker(leader);
                }
                producer.send(new ProducerRecord<>(TOPIC, "machine", Integer.toString(i)), (metadata, error) -> {
                    if (error != null) {
                        failed.compareAndSet(null, error);
                    } else {
                        ackedAt.add(System.nanoTime());
                    }
                });
                pace();
            }
            producer.flush();
        }
        assertThat(failed.get()).as("no write failed").isNull();

        List<String> values = TopicReader.read(KAFKA.clientProperties(), TOPIC, "recovery-check",
                new StringDeserializer(), new StringDeserializer(), BEFORE + AFTER, Duration.ofSeconds(60))
                .stream().map(ConsumerRecord::value).toList();
        assertThat(values).as("every record once, in order")
                .containsExactlyElementsOf(java.util.stream.IntStream.range(0, BEFORE + AFTER).mapToObj(Integer::toString)
                        .toList());

        long longestStall = 0;
        for (int i = 1; i < ackedAt.size(); i++) {
            longestStall = Math.max(longestStall, ackedAt.get(i) - ackedAt.get(i - 1));
        }
        int dead = KAFKA.cluster().nodeIds().stream().filter(id -> !KAFKA.cluster().isRunning(id)).findFirst()
                .orElseThrow();
        long restarted = System.nanoTime();
        KAFKA.cluster().startBroker(dead);
        await("the restarted broker back in sync").atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(100))
                .ignoreExceptions().until(() -> describe().partitions().get(0).isr().size() == 3);
        long backInSync = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - restarted);
        LOG.info("Leader {} of {} killed under writes every 10 ms: longest wait between acknowledgements {} ms; "
                + "{} of {} records read back once, in order; restarted, back in sync {} ms later",
                dead, TOPIC, TimeUnit.NANOSECONDS.toMillis(longestStall), values.size(), BEFORE + AFTER, backInSync);
        assertThat(KAFKA.cluster().isRunning(dead)).isTrue();
    }

    private static TopicDescription describe() throws Exception {
        try (Admin admin = KAFKA.admin()) {
            return admin.describeTopics(List.of(TOPIC)).allTopicNames().get(30, TimeUnit.SECONDS).get(TOPIC);
        }
    }

    /** One record every 10 ms, as a busy machine's events would come. */
    private static void pace() throws InterruptedException {
        TimeUnit.MILLISECONDS.sleep(10);
    }
}
