package io.plantstream.strimzi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.plantstream.events.Topics;
import io.plantstream.events.admin.TopicProvisioner;
import io.plantstream.testkit.junit.KafkaClusterExtension;
import io.plantstream.bridge.BridgeConfig;
import io.plantstream.bridge.CloudBridge;
import io.plantstream.events.CloudTopics;
import io.plantstream.testkit.kafka.EmbeddedKafkaCluster;
import io.plantstream.testkit.kafka.KafkaUsers;
import io.plantstream.testkit.kafka.Secrets;
import io.plantstream.testkit.kafka.TopicReader;
import io.plantstream.config.ConfigSource;
import io.plantstream.erp.ErpSchema;
import io.plantstream.erp.app.ErpCdcConfig;
import io.plantstream.erp.app.ErpCdcService;
import io.plantstream.events.EventMeta;
import io.plantstream.events.JobState;
import io.plantstream.events.JobStatus;
import io.plantstream.testkit.mariadb.MariaDbServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Instant;
import org.awaitility.Awaitility;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The KafkaUser manifests applied to a real broker with TLS, SCRAM and ACLs: each application
 * can do its own work and nothing else.
 */
class KafkaUserAclsIT {

    @RegisterExtension
    static final KafkaClusterExtension KAFKA = KafkaClusterExtension.securedBroker();

    private static final Map<String, String> PASSWORDS = new HashMap<>();

    @BeforeAll
    static void applyTheManifests() throws Exception {
        try (Admin admin = KAFKA.admin()) {
            new TopicProvisioner(admin, (short) 1, Duration.ofSeconds(30)).ensure(Topics.all());
        }
        KafkaUsers users = new KafkaUsers(KAFKA.cluster());
        for (Manifests.Resource user : Manifests.read(Manifests.module().resolve("base/kafka-users.yaml"))) {
            PASSWORDS.put(user.name(), Secrets.randomPassword());
            users.createUser(user.name(), PASSWORDS.get(user.name()));
            users.grant(AclDefinitions.of(user.body()));
        }
    }

    @Test
    void aCollectorWritesMachineDataButNoJobCommands() throws Exception {
        try (KafkaProducer<byte[], byte[]> collector = producer("collector")) {
            collector.send(record(Topics.MACHINE_STATE.name())).get(30, TimeUnit.SECONDS);
            assertThatThrownBy(() -> collector.send(record(Topics.JOB_COMMANDS.name())).get(30, TimeUnit.SECONDS))
                    // refused either on the send's future or, once the producer has learnt it may not
                    // write, by send itself; either way the root cause is the broker's refusal
                    .hasRootCauseInstanceOf(AuthorizationException.class);
        }
    }

    @Test
    void theAndonBoardReadsOeeButNoErpOrders() throws Exception {
        try (KafkaProducer<byte[], byte[]> admin = new KafkaProducer<>(KAFKA.clientProperties(),
                new ByteArraySerializer(), new ByteArraySerializer())) {
            admin.send(record(Topics.OEE.name())).get(30, TimeUnit.SECONDS);
            admin.send(record(Topics.ERP_ORDERS.name())).get(30, TimeUnit.SECONDS);
        }
        Map<String, Object> andon = KAFKA.cluster().clientProperties("andon", PASSWORDS.get("andon"));
        assertThat(TopicReader.read(andon, Topics.OEE.name(), "andon-board", new ByteArrayDeserializer(),
                new ByteArrayDeserializer(), 1, Duration.ofSeconds(30))).hasSize(1);

        assertThatThrownBy(() -> pollAsAndon(Topics.ERP_ORDERS.name(), "andon-board-orders"))
                .isInstanceOf(TopicAuthorizationException.class);
    }

    @Test
    void aUserOutsideItsGroupPrefixIsRefused() {
        assertThatThrownBy(() -> pollAsAndon(Topics.OEE.name(), "job-streams-impostor"))
                .isInstanceOf(org.apache.kafka.common.errors.GroupAuthorizationException.class);
    }

