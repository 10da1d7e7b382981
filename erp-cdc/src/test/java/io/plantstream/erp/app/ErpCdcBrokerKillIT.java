package io.plantstream.erp.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.plantstream.config.ConfigSource;
import io.plantstream.erp.ErpTestDatabase;
import io.plantstream.events.ErpOrder;
import io.plantstream.events.EventMeta;
import io.plantstream.events.JobState;
import io.plantstream.events.JobStatus;
import io.plantstream.events.Topics;
import io.plantstream.testkit.junit.KafkaClusterExtension;
import io.plantstream.testkit.kafka.TopicReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole erp-cdc service on three brokers, each in a JVM of its own (replication 3,
 * min.insync.replicas 2). While orders are written into the ERP and job states come in for
 * confirmation, the broker leading the order topic's partitions is killed with SIGKILL: every
 * order written reaches Kafka exactly once, and every confirmation reaches the ERP exactly once.
 */
class ErpCdcBrokerKillIT {
    private static final Logger LOG = LoggerFactory.getLogger(ErpCdcBrokerKillIT.class);
    private static final int ORDERS = 40;
    private static final int KILL_AFTER = 15;

    @RegisterExtension
    static final KafkaClusterExtension KAFKA = KafkaClusterExtension.of(b -> b.nodes(3).ownProcesses());

    private static ErpTestDatabase erp;
    private static Producer<byte[], byte[]> producer;
    private static ErpCdcService service;

    @BeforeAll
    static void start() throws Exception {
        erp = ErpTestDatabase.startBeside(KAFKA, (short) 3);
        producer = ErpTestDatabase.producer(KAFKA);
        Path secrets = Files.createDirectories(Path.of("target", "secrets-" + UUID.randomUUID()));
        Files.writeString(secrets.resolve("cdc"), erp.capturePassword());
        Files.writeString(secrets.resolve("writer"), erp.writerPassword());
        Map<String, String> settings = new HashMap<>();
        settings.put("kafka.bootstrap.servers", KAFKA.bootstrapServers());
        settings.put("erp.db.host", erp.server().host());
        settings.put("erp.db.port", Integer.toString(erp.server().port()));
        settings.put("erp.cdc.user", "erp_cdc");
        settings.put("erp.cdc.password.file", secrets.resolve("cdc").toString());
        settings.put("erp.writer.user", "erp_writer");
        settings.put("erp.writer.password.file", secrets.resolve("writer").toString());
        settings.put("erp.time.zone", "UTC");
        settings.put("work.centers", "M01, M02");
        settings.put("cdc.topic.replication", "3");
        settings.put("cdc.name", "erp-cdc-broker-kill");
        settings.put("http.port", "0");
        service = ErpCdcService.start(ErpCdcConfig.CATALOGUE.resolve(ConfigSource.of(settings, "test")));
        assertThat(service.awaitActive(60, TimeUnit.SECONDS)).as("holds the capture lease").isTrue();
    }

    @AfterAll
    static void stop() {
        if (service != null) {
            service.close();
        }
        if (producer != null) {
            producer.close();
        }
        if (erp != null) {
            erp.close();
        }
    }

    @Test
    void aBrokerKilledWhileOrdersAndConfirmationsFlowLosesAndRepeatsNothing() throws Exception {
        for (int i = 1; i <= KILL_AFTER; i++) {
            insertOrder(i);
            confirm(i);
        }
        await("the first orders in Kafka").atMost(Duration.ofSeconds(60)).until(() -> orders().size() >= KILL_AFTER);

        int leader;
        try (Admin admin = KAFKA.admin()) {
            leader = admin.describeTopics(List.of(Topics.ERP_ORDERS.name())).allTopicNames().get(30, TimeUnit.SECONDS)
                    .get(Topics.ERP_ORDERS.name()).partitions().get(0).leader().id();
        }
        KAFKA.cluster().killBroker(leader);
        long killed = System.nanoTime();
        for (int i = KILL_AFTER + 1; i <= ORDERS; i++) {
            insertOrder(i);
            confirm(i);
        }

        Map<String, Long> perOrder = await("every order in Kafka").atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofMillis(500)).until(ErpCdcBrokerKillIT::orders, o -> o.size() == ORDERS);
        long allCaptured = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killed);
        Map<String, Long> confirmations = await("every confirmation in the ERP").atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofMillis(500))
                .until(ErpCdcBrokerKillIT::confirmations, c -> c.values().stream().mapToLong(Long::longValue).sum()
                        >= 2L * ORDERS);
        long allConfirmed = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killed);
        LOG.info("Broker {} (leader of {}-0) killed: all {} orders in Kafka {} ms after it, all confirmations in "
                + "the ERP {} ms after it", leader, Topics.ERP_ORDERS.name(), ORDERS, allCaptured, allConfirmed);

        assertThat(perOrder.values()).as("each order captured once").containsOnly(1L);
        assertThat(confirmations).hasSize(ORDERS);
        assertThat(confirmations.values()).as("each job started and finished once in the ERP").containsOnly(2L);
        assertThat(service.isActive()).as("still the active capture").isTrue();
        assertThat(service.captureFinished()).as("the capture engine never stopped").isNotDone();
        assertThat(service.capture().refused()).isZero();
    }

    private static String orderNo(int i) {
        return String.format("BK-%03d", i);
    }

    private static void insertOrder(int i) {
        erp.execute("INSERT INTO production_order (order_no, article, quantity, work_center, ideal_cycle_s, status)"
                + " VALUES ('" + orderNo(i) + "', 'X', " + (100 + i) + ", 'M0" + (1 + i % 2) + "', 10, 'RELEASED')");
    }

    /** job-streams' word that the order's job is done: the writer confirms start and finish. */
    private static void confirm(int i) {
        JobState done = new JobState(EventMeta.of("job-streams", Instant.parse("2026-11-20T12:00:00Z").plusSeconds(i)),
                orderNo(i), "M0" + (1 + i % 2), "X", JobStatus.COMPLETED, 100 + i, 0, 100 + i, null, null, null, null,
                null);
        producer.send(new ProducerRecord<>(Topics.JOB_STATE.name(), done.orderNo().getBytes(),
                Topics.JOB_STATE.valueSerde().serializer().serialize(Topics.JOB_STATE.name(), done)));
    }

    /** How often each order's record is on the order topic. */
    private static Map<String, Long> orders() {
        return TopicReader.read(KAFKA.clientProperties(), Topics.ERP_ORDERS.name(), "orders-" + UUID.randomUUID(),
                        new StringDeserializer(), Topics.ERP_ORDERS.valueSerde().deserializer(), Integer.MAX_VALUE,
                        Duration.ofSeconds(1)).stream()
                .map(ConsumerRecord::value).map(ErpOrder::orderNo).filter(o -> o.startsWith("BK-"))
                .collect(Collectors.groupingBy(o -> o, TreeMap::new, Collectors.counting()));
    }

    /** How many confirmation rows each order has in the ERP. */
    private static Map<String, Long> confirmations() throws Exception {
        Map<String, Long> rows = new TreeMap<>();
        try (Connection connection = erp.root(); Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery(
                        "SELECT order_no, COUNT(*) FROM production_confirmation GROUP BY order_no")) {
            while (result.next()) {
                rows.put(result.getString(1), result.getLong(2));
            }
        }
        return rows;
    }
}
