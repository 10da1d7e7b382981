package io.plantstream.erp.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.plantstream.config.Config;
import io.plantstream.config.ConfigSource;
import io.plantstream.erp.ErpTestDatabase;
import io.plantstream.events.ErpOrder;
import io.plantstream.events.EventMeta;
import io.plantstream.events.JobState;
import io.plantstream.events.JobStatus;
import io.plantstream.events.OrderStatus;
import io.plantstream.events.Topics;
import io.plantstream.events.admin.TopicProvisioner;
import io.plantstream.events.dlq.DeadLetters;
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
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The whole service, configured for an ERP whose tables look nothing like the sample: German
 * table and column names, cycle times in minutes, status codes, due dates kept as text.
 * Passwords come from files, as from mounted Secrets.
 */
class ErpCdcServiceIT {
    @RegisterExtension
    static final KafkaClusterExtension KAFKA = KafkaClusterExtension.singleBroker();

    private static ErpTestDatabase erp;
    private static ErpCdcService service;

    @BeforeAll
    static void start() throws Exception {
        erp = new ErpTestDatabase(Path.of("target", "erp-" + UUID.randomUUID())).start();
        erp.execute("CREATE TABLE auftrag (auftragsnr VARCHAR(20) PRIMARY KEY, material VARCHAR(40) NOT NULL,"
                        + " menge INT, arbeitsplatz VARCHAR(20), zyklus_min DECIMAL(8,3), liefertermin VARCHAR(20),"
                        + " prio INT, status_code INT, geaendert DATETIME)",
                "CREATE TABLE rueckmeldung (nr BIGINT AUTO_INCREMENT PRIMARY KEY, auftragsnr VARCHAR(20) NOT NULL,"
                        + " maschine VARCHAR(20) NOT NULL, zeitpunkt DATETIME(3) NOT NULL, gut BIGINT NOT NULL,"
                        + " ausschuss BIGINT NOT NULL, art VARCHAR(16) NOT NULL, quelle VARCHAR(160) NOT NULL,"
                        + " UNIQUE KEY uq_quelle (quelle))");
        String capturePassword = erp.server().createUser("legacy_cdc", "RELOAD, REPLICATION SLAVE, REPLICATION CLIENT ON *.*",
                "SELECT ON erp.auftrag");
        String writerPassword = erp.server().createUser("legacy_writer", "INSERT ON erp.rueckmeldung");
        Path secrets = Files.createDirectories(Path.of("target", "secrets-" + UUID.randomUUID()));
        Files.writeString(secrets.resolve("cdc"), capturePassword + "\n");
        Files.writeString(secrets.resolve("writer"), writerPassword + "\n");
        try (Admin admin = KAFKA.admin()) {
            new TopicProvisioner(admin, (short) 1, Duration.ofSeconds(30)).ensure(Topics.all());
        }

        Map<String, String> settings = new HashMap<>();
        settings.put("kafka.bootstrap.servers", KAFKA.bootstrapServers());
        settings.put("erp.db.host", erp.server().host());
        settings.put("erp.db.port", Integer.toString(erp.server().port()));
        settings.put("erp.cdc.user", "legacy_cdc");
        settings.put("erp.cdc.password.file", secrets.resolve("cdc").toString());
        settings.put("erp.writer.user", "legacy_writer");
        settings.put("erp.writer.password.file", secrets.resolve("writer").toString());
        settings.put("erp.time.zone", "Europe/Berlin");
        settings.put("work.centers", "M01, M02");
        settings.put("order.table", "auftrag");
        settings.put("order.column.order-number", "auftragsnr");
        settings.put("order.column.article", "material");
        settings.put("order.column.quantity", "menge");
        settings.put("order.column.work-center", "arbeitsplatz");
        settings.put("order.column.ideal-cycle", "zyklus_min");
        settings.put("order.column.due-date", "liefertermin");
        settings.put("order.column.priority", "prio");
        settings.put("order.column.status", "status_code");
        settings.put("order.column.updated-at", "geaendert");
        settings.put("order.ideal-cycle.unit", "minutes");
        settings.put("order.status.map", "10=PLANNED,20=RELEASED,30=IN_PROGRESS,40=COMPLETED,90=CANCELLED");
        settings.put("confirm.table", "rueckmeldung");
        settings.put("confirm.column.order-number", "auftragsnr");
        settings.put("confirm.column.machine", "maschine");
        settings.put("confirm.column.confirmed-at", "zeitpunkt");
        settings.put("confirm.column.good", "gut");
        settings.put("confirm.column.scrap", "ausschuss");
        settings.put("confirm.column.status", "art");
        settings.put("confirm.column.source-event-id", "quelle");
        settings.put("cdc.topic.replication", "1");
        settings.put("http.port", "0");
        settings.put("cdc.name", "erp-cdc-legacy");
        Config config = ErpCdcConfig.CATALOGUE.resolve(ConfigSource.of(settings, "test"));
        service = ErpCdcService.start(config);
        assertThat(service.awaitActive(60, java.util.concurrent.TimeUnit.SECONDS)).as("holds the capture lease").isTrue();
    }

