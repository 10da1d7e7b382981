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
        long base = nextBase();
        fixture.sql("INSERT INTO results (run, fault, good, scrap, job) VALUES (1, 0, " + base + ", 0, 'J-9')");
        try (CollectorService collector = fixture.start(KAFKA.bootstrapServers(), "state-outage")) {
            await().atMost(Duration.ofSeconds(30)).until(() -> collector.journal().delivered() > 0);
            int broker = KAFKA.cluster().nodeIds().get(0);
            KAFKA.cluster().stopBroker(broker);
            Instant down = Instant.now();
            AtomicInteger made = new AtomicInteger();
            // the machine goes on producing: one part every half second for the 30 s the broker is away
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> {
                int part = made.incrementAndGet();
                fixture.sql("INSERT INTO results (run, fault, good, scrap, job) VALUES (1, 0, " + (base + part) + ", "
                        + part / 10 + ", 'J-9')");
                return Duration.between(down, Instant.now()).toSeconds() >= 30;
            });
            long waiting = collector.journal().backlogBytes();
            KAFKA.cluster().startBroker(broker);

            List<MachineCounts> counts = await().atMost(Duration.ofSeconds(90)).until(() -> CollectorFixture.read(
                    KAFKA.clientProperties(), Topics.MACHINE_COUNTS, "M05").stream()
                    .filter(c -> c.producedCounter() > base).toList(), c -> c.stream()
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
        long base = nextBase();
        fixture.sql("INSERT INTO results (run, fault, good, scrap, job) VALUES (1, 0, " + base + ", 0, 'J-10')");
        try (CollectorService first = fixture.start(KAFKA.bootstrapServers(), "state-restart")) {
            await().atMost(Duration.ofSeconds(30)).until(() -> first.reading("M05"));
            fixture.sql("INSERT INTO results (run, fault, good, scrap, job) VALUES (1, 0, " + (base + 4) + ", 0, 'J-10')");
            await().atMost(Duration.ofSeconds(30)).until(() -> counted(base) == 4);
        }
        for (long good = base + 5; good <= base + 20; good++) {
            fixture.sql("INSERT INTO results (run, fault, good, scrap, job) VALUES (1, 0, " + good + ", 0, 'J-10')");
        }
        try (CollectorService second = fixture.start(KAFKA.bootstrapServers(), "state-restart")) {
            fixture.sql("INSERT INTO results (run, fault, good, scrap, job) VALUES (1, 0, " + (base + 21) + ", 0, 'J-10')");
            await().atMost(Duration.ofSeconds(30)).until(() -> counted(base) >= 21);
            assertThat(counted(base)).as("every part from the base to base + 21 once").isEqualTo(21);
        }
    }

    @Test
    void aCollectorStartedOnAnotherNodeContinuesFromThePublishedCounters() throws Exception {
        long base = nextBase();
        fixture.sql("INSERT INTO results (run, fault, good, scrap, job) VALUES (1, 0, " + base + ", 0, 'J-11')");
        try (CollectorService first = fixture.start(KAFKA.bootstrapServers(), "state-node-a")) {
            await().atMost(Duration.ofSeconds(30)).until(() -> first.reading("M05"));
            fixture.sql("INSERT INTO results (run, fault, good, scrap, job) VALUES (1, 0, " + (base + 3) + ", 0, 'J-11')");
            await().atMost(Duration.ofSeconds(30)).until(() -> counted(base) == 3);
        }
        for (long good = base + 4; good <= base + 10; good++) {
            fixture.sql("INSERT INTO results (run, fault, good, scrap, job) VALUES (1, 0, " + good + ", 0, 'J-11')");
        }
        // node a is gone with its disk: the collector on node b has nothing local but the machine definitions
        try (CollectorService moved = fixture.start(KAFKA.bootstrapServers(), "state-node-b")) {
            await().atMost(Duration.ofSeconds(30)).until(() -> counted(base) >= 10);
            fixture.sql("INSERT INTO results (run, fault, good, scrap, job) VALUES (1, 0, " + (base + 12) + ", 0, 'J-11')");
            await().atMost(Duration.ofSeconds(30)).until(() -> counted(base) >= 12);
            assertThat(counted(base)).as("every part from the base to base + 12 once").isEqualTo(12);
        }
    }

    /** A counter value above everything the machine reported so far, so tests run in any order. */
    private static long nextBase() throws Exception {
        try (var connection = java.sql.DriverManager.getConnection(fixture.database.jdbcUrl("m05"),
                fixture.database.rootUser(), fixture.database.rootPassword());
                var statement = connection.createStatement();
                var result = statement.executeQuery("SELECT COALESCE(MAX(good), 0) FROM results")) {
            result.next();
            return result.getLong(1) + 1000;
        }
    }

    /** Parts counted on M05 with counters above a base. */
    private static long counted(long above) {
        return CollectorFixture.read(KAFKA.clientProperties(), Topics.MACHINE_COUNTS, "M05").stream()
                .filter(c -> c.producedCounter() > above).mapToLong(MachineCounts::producedDelta).sum();
    }
}
