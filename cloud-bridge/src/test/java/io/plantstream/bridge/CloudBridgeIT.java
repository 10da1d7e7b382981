package io.plantstream.bridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.plantstream.collector.app.CollectorConfig;
import io.plantstream.collector.app.CollectorService;
import io.plantstream.config.ConfigSource;
import io.plantstream.events.AckResult;
import io.plantstream.events.CloudTopics;
import io.plantstream.events.EventMeta;
import io.plantstream.events.JobAck;
import io.plantstream.events.JobCommand;
import io.plantstream.events.JobCommandType;
import io.plantstream.events.JobParameters;
import io.plantstream.events.MachineState;
import io.plantstream.events.MachineStatus;
import io.plantstream.events.Topics;
import io.plantstream.testkit.kafka.EmbeddedKafkaCluster;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Two real Kafka clusters, edge and cloud, with the bridge between them and a real collector's
 * job agent at the edge: plant data goes up under the site prefix, commands come down and are
 * answered, and a cut link loses nothing.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CloudBridgeIT {
    private static final Logger LOG = LoggerFactory.getLogger(CloudBridgeIT.class);
    private static final String SITE = "plant-a";
    private static final Duration LINK_DOWN = Duration.ofSeconds(60);

    private static BridgeTestClusters clusters;
    private static Path dir;
    private static EmbeddedKafkaCluster edge;
    private static EmbeddedKafkaCluster cloud;
    private static CollectorService collector;
    private static CloudBridge bridge;

    @BeforeAll
    static void start() throws Exception {
        clusters = BridgeTestClusters.start(SITE, 1);
        dir = clusters.dir();
        edge = clusters.edge();
        cloud = clusters.cloud();
        collector = startCollector();
        bridge = startBridge();
    }

    @AfterAll
    static void stop() throws Exception {
        if (clusters != null) {
            clusters.closeWith(bridge, collector);
        }
    }

    @Test
    @Order(1)
    void plantDataArrivesInTheCloudUnderTheSitePrefixUnchanged() throws Exception {
        MachineState state = new MachineState(EventMeta.of("test", Instant.now()), "M42", MachineStatus.DOWN,
                "E17", "hydraulics");
        try (KafkaProducer<String, MachineState> producer = PacedWriter.producer(edge, Topics.MACHINE_STATE.valueSerde()
                .serializer())) {
            producer.send(new ProducerRecord<>(Topics.MACHINE_STATE.name(), "M42", state)).get();
        }
        try (TopicTail<MachineState> tail = new TopicTail<>(cloud.clientProperties(),
                CloudTopics.remote(SITE, Topics.MACHINE_STATE), Topics.MACHINE_STATE.valueSerde().deserializer())) {
            await("the state change in the cloud under " + CloudTopics.remote(SITE, Topics.MACHINE_STATE))
                    .atMost(Duration.ofSeconds(60))
                    .until(() -> tail.poll().stream().anyMatch(r -> r.meta().eventId().equals(state.meta().eventId())));
            MachineState mirrored = tail.values().stream()
                    .filter(r -> r.meta().eventId().equals(state.meta().eventId())).findFirst().orElseThrow();
            assertThat(mirrored).isEqualTo(state);
            assertThat(tail.keys()).contains("M42");
        }
    }

    @Test
    @Order(2)
    void commandsIssuedInTheCloudReachTheEdgeJobAgentAndTheirAnswersComeBack() throws Exception {
        JobCommand dispatch = command(JobCommandType.DISPATCH, new JobParameters("BRACKET-7", 500, 12.5, null));
        JobAck dispatched = issueInTheCloud(dispatch);
        assertThat(dispatched.result()).isEqualTo(AckResult.APPLIED);
        assertThat(dispatched.orderNo()).isEqualTo("4711");
        await("the machine holding the dispatched job").atMost(Duration.ofSeconds(30))
                .until(() -> collector.status().get("M01").startsWith("IDLE"));

        JobAck started = issueInTheCloud(command(JobCommandType.START, null));
        assertThat(started.result()).isEqualTo(AckResult.APPLIED);
        await("the machine producing the job started from the cloud").atMost(Duration.ofSeconds(30))
                .until(() -> collector.status().get("M01").startsWith("RUNNING"));
    }

    private static JobCommand command(JobCommandType type, JobParameters parameters) {
        return new JobCommand(EventMeta.of("dashboard", Instant.now()), "cloud-" + UUID.randomUUID(), "M01", type,
                "4711", "planner-anna", Instant.now(), parameters);
    }

    /** Writes the command to the site's cloud command topic; returns the machine's answer as it arrived in the cloud. */
    private static JobAck issueInTheCloud(JobCommand command) throws Exception {
        try (KafkaProducer<String, JobCommand> producer = PacedWriter.producer(cloud, Topics.JOB_COMMANDS.valueSerde()
                .serializer())) {
            producer.send(new ProducerRecord<>(CloudTopics.commands(SITE), command.machineId(), command)).get();
        }
        try (TopicTail<JobCommand> edgeCommands = new TopicTail<>(edge.clientProperties(), Topics.JOB_COMMANDS.name(),
                Topics.JOB_COMMANDS.valueSerde().deserializer());
             TopicTail<JobAck> cloudAcks = new TopicTail<>(cloud.clientProperties(),
                     CloudTopics.remote(SITE, Topics.JOB_ACKS), Topics.JOB_ACKS.valueSerde().deserializer())) {
            await("the cloud's " + command.type() + " on the edge's job.commands.v1").atMost(Duration.ofSeconds(60))
                    .until(() -> edgeCommands.poll().stream().anyMatch(c -> c.equals(command)));
            await("the machine's answer to " + command.type() + " back in the cloud").atMost(Duration.ofSeconds(60))
                    .until(() -> cloudAcks.poll().stream().anyMatch(a -> a.commandId().equals(command.commandId())));
            return cloudAcks.values().stream().filter(a -> a.commandId().equals(command.commandId())).findFirst()
                    .orElseThrow();
        }
    }

    @Test
    @Order(3)
    void aReaderOfTheEdgeFindsItsPositionInTheCloudCopy() throws Exception {
        Map<String, Object> props = new HashMap<>(edge.clientProperties());
        props.put(org.apache.kafka.clients.consumer.ConsumerConfig.GROUP_ID_CONFIG, "mes-reader");
        props.put(org.apache.kafka.clients.consumer.ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(org.apache.kafka.clients.consumer.ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        try (org.apache.kafka.clients.consumer.KafkaConsumer<String, byte[]> mes = new org.apache.kafka.clients.consumer
                .KafkaConsumer<>(props, new org.apache.kafka.common.serialization.StringDeserializer(),
                new org.apache.kafka.common.serialization.ByteArrayDeserializer())) {
            mes.subscribe(List.of(Topics.MACHINE_STATE.name()));
            await("the MES reading the machine states at the edge").atMost(Duration.ofSeconds(30))
                    .until(() -> !mes.poll(Duration.ofMillis(200)).isEmpty());
            mes.commitSync();
        }
        String copy = CloudTopics.remote(SITE, Topics.MACHINE_STATE);
        try (Admin cloudAdmin = cloud.admin()) {
            await("the MES's position on " + copy + " in the cloud").atMost(Duration.ofSeconds(60)).until(() ->
                    cloudAdmin.listConsumerGroupOffsets("mes-reader").partitionsToOffsetAndMetadata().get().keySet()
                            .stream().anyMatch(tp -> tp.topic().equals(copy)));
        }
        assertThat(MirrorSettings.PLATFORM_GROUPS).contains("collector-", "plantstream-");
    }

    /**
     * The link is cut for a minute (the cloud broker stopped) while the edge keeps producing,
     * then the bridge itself is restarted under load: every record reaches the cloud.
     */
    @Test
    @Order(4)
    void aCutLinkAndABridgeRestartLoseNothing() throws Exception {
        Set<String> sent = java.util.concurrent.ConcurrentHashMap.newKeySet();
        PacedWriter<MachineState> plant = PacedWriter.machine(edge, "LINK", sent);
        String topic = CloudTopics.remote(SITE, Topics.MACHINE_STATE);
        try (TopicTail<MachineState> tail = new TopicTail<>(cloud.clientProperties(), topic,
                Topics.MACHINE_STATE.valueSerde().deserializer())) {
            await("records flowing to the cloud").atMost(Duration.ofSeconds(60))
                    .until(() -> tail.poll().stream().anyMatch(s -> s.machineId().equals("LINK")));
            int beforeCut = sent.size();
            cloud.stopBroker(1);
            long cut = System.nanoTime();
            LOG.info("Link cut: cloud broker stopped for {} s", LINK_DOWN.toSeconds());
            await("a minute of production at the edge with the link cut").atMost(LINK_DOWN.plusSeconds(30))
                    .pollInterval(Duration.ofSeconds(1))
                    .until(() -> System.nanoTime() - cut >= LINK_DOWN.toNanos() && sent.size() - beforeCut > 1000);
            int duringCut = sent.size() - beforeCut;
            long back = System.nanoTime();
            cloud.startBroker(1);
            Set<String> sentUntilBack = Set.copyOf(sent);
            await("the cloud's copy complete after the link returned").atMost(Duration.ofSeconds(120))
                    .pollInterval(Duration.ofMillis(200)).untilAsserted(() -> assertAllArrived(tail, sentUntilBack));
            LOG.info("Link back: {} records made during the cut were in the cloud {} ms after it returned",
                    duringCut, Duration.ofNanos(System.nanoTime() - back).toMillis());
            
            bridge.close();
            bridge = startBridge();
            plant.close();
            await("the cloud's copy complete after the bridge restarted").atMost(Duration.ofSeconds(120))
                    .pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> assertAllArrived(tail, sent));
            List<String> ids = tail.values().stream().filter(s -> s.machineId().equals("LINK"))
                    .map(s -> s.meta().eventId()).toList();
            LOG.info("Counted: {} sent at the edge, {} distinct in the cloud, {} copies in all", sent.size(),
                    new HashSet<>(ids).size(), ids.size());
            assertThat(new HashSet<>(ids)).isEqualTo(sent);
        }
    }

    private static void assertAllArrived(TopicTail<MachineState> tail, Set<String> sent) {
        tail.poll();
        Set<String> missing = new HashSet<>(sent);
        tail.values().stream().filter(s -> s.machineId().equals("LINK")).forEach(s -> missing.remove(s.meta().eventId()));
        assertThat(missing.size()).as("records sent at the edge (of %d) not yet in the cloud", sent.size()).isZero();
    }

    private static CollectorService startCollector() throws Exception {
        Path definitions = dir.resolve("machines.yaml");
        Files.createDirectories(dir);
        Files.writeString(definitions, """
                id: M01
                name: Press 1
                line: L1
                kind: simulated
                connection: {cycleSeconds: "1", scrapRate: "0", seed: "1"}
                poll: 500ms
                tags: {running: running, fault: fault, partCounter: partCounter, rejectCounter: rejectCounter, activeJob: activeJob}
                stateRules:
                  - {when: running, state: RUNNING}
                  - {otherwise: IDLE, reason: NO_JOB}
                """);
        return CollectorService.start(CollectorConfig.CATALOGUE.resolve(ConfigSource.of(Map.of(
                "kafka.bootstrap.servers", edge.bootstrapServers(),
                "machines", definitions.toString(),
                "state.dir", dir.resolve("collector").toString(),
                "http.port", "0",
                "time.zone", "Europe/Berlin"), "test")));
    }

    private static CloudBridge startBridge() {
        return clusters.startBridge();
    }

}
