package io.plantstream.bridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.plantstream.events.CloudTopics;
import io.plantstream.events.JobCommand;
import io.plantstream.events.MachineState;
import io.plantstream.events.Topics;
import io.plantstream.testkit.kafka.EmbeddedKafkaCluster;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bridge at an edge of three brokers, each in a JVM of its own (replication 3,
 * min.insync.replicas 2): while a machine changes state every 20 ms and the cloud issues a
 * command every 100 ms, the edge broker leading the machine's partition is killed with SIGKILL.
 * Every state reaches the cloud and every command the edge, each exactly once.
 */
class CloudBridgeBrokerKillIT {
    private static final Logger LOG = LoggerFactory.getLogger(CloudBridgeBrokerKillIT.class);
    private static final String SITE = "plant-k";
    private static final String MACHINE = "KILL";

    private static BridgeTestClusters clusters;
    private static CloudBridge bridge;

    @BeforeAll
    static void start() throws Exception {
        clusters = BridgeTestClusters.start(SITE, 3);
        bridge = clusters.startBridge();
    }

    @AfterAll
    static void stop() throws Exception {
        if (clusters != null) {
            clusters.closeWith(bridge);
        }
    }

    @Test
    void anEdgeBrokerKilledUnderLoadLosesAndRepeatsNothingEitherWay() throws Exception {
        EmbeddedKafkaCluster edge = clusters.edge();
        Set<String> sent = ConcurrentHashMap.newKeySet();
        Set<String> issued = ConcurrentHashMap.newKeySet();
        String up = CloudTopics.remote(SITE, Topics.MACHINE_STATE);
        try (TopicTail<MachineState> cloudStates = new TopicTail<>(clusters.cloud().clientProperties(), up,
                Topics.MACHINE_STATE.valueSerde().deserializer());
                TopicTail<JobCommand> edgeCommands = new TopicTail<>(edge.clientProperties(), Topics.JOB_COMMANDS.name(),
                        Topics.JOB_COMMANDS.valueSerde().deserializer())) {
            long killed;
            try (PacedWriter<MachineState> machine = PacedWriter.machine(edge, MACHINE, sent);
                    PacedWriter<JobCommand> planner = PacedWriter.planner(clusters.cloud(), SITE, issued)) {
                await("states flowing to the cloud and commands issued").atMost(Duration.ofSeconds(60))
                        .until(() -> issued.size() >= 10
                                && cloudStates.poll().stream().anyMatch(s -> s.machineId().equals(MACHINE)));
                int leader = leaderOfTheMachinesPartition(edge);
                edge.killBroker(leader);
                killed = System.nanoTime();
                LOG.info("Edge broker {}, leading the machine's partition, killed with SIGKILL", leader);
                await("15 s of production and planning after the kill").atMost(Duration.ofSeconds(60))
                        .until(() -> System.nanoTime() - killed > TimeUnit.SECONDS.toNanos(15));
            }
            long stopped = System.nanoTime();
            LOG.info("{} states acknowledged at the edge, {} commands in the cloud", sent.size(), issued.size());
            await("every state in the cloud").atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500))
                    .until(() -> ids(cloudStates.poll()).containsAll(sent));
            long statesIn = System.nanoTime() - stopped;
            await("every command at the edge").atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500))
                    .until(() -> edgeCommands.poll().stream().map(JobCommand::commandId).toList().containsAll(issued));
            LOG.info("Machine and planner stopped {} ms after the kill; every state in the cloud {} ms and every "
                    + "command at the edge {} ms after they stopped", TimeUnit.NANOSECONDS.toMillis(stopped - killed),
                    TimeUnit.NANOSECONDS.toMillis(statesIn), TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - stopped));

            List<String> copies = cloudStates.values().stream().filter(s -> s.machineId().equals(MACHINE))
                    .map(s -> s.meta().eventId()).toList();
            assertThat(new HashSet<>(copies)).as("the states in the cloud").isEqualTo(sent);
            assertThat(copies).as("each state once in the cloud").hasSameSizeAs(sent);
            List<String> commands = edgeCommands.values().stream().map(JobCommand::commandId).toList();
            assertThat(new HashSet<>(commands)).as("the commands at the edge").isEqualTo(issued);
            assertThat(commands).as("each command once at the edge").hasSameSizeAs(issued);
            assertThat(edge.nodeIds().stream().filter(edge::isRunning)).hasSize(2);
        }
    }

    private static int leaderOfTheMachinesPartition(EmbeddedKafkaCluster edge) throws Exception {
        int partition = Utils.toPositive(Utils.murmur2(MACHINE.getBytes(StandardCharsets.UTF_8)))
                % Topics.MACHINE_STATE.partitions();
        try (Admin admin = edge.admin()) {
            return admin.describeTopics(List.of(Topics.MACHINE_STATE.name())).allTopicNames().get(30, TimeUnit.SECONDS)
                    .get(Topics.MACHINE_STATE.name()).partitions().get(partition).leader().id();
        }
    }

    private static Set<String> ids(List<MachineState> states) {
        Set<String> ids = new HashSet<>();
        states.stream().filter(s -> s.machineId().equals(MACHINE)).forEach(s -> ids.add(s.meta().eventId()));
        return ids;
    }
}
