package io.plantstream.collector.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.plantstream.events.MachineCounts;
import io.plantstream.events.Topics;
import io.plantstream.events.admin.TopicProvisioner;
import io.plantstream.testkit.junit.KafkaClusterExtension;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.TopicPartitionInfo;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A collector on a three-broker cluster (replication 3, min.insync.replicas 2): the broker that
 * leads the machine's partition goes away while the machine produces, and comes back. Every
 * part is counted exactly once, in order.
 */
class CollectorBrokerLossIT {
    @RegisterExtension
    static final KafkaClusterExtension KAFKA = KafkaClusterExtension.threeBrokers();

    private static CollectorFixture fixture;

    @BeforeAll
    static void start() throws Exception {
        fixture = new CollectorFixture();
        try (Admin admin = KAFKA.admin()) {
            new TopicProvisioner(admin, (short) 3, Duration.ofSeconds(60)).ensure(Topics.all());
        }
    }

    @AfterAll
    static void stop() {
        if (fixture != null) {
            fixture.close();
        }
    }

    @Test
    void losingThePartitionLeaderUnderLoadLosesAndDuplicatesNothing() throws Exception {
        loseTheLeaderUnderLoad(KAFKA, fixture, "state-three", leader -> KAFKA.cluster().stopBroker(leader));
    }

    /**
     * The machine makes a part every 100 ms for 15 s; the leader of M05's partition is taken away
     * after 5 s and started again after 10 s. Every part is counted once, in order.
     */
    static void loseTheLeaderUnderLoad(KafkaClusterExtension kafka, CollectorFixture fixture, String stateDir,
            java.util.function.IntConsumer takeAway) throws Exception {
        fixture.sql("INSERT INTO results (run, fault, good, scrap, job) VALUES (1, 0, 0, 0, 'J-1')");
        try (CollectorService collector = fixture.start(kafka.bootstrapServers(), stateDir)) {
            await().atMost(Duration.ofSeconds(30)).until(() -> collector.reading("M05"));
            AtomicInteger made = new AtomicInteger();
            AtomicInteger leader = new AtomicInteger(-1);
            Instant began = Instant.now();
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() -> {
                int part = made.incrementAndGet();
                fixture.sql("INSERT INTO results (run, fault, good, scrap, job) VALUES (1, 0, " + part + ", 0, 'J-1')");
                long elapsed = Duration.between(began, Instant.now()).toMillis();
                if (leader.get() < 0 && elapsed > 5_000) {
                    leader.set(leaderOfM05(kafka));
                    takeAway.accept(leader.get());
                } else if (leader.get() >= 0 && elapsed > 10_000 && !kafka.cluster().isRunning(leader.get())) {
                    kafka.cluster().startBroker(leader.get());
                }
                return elapsed >= 15_000;
            });
            List<MachineCounts> counts = await().atMost(Duration.ofSeconds(90)).until(() -> CollectorFixture.read(
                    kafka.clientProperties(), Topics.MACHINE_COUNTS, "M05"), c -> c.stream()
                    .mapToLong(MachineCounts::producedDelta).sum() >= made.get());
            assertThat(counts.stream().mapToLong(MachineCounts::producedDelta).sum()).isEqualTo(made.get());
            assertThat(counts).extracting(MachineCounts::producedCounter).isSorted().doesNotHaveDuplicates();
            assertThat(counts).extracting(c -> c.meta().eventId()).doesNotHaveDuplicates();
            assertThat(collector.journal().dropped()).isZero();
            System.out.printf("broker loss: %d parts made while broker %d left and came back; %d counted, in order%n",
                    made.get(), leader.get(), counts.stream().mapToLong(MachineCounts::producedDelta).sum());
        }
    }

    private static int leaderOfM05(KafkaClusterExtension kafka) throws Exception {
        int partition = org.apache.kafka.common.utils.Utils.toPositive(org.apache.kafka.common.utils.Utils.murmur2(
                "M05".getBytes(java.nio.charset.StandardCharsets.UTF_8))) % Topics.MACHINE_COUNTS.partitions();
        try (Admin admin = kafka.admin()) {
            TopicPartitionInfo info = admin.describeTopics(List.of(Topics.MACHINE_COUNTS.name())).allTopicNames().get()
                    .get(Topics.MACHINE_COUNTS.name()).partitions().get(partition);
            return info.leader().id();
        }
    }
}
