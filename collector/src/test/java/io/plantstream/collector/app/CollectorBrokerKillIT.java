package io.plantstream.collector.app;

import io.plantstream.events.Topics;
import io.plantstream.events.admin.TopicProvisioner;
import io.plantstream.testkit.junit.KafkaClusterExtension;
import java.time.Duration;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * As {@link CollectorBrokerLossIT}, but each of the three brokers runs in a JVM of its own and the
 * one leading the machine's partition is killed with SIGKILL (no controlled shutdown, no flush)
 * while the machine produces. Every part is counted exactly once, in order.
 */
class CollectorBrokerKillIT {
    @RegisterExtension
    static final KafkaClusterExtension KAFKA = KafkaClusterExtension.of(b -> b.nodes(3).ownProcesses());

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
    void killingThePartitionLeaderUnderLoadLosesAndDuplicatesNothing() throws Exception {
        CollectorBrokerLossIT.loseTheLeaderUnderLoad(KAFKA, fixture, "state-killed",
                leader -> KAFKA.cluster().killBroker(leader));
    }
}
