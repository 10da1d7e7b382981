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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Faults around a collector, counted in versus out: the broker stopped for 30 s while the
 * machine produces, and the collector itself stopped while the machine produces.
 */
class CollectorOutageIT {
    @RegisterExtension
    static final KafkaClusterExtension KAFKA = KafkaClusterExtension.singleBroker();

    private static CollectorFixture fixture;

    @BeforeAll
    static void start() throws Exception {
        fixture = new CollectorFixture();
        try (Admin admin = KAFKA.admin()) {
            new TopicProvisioner(admin, (short) 1, Duration.ofSeconds(30)).ensure(Topics.all());
        }
    }

    @AfterAll
    static void stop() {
        if (fixture != null) {
            fixture.close();
        }
    }

    @Test
    void aBrokerStoppedFor30SecondsLosesNoCountAndChangesNoOrder() throws Exception {
        fixture.sql("INSERT INTO results (run, fault, good, scrap, job) VALUES (1, 0, 1000, 0, 'J-9')");
        try (CollectorService collector = fixture.start(KAFKA.bootstrapServers())) {
            await().atMost(Duration.ofSeconds(30)).until(() -> collector.journal().delivered() > 0);
            int broker = KAFKA.cluster().nodeIds().get(0);
            KAFKA.cluster().stopBroker(broker);
            Instant down = Instant.now();
            AtomicInteger made = new AtomicInteger();
            // the machine goes on producing: one part every half second for the 30 s the broker is away
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> {
                int part = made.incrementAndGet();
                fixture.sql("INSERT INTO results (run, fault, good, scrap, job) VALUES (1, 0, " + (1000 + part) + ", "
                        + part / 10 + ", 'J-9')");
                return Duration.between(down, Instant.now()).toSeconds() >= 30;
            });
            long waiting = collector.journal().backlogBytes();
            KAFKA.cluster().startBroker(broker);

            List<MachineCounts> counts = await().atMost(Duration.ofSeconds(90)).until(() -> CollectorFixture.read(
                    KAFKA.clientProperties(), Topics.MACHINE_COUNTS, "M05"), c -> c.stream()
                    .mapToLong(MachineCounts::producedDelta).sum() >= made.get());
            assertThat(waiting).as("events waited in the journal").isPositive();
            assertThat(counts.stream().mapToLong(MachineCounts::producedDelta).sum()).isEqualTo(made.get());
            assertThat(counts.stream().mapToLong(MachineCounts::rejectedDelta).sum()).isEqualTo(made.get() / 10);
            assertThat(counts).extracting(MachineCounts::producedCounter).isSorted().doesNotHaveDuplicates();
            assertThat(collector.journal().dropped()).isZero();
            System.out.printf("broker outage: %d parts made in %d s with the broker stopped, %d bytes journalled,"
                    + " %d counted after it returned%n", made.get(), Duration.between(down, Instant.now()).toSeconds(),
                    waiting, counts.stream().mapToLong(MachineCounts::producedDelta).sum());
        }
    }

    @Test
    void aCollectorStoppedAndStartedAgainCountsEveryPartOnce() throws Exception {
        fixture.sql("INSERT INTO results (run, fault, good, scrap, job) VALUES (1, 0, 5000, 0, 'J-10')");
        try (CollectorService first = fixture.start(KAFKA.bootstrapServers())) {
            fixture.sql("INSERT INTO results (run, fault, good, scrap, job) VALUES (1, 0, 5004, 0, 'J-10')");
            await().atMost(Duration.ofSeconds(30)).until(() -> counted(5000) == 4);
        }
        for (int good = 5005; good <= 5020; good++) {
            fixture.sql("INSERT INTO results (run, fault, good, scrap, job) VALUES (1, 0, " + good + ", 0, 'J-10')");
        }
        try (CollectorService second = fixture.start(KAFKA.bootstrapServers())) {
            fixture.sql("INSERT INTO results (run, fault, good, scrap, job) VALUES (1, 0, 5021, 0, 'J-10')");
            await().atMost(Duration.ofSeconds(30)).until(() -> counted(5000) >= 21);
            assertThat(counted(5000)).as("every part from 5000 to 5021 once").isEqualTo(21);
        }
    }

    /** Parts counted on M05 with counters above a base. */
    private static long counted(long above) {
        return CollectorFixture.read(KAFKA.clientProperties(), Topics.MACHINE_COUNTS, "M05").stream()
                .filter(c -> c.producedCounter() > above).mapToLong(MachineCounts::producedDelta).sum();
    }
}
