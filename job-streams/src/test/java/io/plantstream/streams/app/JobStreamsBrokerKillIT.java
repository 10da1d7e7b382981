package io.plantstream.streams.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.plantstream.testkit.junit.KafkaClusterExtension;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three brokers, each in a JVM of its own (replication 3, min.insync.replicas 2), and job-streams
 * with exactly-once processing. While it works through the second half of the shift (all of it
 * acknowledged by the brokers) the broker coordinating the OEE application's group is killed with
 * SIGKILL (no controlled shutdown, no flush): the group, the transactions and the partitions it
 * led move to the other brokers, and every machine's final OEE and job state are those of an
 * uninterrupted run, each final record once.
 *
 * <p>The fault comes once the input is on the brokers because a producer held up on one machine
 * topic while it delivers another (the collector's own loss test covers its producer) skews event
 * time by as long as the hold-up; live, that is seconds within the shift's grace, but a test that
 * replays four hours in a second would turn it into hours.
 */
class JobStreamsBrokerKillIT {
    @RegisterExtension
    static final KafkaClusterExtension KAFKA = KafkaClusterExtension.of(b -> b.nodes(3).ownProcesses());

    @TempDir
    static Path dir;

    private static KafkaProducer<String, byte[]> producer;

    @BeforeAll
    static void topics() throws Exception {
        producer = StreamsKafka.provision(KAFKA, (short) 3);
    }

    @AfterAll
    static void closeProducer() {
        producer.close();
    }

    @Test
    void theGroupCoordinatorKilledMidShiftLeavesEveryMachineExact() throws Exception {
        ShiftUnderFault.Recovery recovery = new ShiftUnderFault(KAFKA, producer, dir, (short) 3).run(1,
                ShiftUnderFault.When.WHEN_ALL_IS_SENT, instances -> {
            int coordinator;
            try (Admin admin = KAFKA.admin()) {
                coordinator = admin.describeConsumerGroups(List.of(ShiftUnderFault.GROUPS.get(0))).all()
                        .get(30, TimeUnit.SECONDS).get(ShiftUnderFault.GROUPS.get(0)).coordinator().id();
            }
            KAFKA.cluster().killBroker(coordinator);
            return "broker " + coordinator + " (coordinator of " + ShiftUnderFault.GROUPS.get(0) + ") killed";
        });
        assertThat(recovery.fault()).contains("killed");
        assertThat(KAFKA.cluster().nodeIds().stream().filter(KAFKA.cluster()::isRunning)).hasSize(2);
    }
}