    /** Polls as the Andon user for up to ten seconds; the broker's refusal surfaces as an exception. */
    @Test
    void erpCdcCapturesAndConfirmsWithNothingButItsOwnAcls() throws Exception {
        Path base = Path.of("target", "erp-acl-" + System.nanoTime());
        try (MariaDbServer db = MariaDbServer.builder().baseDir(base).build().start()) {
            db.executeAsRoot("CREATE DATABASE erp");
            try (Connection root = DriverManager.getConnection(db.jdbcUrl("erp"), db.rootUser(), db.rootPassword())) {
                ErpSchema.createSampleTables(root);
            }
            String cdc = db.createUser("erp_cdc", ErpSchema.captureGrants("erp", "production_order").toArray(String[]::new));
            String writer = db.createUser("erp_writer",
                    ErpSchema.writerGrants("erp", "production_confirmation").toArray(String[]::new));
            Map<String, String> settings = login("kafka.", "erp-cdc");
            settings.put("erp.db.host", db.host());
            settings.put("erp.db.port", Integer.toString(db.port()));
            settings.put("erp.cdc.user", "erp_cdc");
            settings.put("erp.cdc.password", cdc);
            settings.put("erp.writer.user", "erp_writer");
            settings.put("erp.writer.password", writer);
            settings.put("work.centers", "M01");
            settings.put("cdc.topic.replication", "1");
            settings.put("http.port", "0");
            try (ErpCdcService service = ErpCdcService.start(ErpCdcConfig.CATALOGUE.resolve(
                    ConfigSource.of(settings, "test")))) {
                assertThat(service.awaitActive(60, TimeUnit.SECONDS)).isTrue();
                db.executeAsRoot("INSERT INTO erp.production_order (order_no, article, quantity, work_center,"
                        + " ideal_cycle_s, status) VALUES ('ACL-1', 'X', 10, 'M01', 5, 'RELEASED')");
                JobState done = new JobState(EventMeta.of("job-streams", Instant.now()), "ACL-1", "M01", "X",
                        JobStatus.COMPLETED, 10, 0, 10, null, null, null, null, null);
                try (KafkaProducer<byte[], byte[]> streams = producer("job-streams")) {
                    streams.send(new ProducerRecord<>(Topics.JOB_STATE.name(), "ACL-1".getBytes(StandardCharsets.UTF_8),
                            Topics.JOB_STATE.valueSerde().serializer().serialize(Topics.JOB_STATE.name(), done)))
                            .get(30, TimeUnit.SECONDS);
                }
                assertThat(TopicReader.read(KAFKA.clientProperties(), Topics.ERP_ORDERS.name(), "check-erp-acl",
                        new ByteArrayDeserializer(), Topics.ERP_ORDERS.valueSerde().deserializer(), 1,
                        Duration.ofSeconds(60))).singleElement()
                        .satisfies(record -> assertThat(record.value().orderNo()).isEqualTo("ACL-1"));
                Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> service.writer().written() == 2);
                assertThat(service.captureFinished()).isNotDone();
            }
        }
    }

    /**
     * The cloud bridge (MirrorMaker 2) logged in at the edge as the cloud-bridge KafkaUser: it
     * copies the edge's topics up, a cloud command down, and an edge reader's position up, with
     * nothing but that user's ACLs (topic settings and every group's position to read; its own
     * group and mm2- topics to keep its worker and offset syncs in).
     */
    @Test
    void theCloudBridgeMirrorsBothWaysWithNothingButItsOwnAcls() throws Exception {
        try (EmbeddedKafkaCluster cloud = EmbeddedKafkaCluster.builder().build().start()) {
            Map<String, String> settings = login("edge.kafka.", "cloud-bridge");
            settings.put("site", "plant-a");
            settings.put("cloud.kafka.bootstrap.servers", cloud.bootstrapServers());
            settings.put("edge.replication.factor", "1");
            settings.put("cloud.replication.factor", "1");
            settings.put("sync.interval", "1s");
            settings.put("http.port", "0");
            try (KafkaProducer<byte[], byte[]> admin = new KafkaProducer<>(KAFKA.clientProperties(),
                    new ByteArraySerializer(), new ByteArraySerializer())) {
                admin.send(record(Topics.ALERTS.name())).get(30, TimeUnit.SECONDS);
            }
            try (Admin cloudAdmin = cloud.admin()) {
                // the dashboard's side: the site's command topic exists before the bridge has work on it
                cloudAdmin.createTopics(List.of(new org.apache.kafka.clients.admin.NewTopic(
                        CloudTopics.commands("plant-a"), 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
            }
            try (CloudBridge bridge = CloudBridge.start(BridgeConfig.CATALOGUE.resolve(ConfigSource.of(settings, "test")))) {
                Awaitility.await("both flows running").atMost(Duration.ofSeconds(120)).until(bridge::running);
                String up = CloudTopics.remote("plant-a", Topics.ALERTS);
                assertThat(TopicReader.read(cloud.clientProperties(), up, "check-up", new ByteArrayDeserializer(),
                        new ByteArrayDeserializer(), 1, Duration.ofSeconds(60))).hasSize(1);

                try (KafkaProducer<byte[], byte[]> planner = new KafkaProducer<>(cloud.clientProperties(),
                        new ByteArraySerializer(), new ByteArraySerializer())) {
                    planner.send(record(CloudTopics.commands("plant-a"))).get(30, TimeUnit.SECONDS);
                }
                assertThat(TopicReader.read(KAFKA.clientProperties(), Topics.JOB_COMMANDS.name(), "check-down",
                        new ByteArrayDeserializer(), new ByteArrayDeserializer(), 1, Duration.ofSeconds(90))).hasSize(1);

                TopicReader.read(KAFKA.clientProperties(), Topics.ALERTS.name(), "mes-reader", new ByteArrayDeserializer(),
                        new ByteArrayDeserializer(), 1, Duration.ofSeconds(30));
                try (Admin cloudAdmin = cloud.admin()) {
                    Awaitility.await("the MES's position in the cloud").atMost(Duration.ofSeconds(60)).until(() ->
                            cloudAdmin.listConsumerGroupOffsets("mes-reader").partitionsToOffsetAndMetadata().get()
                                    .keySet().stream().anyMatch(tp -> tp.topic().equals(up)));
                }
            }
        }
    }

    /** A service's settings (keys starting with {@code prefix}) to reach the broker as {@code user} over TLS and SCRAM. */
    private static Map<String, String> login(String prefix, String user) {
        Map<String, Object> client = KAFKA.cluster().clientProperties(user, PASSWORDS.get(user));
        Map<String, String> settings = new HashMap<>();
        settings.put(prefix + "bootstrap.servers", KAFKA.bootstrapServers());
        settings.put(prefix + "security.protocol", "SASL_SSL");
        settings.put(prefix + "sasl.username", user);
        settings.put(prefix + "sasl.password", PASSWORDS.get(user));
        settings.put(prefix + "ssl.truststore.location", String.valueOf(client.get("ssl.truststore.location")));
        settings.put(prefix + "ssl.truststore.password", String.valueOf(client.get("ssl.truststore.password")));
        return settings;
    }

    private static void pollAsAndon(String topic, String group) {
        Map<String, Object> props = new HashMap<>(KAFKA.cluster().clientProperties("andon", PASSWORDS.get("andon")));
        props.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            for (int i = 0; i < 50; i++) {
                consumer.poll(Duration.ofMillis(200));
            }
        }
    }

    private static KafkaProducer<byte[], byte[]> producer(String user) {
        Map<String, Object> props = new HashMap<>(KAFKA.cluster().clientProperties(user, PASSWORDS.get(user)));
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 20_000);
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 20_000);
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        return new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
    }

    private static ProducerRecord<byte[], byte[]> record(String topic) {
        return new ProducerRecord<>(topic, "M01".getBytes(StandardCharsets.UTF_8), "{}".getBytes(StandardCharsets.UTF_8));
    }
}
