package io.plantstream.streams.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.plantstream.events.Topic;
import io.plantstream.events.Topics;
import io.plantstream.testkit.junit.KafkaClusterExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Three brokers, each in a JVM of its own (replication 3, min.insync.replicas 2), and job-streams
 * with exactly-once processing. In the middle of the shift the broker coordinating the OEE
 * application's group is killed with SIGKILL (no controlled shutdown, no flush): the group, the
 * transactions and the partitions it led move to the other brokers while job-streams keeps
 * publishing live figures, and every machine's final OEE and job state are those of an
 * uninterrupted run, each final record once.
 *
 * <p>A broker's death holds up one of a machine's topics for seconds (a new leader, a metadata
 * refresh) while the others flow; as the test replays hours in seconds, that skew is hours of
 * event time. Shifts and hours close only once both the state and the count topic are past them
 * ({@code oee.input.wait}), so the skew cannot close a shift before its counts arrive.
 */
class JobStreamsBrokerKillIT {
    private static final Logger LOG = LoggerFactory.getLogger(JobStreamsBrokerKillIT.class);

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
        String group = ShiftUnderFault.GROUPS.get(0);
        ShiftUnderFault.Recovery recovery = new ShiftUnderFault(KAFKA, producer, dir, (short) 3).run(1, instances -> {
            int coordinator;
            try (Admin admin = KAFKA.admin()) {
                coordinator = admin.describeConsumerGroups(List.of(group)).all().get(30, TimeUnit.SECONDS).get(group)
                        .coordinator().id();
            }
            KAFKA.cluster().killBroker(coordinator);
            long killed = System.nanoTime();
            await("new leaders for the partitions broker " + coordinator + " led").atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(200)).ignoreExceptions().until(() -> leadsNothing(coordinator));
            long moved = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killed);
            LOG.info("Broker {} killed; its partitions had new leaders {} ms later", coordinator, moved);
            return "broker " + coordinator + " (coordinator of " + group + ") killed, leaders moved in " + moved + " ms";
        });
        assertThat(recovery.fault()).contains("killed");
        assertThat(KAFKA.cluster().nodeIds().stream().filter(KAFKA.cluster()::isRunning)).hasSize(2);
    }

    private static boolean leadsNothing(int broker) throws Exception {
        try (Admin admin = KAFKA.admin()) {
            for (TopicDescription topic : admin.describeTopics(Topics.all().stream().map(Topic::name).toList())
                    .allTopicNames().get(10, TimeUnit.SECONDS).values()) {
                if (topic.partitions().stream().anyMatch(p -> p.leader() == null || p.leader().id() == broker)) {
                    return false;
                }
            }
        }
        return true;
    }
}