    @AfterAll
    static void stop() {
        if (service != null) {
            service.close();
        }
        if (erp != null) {
            erp.close();
        }
    }

    @Test
    void capturesOrdersFromTheCustomersOwnTableLayout() {
        erp.execute("INSERT INTO auftrag VALUES ('100200', 'WELLE-3', 250, 'M02', 0.5, '15.12.2026', 1, 20,"
                + " '2026-11-20 09:00:00')");
        ErpOrder order = await().atMost(Duration.ofSeconds(30)).until(() -> order("100200"), o -> o != null);
        assertThat(order.article()).isEqualTo("WELLE-3");
        assertThat(order.quantity()).isEqualTo(250);
        assertThat(order.workCenter()).isEqualTo("M02");
        assertThat(order.idealCycleSeconds()).isEqualTo(30.0);
        assertThat(order.dueDate()).isEqualTo(Instant.parse("2026-12-15T23:00:00Z"));
        assertThat(order.status()).isEqualTo(OrderStatus.RELEASED);
        assertThat(order.updatedAt()).isEqualTo(Instant.parse("2026-11-20T08:00:00Z"));
    }

    @Test
    void sendsRowsWithUnreadableDatesOrUnknownCodesToTheDeadLetterTopic() {
        erp.execute("INSERT INTO auftrag VALUES ('100300', 'WELLE-3', 10, 'M01', 0.5, 'next week', 1, 20, NULL)",
                "INSERT INTO auftrag VALUES ('100301', 'WELLE-3', 10, 'M01', 0.5, '2026-12-01', 1, 55, NULL)",
                "INSERT INTO auftrag VALUES ('100302', 'WELLE-3', 10, 'M01', 0.5, '2026-12-01', 1, 20, NULL)");
        await().atMost(Duration.ofSeconds(30)).until(() -> order("100302"), o -> o != null);
        Map<String, String> reasons = new HashMap<>();
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            TopicReader.read(KAFKA.clientProperties(), Topics.ERP_ORDERS.deadLetter().name(), "dlq-" + UUID.randomUUID(),
                            new StringDeserializer(), new StringDeserializer(), Integer.MAX_VALUE, Duration.ofSeconds(1))
                    .forEach(r -> reasons.put(r.key(), DeadLetters.header(r.headers(), DeadLetters.REASON)));
            return reasons.containsKey("100300") && reasons.containsKey("100301");
        });
        assertThat(reasons.get("100300")).startsWith("liefertermin: 'next week' is not a date");
        assertThat(reasons.get("100301")).startsWith("status_code: status '55' is not a known order status");
        assertThat(order("100300")).isNull();
    }

    @Test
    void confirmsIntoTheCustomersOwnConfirmationTable() throws Exception {
        JobState done = new JobState(EventMeta.of("job-streams", Instant.parse("2026-11-20T12:00:00Z")), "100200",
                "M02", "WELLE-3", JobStatus.COMPLETED, 252, 2, 250, null, null, null, null, null);
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(KAFKA.clientProperties(), new StringSerializer(),
                new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(Topics.JOB_STATE.name(), done.orderNo(),
                    Topics.JOB_STATE.valueSerde().serializer().serialize(Topics.JOB_STATE.name(), done))).get();
        }
        List<String> rows = await().atMost(Duration.ofSeconds(30)).until(ErpCdcServiceIT::confirmations,
                r -> r.size() == 2);
        assertThat(rows).containsExactly("100200 M02 2026-11-20 13:00:00.0 250/2 STARTED 100200/STARTED",
                "100200 M02 2026-11-20 13:00:00.0 250/2 FINISHED 100200/FINISHED");
    }

    private static ErpOrder order(String orderNo) {
        return TopicReader.read(KAFKA.clientProperties(), Topics.ERP_ORDERS.name(), "orders-" + UUID.randomUUID(),
                        new StringDeserializer(), Topics.ERP_ORDERS.valueSerde().deserializer(), Integer.MAX_VALUE,
                        Duration.ofSeconds(1)).stream()
                .filter(r -> r.key().equals(orderNo)).map(r -> r.value()).reduce((first, second) -> second)
                .orElse(null);
    }

    private static List<String> confirmations() throws Exception {
        List<String> rows = new java.util.ArrayList<>();
        try (Connection connection = erp.root(); Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("SELECT auftragsnr, maschine, zeitpunkt, gut, ausschuss, art,"
                        + " quelle FROM rueckmeldung ORDER BY nr")) {
            while (result.next()) {
                rows.add(result.getString(1) + " " + result.getString(2) + " " + result.getTimestamp(3) + " "
                        + result.getLong(4) + "/" + result.getLong(5) + " " + result.getString(6) + " "
                        + result.getString(7));
            }
        }
        return rows;
    }

}
