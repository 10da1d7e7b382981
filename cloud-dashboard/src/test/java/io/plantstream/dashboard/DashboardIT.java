package io.plantstream.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.plantstream.config.ConfigException;
import io.plantstream.config.ConfigSource;
import io.plantstream.dashboard.feed.DashboardTopics;
import io.plantstream.dashboard.users.AuditEntry;
import io.plantstream.events.CloudTopics;
import io.plantstream.events.EventMeta;
import io.plantstream.events.JobCommand;
import io.plantstream.events.JobState;
import io.plantstream.events.JobStatus;
import io.plantstream.events.MachineState;
import io.plantstream.events.MachineStatus;
import io.plantstream.events.OeeGranularity;
import io.plantstream.events.OeeLosses;
import io.plantstream.events.OeeRecord;
import io.plantstream.events.Topic;
import io.plantstream.events.Topics;
import io.plantstream.testkit.junit.KafkaClusterExtension;
import io.plantstream.testkit.kafka.TopicReader;
import io.plantstream.testkit.web.WebSession;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The dashboard against a real Kafka broker, spoken to over HTTP like a browser: who may see and
 * do what, commands on the site's topic with their audit entries, exports, and a restart that
 * keeps the shift history.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DashboardIT {
    @RegisterExtension
    static final KafkaClusterExtension KAFKA = KafkaClusterExtension.singleBroker();

    private static final String SITE = "plant-a";
    private static final String ADMIN_PASSWORD = "first-admin-" + UUID.randomUUID();
    private static final String PLANNER_PASSWORD = "planner-" + UUID.randomUUID();
    private static final String VIEWER_PASSWORD = "viewer-" + UUID.randomUUID();
    private static final Instant NOW = Instant.now();
    private static final int HISTORY_DAYS = 35;
    /** The seeding's sends, each checked once they are flushed. */
    private static final List<java.util.concurrent.Future<org.apache.kafka.clients.producer.RecordMetadata>> SENT =
            new ArrayList<>();

    private static Path dir;
    private static DashboardServer dashboard;

    @BeforeAll
    static void start() throws Exception {
        dir = Files.createDirectories(Path.of("target", "dashboard-" + UUID.randomUUID()).toAbsolutePath());
        seedTheCloud();
        dashboard = startDashboard();
        WebSession admin = session("admin", ADMIN_PASSWORD);
        assertThat(admin.post("/api/users", json("username", "pia", "role", "PLANNER", "password", PLANNER_PASSWORD))
                .statusCode()).isEqualTo(201);
        assertThat(admin.post("/api/users", json("username", "vic", "role", "viewer", "password", VIEWER_PASSWORD))
                .statusCode()).isEqualTo(201);
    }

    @AfterAll
    static void stop() {
        if (dashboard != null) {
            dashboard.close();
        }
    }

    @Test
    @Order(1)
    void withoutASessionTheApiAnswers401AndPagesGoToTheLogin() throws Exception {
        WebSession anonymous = new WebSession(dashboard.port());
        assertThat(anonymous.get("/api/overview").statusCode()).isEqualTo(401);
        assertThat(anonymous.get("/api/jobs").statusCode()).isEqualTo(401);
        assertThat(anonymous.get("/api/export/oee.csv").statusCode()).isEqualTo(401);
        HttpResponse<String> page = anonymous.get("/");
        assertThat(page.statusCode()).isEqualTo(302);
        assertThat(page.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/login"));
        assertThat(anonymous.change("POST", "/api/sites/plant-a/jobs/4711/commands", "{}", false).statusCode())
                .isIn(401, 403);
        assertThat(anonymous.get("/health").statusCode()).isEqualTo(200);
    }

    @Test
    @Order(2)
    void theSessionCookieIsHttpOnlySecureAndStrictAndThereIsNoDefaultAccount() throws Exception {
        WebSession planner = new WebSession(dashboard.port());
        assertThat(planner.login("pia", PLANNER_PASSWORD)).endsWith("/");
        assertThat(planner.setCookie("PLANTSTREAM_SESSION")).contains("HttpOnly").contains("Secure")
                .containsIgnoringCase("SameSite=Strict");
        assertThat(new WebSession(dashboard.port()).login("admin", "admin")).contains("error");
        assertThat(new WebSession(dashboard.port()).login("admin", "password")).contains("error");
        assertThat(planner.get("/").body()).doesNotContain(PLANNER_PASSWORD).contains("/js/app.js");
        assertThat(planner.get("/").headers().firstValue("Content-Security-Policy"))
                .hasValueSatisfying(csp -> assertThat(csp).contains("script-src 'self'"));
    }

    @Test
    @Order(3)
    void theOverviewShowsTheSitesMachinesWithStateJobAndLiveOee() throws Exception {
        WebSession viewer = session("vic", VIEWER_PASSWORD);
        await("the feed has read the cloud").atMost(Duration.ofSeconds(30))
                .until(() -> viewer.get("/api/overview").body().contains("\"machineId\":\"M02\""));
        String overview = viewer.get("/api/overview").body();
        assertThat(overview).contains("\"site\":\"plant-a\"", "\"state\":\"DOWN\"", "\"reasonCode\":\"E42\"",
                "\"orderNo\":\"4711\"", "\"granularity\":\"LIVE\"");
    }

    @Test
    @Order(4)
    void aSiteThatStartsSendingLaterAppearsByItself() throws Exception {
        String site = "plant-b";
        try (org.apache.kafka.clients.admin.Admin admin = KAFKA.admin();
             KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(KAFKA.clientProperties(),
                     new ByteArraySerializer(), new ByteArraySerializer())) {
            Topic<String, MachineState> copy = CloudTopics.siteCopy(site, Topics.MACHINE_STATE);
            new io.plantstream.events.admin.TopicProvisioner(admin, (short) 1, Duration.ofSeconds(30)).ensure(List.of(copy));
            MachineState state = new MachineState(meta(Instant.now()), "B01", MachineStatus.SETUP, null, null);
            producer.send(new ProducerRecord<>(copy.name(), copy.keySerde().serializer().serialize(copy.name(), "B01"),
                    copy.valueSerde().serializer().serialize(copy.name(), state))).get();
        }
        WebSession viewer = session("vic", VIEWER_PASSWORD);
        await("plant-b on the overview").atMost(Duration.ofSeconds(30))
                .until(() -> viewer.get("/api/overview").body().contains("\"site\":\"plant-b\""));
        assertThat(viewer.get("/api/overview").body()).contains("\"machineId\":\"B01\"", "\"state\":\"SETUP\"");
    }

    @Test
    @Order(4)
    void aViewersCommandIsRefusedAndChangesNothing() throws Exception {
        WebSession viewer = session("vic", VIEWER_PASSWORD);
        HttpResponse<String> refused = viewer.post("/api/sites/plant-a/jobs/4712/commands",
                json("type", "DISPATCH", "machineId", "M01", "requestId", "viewer-try-0001"));
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(commandsInTheCloud()).noneMatch(c -> c.commandId().equals("cloud-viewer-try-0001"));
        assertThat(audit()).anyMatch(e -> e.user().equals("vic") && e.outcome().equals("DENIED"));
        assertThat(viewer.get("/api/users").statusCode()).isEqualTo(403);
    }

    @Test
    @Order(5)
    void aChangeWithoutTheCsrfTokenIsRefused() throws Exception {
        WebSession planner = session("pia", PLANNER_PASSWORD);
        HttpResponse<String> refused = planner.change("POST", "/api/sites/plant-a/jobs/4712/commands",
                json("type", "DISPATCH", "machineId", "M01", "requestId", "no-csrf-0001"), false);
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(commandsInTheCloud()).noneMatch(c -> c.commandId().equals("cloud-no-csrf-0001"));
    }

    @Test
    @Order(6)
    void aPlannersDispatchIsWrittenOnceWithItsAuditEntry() throws Exception {
        WebSession planner = session("pia", PLANNER_PASSWORD);
        String body = json("type", "DISPATCH", "machineId", "M01", "requestId", "dispatch-4712-0001");
        HttpResponse<String> issued = planner.post("/api/sites/plant-a/jobs/4712/commands", body);
        assertThat(issued.statusCode()).as(issued.body()).isEqualTo(202);
        assertThat(issued.body()).contains("\"commandId\":\"cloud-dispatch-4712-0001\"", "\"repeated\":false");
        HttpResponse<String> again = planner.post("/api/sites/plant-a/jobs/4712/commands", body);
        assertThat(again.body()).contains("\"repeated\":true");

        List<JobCommand> commands = commandsInTheCloud().stream()
                .filter(c -> c.commandId().equals("cloud-dispatch-4712-0001")).toList();
        assertThat(commands).hasSize(1);
        JobCommand dispatch = commands.get(0);
        assertThat(dispatch.machineId()).isEqualTo("M01");
        assertThat(dispatch.issuedBy()).isEqualTo("pia");
        assertThat(dispatch.parameters().targetQuantity()).isEqualTo(300);
        assertThat(dispatch.parameters().idealCycleSeconds()).isEqualTo(12.5);
        assertThat(audit()).anyMatch(e -> e.user().equals("pia") && e.action().equals("JOB_DISPATCH")
                && e.outcome().equals("ISSUED") && "4712".equals(e.target()));
    }

    @Test
    @Order(7)
    void commandsTheJobCannotTakeAreRefusedWithTheReason() throws Exception {
        WebSession planner = session("pia", PLANNER_PASSWORD);
        HttpResponse<String> start = planner.post("/api/sites/plant-a/jobs/4713/commands",
                json("type", "START", "requestId", "start-queued-0001"));
        assertThat(start.statusCode()).isEqualTo(409);
        assertThat(start.body()).contains("START is not possible while the job is QUEUED");
        HttpResponse<String> unknownMachine = planner.post("/api/sites/plant-a/jobs/4713/commands",
                json("type", "DISPATCH", "machineId", "M99", "requestId", "unknown-machine-01"));
        assertThat(unknownMachine.statusCode()).isEqualTo(400);
        assertThat(unknownMachine.body()).contains("unknown machine 'M99'");
        assertThat(planner.post("/api/sites/plant-a/jobs/nope/commands",
                json("type", "ABORT", "requestId", "unknown-order-01")).statusCode()).isEqualTo(404);
        assertThat(planner.post("/api/sites/plant-a/jobs/4713/commands", "{\"type\": ").statusCode()).isEqualTo(400);
        assertThat(planner.post("/api/sites/plant-a/jobs/4713/commands",
                json("type", "EXPLODE", "requestId", "bad-type-0001")).body()).contains("unknown command");
        assertThat(planner.post("/api/sites/Plant.A/jobs/4713/commands",
                json("type", "ABORT", "requestId", "bad-site-0001")).statusCode()).isEqualTo(400);
        assertThat(audit()).anyMatch(e -> e.outcome().equals("REFUSED") && "4713".equals(e.target()));
    }

    @Test
    @Order(8)
    void csvExportsHoldTheShiftsAndJobsWithFormulasDefused() throws Exception {
        WebSession viewer = session("vic", VIEWER_PASSWORD);
        HttpResponse<String> oee = viewer.get("/api/export/oee.csv?site=plant-a&days=40");
        assertThat(oee.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/csv"));
        assertThat(oee.headers().firstValue("Content-Disposition")).hasValueSatisfying(
                d -> assertThat(d).contains("attachment"));
        assertThat(oee.body().lines()).first().asString().startsWith("site,machine,shift,window_start");
        assertThat(oee.body().lines().filter(l -> l.startsWith("plant-a,M01,"))).hasSizeGreaterThan(HISTORY_DAYS * 2);
        String jobs = viewer.get("/api/export/jobs.csv?site=plant-a").body();
        assertThat(jobs).contains("plant-a,4712,").contains("'=HYPERLINK");
    }

    @Test
    @Order(9)
    void repeatedWrongPasswordsLockTheNameForAWhile() throws Exception {
        WebSession admin = session("admin", ADMIN_PASSWORD);
        String password = "locked-" + UUID.randomUUID();
        assertThat(admin.post("/api/users", json("username", "lou", "role", "VIEWER", "password", password))
                .statusCode()).isEqualTo(201);
        for (int i = 0; i < 5; i++) {
            assertThat(new WebSession(dashboard.port()).login("lou", "wrong-password-" + i)).contains("error");
        }
        assertThat(new WebSession(dashboard.port()).login("lou", password)).contains("error");
        assertThat(audit()).anyMatch(e -> e.user().equals("lou") && e.outcome().equals("LOCKED"));
    }

    @Test
    @Order(10)
    void aRestartRebuildsTheViewWithMoreThanThirtyDaysOfShiftHistory() throws Exception {
        dashboard.close();
        dashboard = startDashboard();
        WebSession viewer = session("vic", VIEWER_PASSWORD);
        await("the dashboard ready again").atMost(Duration.ofSeconds(60))
                .until(() -> viewer.get("/ready").statusCode() == 200);
        String machine = viewer.get("/api/sites/plant-a/machines/M01?days=62").body();
        long shifts = machine.split("\"granularity\":\"SHIFT\"", -1).length - 1;
        assertThat(shifts).isEqualTo(HISTORY_DAYS * 3L);
        assertThat(machine).contains("\"losses\":[{\"name\":\"Down: E42\"");
    }

    @Test
    @Order(11)
    void plainHttpOnAnAddressOtherHostsReachIsRefusedBeforeStarting() {
        Map<String, String> settings = new HashMap<>(settings());
        settings.put("http.address", "0.0.0.0");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> DashboardServer.start(
                        DashboardConfig.CATALOGUE.resolve(ConfigSource.of(settings, "test"))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("clear text");
    }

    private static void seedTheCloud() throws Exception {
        Map<String, Object> client = new HashMap<>(KAFKA.clientProperties());
        // One request in flight: a first batch refused while a fresh partition gets its leader is
        // retried before the next is sent (with five, a later batch could land first and the retry
        // then fail as out of sequence until it expired, the record lost).
        client.put(org.apache.kafka.clients.producer.ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1);
        SENT.clear();
        try (org.apache.kafka.clients.admin.Admin admin = KAFKA.admin()) {
            new io.plantstream.events.admin.TopicProvisioner(admin, (short) 1, Duration.ofSeconds(30)).ensure(
                    Topics.eventTopics().stream().<Topic<?, ?>>map(t -> CloudTopics.siteCopy(SITE, t)).toList());
        }
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(client, new ByteArraySerializer(),
                new ByteArraySerializer())) {
            send(producer, Topics.MACHINE_STATE, new MachineState(meta(NOW), "M01", MachineStatus.RUNNING, null, null));
            send(producer, Topics.MACHINE_STATE, new MachineState(meta(NOW), "M02", MachineStatus.DOWN, "E42",
                    "hydraulic pressure"));
            send(producer, Topics.JOB_STATE, job("4711", "M01", JobStatus.RUNNING, "BRACKET-7"));
            send(producer, Topics.JOB_STATE, job("4712", "M01", JobStatus.QUEUED, "=HYPERLINK(\"http://x\")"));
            send(producer, Topics.JOB_STATE, job("4713", "M02", JobStatus.QUEUED, "SHAFT-2"));
            Instant day = NOW.truncatedTo(ChronoUnit.DAYS).minus(Duration.ofDays(HISTORY_DAYS));
            for (int d = 0; d < HISTORY_DAYS; d++) {
                for (int s = 0; s < 3; s++) {
                    Instant start = day.plus(Duration.ofDays(d)).plus(Duration.ofHours(8L * s));
                    send(producer, Topics.OEE, shift("M01", OeeGranularity.SHIFT, start, true));
                }
            }
            send(producer, Topics.OEE, shift("M01", OeeGranularity.LIVE, NOW.minus(Duration.ofHours(1)), false));
            producer.flush();
            for (java.util.concurrent.Future<org.apache.kafka.clients.producer.RecordMetadata> sent : SENT) {
                sent.get(60, java.util.concurrent.TimeUnit.SECONDS); // a record not written fails the set-up here
            }
        }
    }

    /** As the bridge delivers it: the edge record's key and value bytes on the site's copy of the topic. */
    private static <K, V> void send(KafkaProducer<byte[], byte[]> producer, Topic<K, V> topic, V value) {
        String name = CloudTopics.remote(SITE, topic);
        SENT.add(producer.send(new ProducerRecord<>(name, topic.keySerde().serializer().serialize(name, topic.keyFor(value)),
                topic.valueSerde().serializer().serialize(name, value))));
    }

    private static JobState job(String order, String machine, JobStatus status, String article) {
        return new JobState(meta(NOW), order, machine, article, status, 0, 0, 300, NOW.plus(Duration.ofDays(2)), null,
                null, null, 12.5);
    }

    private static OeeRecord shift(String machine, OeeGranularity granularity, Instant start, boolean isFinal) {
        OeeLosses losses = new OeeLosses(1800, Map.of("E42", 1200.0), 600, 300, 0, 900, 120);
        return new OeeRecord(meta(start.plus(Duration.ofHours(8))), machine, granularity, start,
                start.plus(Duration.ofHours(8)), "S" + (start.atZone(java.time.ZoneOffset.UTC).getHour() / 8 + 1),
                isFinal, 27000, 24900, 2000, 1960, 24500.0, 0.922, 0.98, 0.98, 0.907, losses, Map.of(), List.of());
    }

    private static EventMeta meta(Instant time) {
        return EventMeta.of("test", time);
    }

    private static List<JobCommand> commandsInTheCloud() {
        return TopicReader.read(KAFKA.clientProperties(), CloudTopics.commands(SITE), "check-" + UUID.randomUUID(),
                new StringDeserializer(), Topics.JOB_COMMANDS.valueSerde().deserializer(), Integer.MAX_VALUE,
                Duration.ofSeconds(3)).stream().map(r -> r.value()).toList();
    }

    private static List<AuditEntry> audit() {
        return TopicReader.read(KAFKA.clientProperties(), DashboardTopics.AUDIT.name(), "check-" + UUID.randomUUID(),
                new StringDeserializer(), DashboardTopics.AUDIT.valueSerde().deserializer(), Integer.MAX_VALUE,
                Duration.ofSeconds(3)).stream().map(r -> r.value()).toList();
    }

    private static WebSession session(String user, String password) throws Exception {
        WebSession session = new WebSession(dashboard.port());
        assertThat(session.login(user, password)).as("login of " + user).endsWith("/");
        return session;
    }

    private static Map<String, String> settings() {
        Path secret = dir.resolve("admin.password");
        try {
            Files.writeString(secret, ADMIN_PASSWORD);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return Map.of("kafka.bootstrap.servers", KAFKA.bootstrapServers(), "http.port", "0",
                "admin.password.file", secret.toString(), "replication.factor", "1", "history.days", "62");
    }

    private static DashboardServer startDashboard() {
        return DashboardServer.start(DashboardConfig.CATALOGUE.resolve(ConfigSource.of(settings(), "test")));
    }

    private static String json(String... pairs) {
        Map<String, String> map = new java.util.LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put(pairs[i], pairs[i + 1]);
        }
        try {
            return io.plantstream.events.serde.EventJson.mapper().writeValueAsString(map);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
