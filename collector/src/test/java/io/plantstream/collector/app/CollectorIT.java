package io.plantstream.collector.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.plantstream.events.EventMeta;
import io.plantstream.events.JobAck;
import io.plantstream.events.JobCommand;
import io.plantstream.events.JobCommandType;
import io.plantstream.events.JobParameters;
import io.plantstream.events.MachineCounts;
import io.plantstream.events.MachineState;
import io.plantstream.events.MachineStatus;
import io.plantstream.events.MachineTelemetry;
import io.plantstream.events.Topics;
import io.plantstream.events.admin.TopicProvisioner;
import io.plantstream.events.dlq.DeadLetters;
import io.plantstream.testkit.junit.KafkaClusterExtension;
import io.plantstream.testkit.kafka.TopicReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
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
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A collector for an edge-database machine (real MariaDB) and a file machine (real folders), on a real broker. */
class CollectorIT {
    @RegisterExtension
    static final KafkaClusterExtension KAFKA = KafkaClusterExtension.singleBroker();

    private static CollectorFixture fixture;
    private static CollectorService collector;

    @BeforeAll
    static void start() throws Exception {
        fixture = new CollectorFixture();
        try (Admin admin = KAFKA.admin()) {
            new TopicProvisioner(admin, (short) 1, Duration.ofSeconds(30)).ensure(Topics.all());
        }
        fixture.sql("INSERT INTO results (run, fault, good, scrap, job, spindle) VALUES (1, 0, 100, 2, 'J-1', 40)");
        collector = fixture.start(KAFKA.bootstrapServers());
    }

    @AfterAll
    static void stop() {
        if (collector != null) {
            collector.close();
        }
        if (fixture != null) {
            fixture.close();
        }
    }

    @Test
    void anEdgeDatabaseMachinesRowsBecomeStatesCountsAndTelemetry() throws Exception {
        await().atMost(Duration.ofSeconds(30)).until(() -> !CollectorFixture.read(KAFKA.clientProperties(),
                Topics.MACHINE_STATE, "M05").isEmpty());
        fixture.sql("INSERT INTO results (run, fault, good, scrap, job, spindle) VALUES (1, 0, 103, 2, 'J-1', 41.5)",
                "INSERT INTO results (run, fault, good, scrap, job, spindle) VALUES (1, 0, 110, 3, 'J-1', 43)",
                "INSERT INTO results (run, fault, good, scrap, job, spindle) VALUES (0, 1, 110, 3, 'J-1', 0)");

        List<MachineCounts> counts = await().atMost(Duration.ofSeconds(30)).until(() -> CollectorFixture.read(
                KAFKA.clientProperties(), Topics.MACHINE_COUNTS, "M05"), c -> c.size() >= 2);
        assertThat(counts).extracting(MachineCounts::producedDelta, MachineCounts::rejectedDelta, MachineCounts::orderNo)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(3L, 0L, "J-1"),
                        org.assertj.core.groups.Tuple.tuple(7L, 1L, "J-1"));
        List<MachineState> states = await().atMost(Duration.ofSeconds(30)).until(() -> CollectorFixture.read(
                KAFKA.clientProperties(), Topics.MACHINE_STATE, "M05"), s -> s.stream()
                .anyMatch(state -> state.state() == MachineStatus.DOWN));
        assertThat(states.get(0).state()).isEqualTo(MachineStatus.RUNNING);
        assertThat(CollectorFixture.read(KAFKA.clientProperties(), Topics.MACHINE_TELEMETRY, "M05"))
                .flatExtracting(MachineTelemetry::samples).extracting(s -> s.value()).contains(41.5, 43.0);
    }

    @Test
    void aFileMachinesResultFilesBecomeCounts() throws Exception {
        Files.writeString(fixture.outbox.resolve(".result-1.tmp"), "timestamp;run;good;scrap\n2026-11-25 08:00:00;1;500;0\n"
                + "2026-11-25 08:00:30;1;512;1\n");
        Files.move(fixture.outbox.resolve(".result-1.tmp"), fixture.outbox.resolve("result-1.csv"));
        List<MachineCounts> counts = await().atMost(Duration.ofSeconds(30)).until(() -> CollectorFixture.read(
                KAFKA.clientProperties(), Topics.MACHINE_COUNTS, "M09"), c -> !c.isEmpty());
        assertThat(counts).singleElement().satisfies(c -> {
            assertThat(c.producedDelta()).isEqualTo(12);
            assertThat(c.rejectedDelta()).isEqualTo(1);
            assertThat(c.meta().eventTime()).isEqualTo(java.time.Instant.parse("2026-11-25T07:00:30Z"));
        });
        await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(fixture.outbox.resolve("done/result-1.csv")));
    }

    @Test
    void badRowsAndBrokenFilesReachTheDeadLetterTopicWithTheReason() throws Exception {
        fixture.sql("INSERT INTO results (run, fault, good, scrap, job, spindle) VALUES (1, 0, NULL, 0, 'J-1', 999)");
        Files.write(fixture.outbox.resolve("broken.csv"), new byte[] {(byte) 0xff, (byte) 0xfe, 'x'});
        Map<String, String> reasons = new HashMap<>();
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            for (var topic : List.of(Topics.MACHINE_COUNTS, Topics.MACHINE_TELEMETRY)) {
                TopicReader.read(KAFKA.clientProperties(), topic.deadLetter().name(), "dlq-" + UUID.randomUUID(),
                                new StringDeserializer(), new StringDeserializer(), Integer.MAX_VALUE, Duration.ofSeconds(1))
                        .forEach(r -> reasons.put(DeadLetters.header(r.headers(), DeadLetters.REASON),
                                DeadLetters.header(r.headers(), DeadLetters.ORIGIN)));
            }
            return reasons.size() >= 3;
        });
        assertThat(reasons).containsKeys("partCounter (good) is null", "spindleLoad = 999.0 is above its maximum 150.0",
                "file is not UTF-8 text");
        assertThat(reasons.get("file is not UTF-8 text")).endsWith("m09-outbox/broken.csv");
        assertThat(collector.status()).as("the collector keeps running").containsKeys("M05", "M09");
    }

    @Test
    void jobCommandsReachTheMachinesInTheirOwnWayAndAreAcknowledgedOnce() throws Exception {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(KAFKA.clientProperties(), new StringSerializer(),
                new ByteArraySerializer())) {
            send(producer, dispatch("c-1", "M05", "4711"));
            send(producer, dispatch("c-2", "M05", "4712"));
            send(producer, dispatch("c-3", "M09", "4713"));
            producer.send(new ProducerRecord<>(Topics.JOB_COMMANDS.name(), "M05", "{\"commandId\":".getBytes())).get();

            await().atMost(Duration.ofSeconds(30)).until(() -> commandRows().size() == 2);
            fixture.sql("UPDATE commands SET status = 'DONE' WHERE command_id = 'c-1'",
                    "UPDATE commands SET status = 'FAILED', message = 'tool 7 missing' WHERE command_id = 'c-2'");
            send(producer, dispatch("c-1", "M05", "4711"));

            List<JobAck> acks = await().atMost(Duration.ofSeconds(30)).until(() -> CollectorFixture.read(
                    KAFKA.clientProperties(), Topics.JOB_ACKS, "M05"), a -> a.size() >= 2);
            assertThat(acks).extracting(a -> a.commandId() + " " + a.result() + " " + a.reason()).containsExactly(
                    "c-1 APPLIED null", "c-2 REJECTED tool 7 missing");
            assertThat(commandRows()).containsExactly("c-1 DISPATCH 4711 500 DONE", "c-2 DISPATCH 4712 500 FAILED");
            assertThat(CollectorFixture.read(KAFKA.clientProperties(), Topics.JOB_ACKS, "M09"))
                    .extracting(a -> a.commandId() + " " + a.result()).containsExactly("c-3 APPLIED");
            assertThat(Files.readString(fixture.inbox.resolve("job-4713-c-3.json")))
                    .contains("\"orderNo\" : \"4713\"", "\"targetQuantity\" : 500");
            await().atMost(Duration.ofSeconds(30)).until(() -> TopicReader.read(KAFKA.clientProperties(),
                    Topics.JOB_COMMANDS.deadLetter().name(), "dlq-" + UUID.randomUUID(), new StringDeserializer(),
                    new StringDeserializer(), 1, Duration.ofSeconds(1)).size() == 1);
        }
    }

    private static JobCommand dispatch(String id, String machine, String order) {
        return new JobCommand(EventMeta.of("dashboard", Instant.now()), id, machine, JobCommandType.DISPATCH, order,
                "planner", Instant.now(), new JobParameters("BRACKET-7", 500, 12.5, null));
    }

    private static void send(KafkaProducer<String, byte[]> producer, JobCommand command) throws Exception {
        producer.send(new ProducerRecord<>(Topics.JOB_COMMANDS.name(), command.machineId(),
                Topics.JOB_COMMANDS.valueSerde().serializer().serialize(Topics.JOB_COMMANDS.name(), command))).get();
    }

    private static List<String> commandRows() throws Exception {
        List<String> rows = new java.util.ArrayList<>();
        try (var connection = java.sql.DriverManager.getConnection(fixture.database.jdbcUrl("m05"),
                fixture.database.rootUser(), fixture.database.rootPassword());
                var statement = connection.createStatement();
                var result = statement.executeQuery("SELECT command_id, command, order_no, target_qty, status FROM commands"
                        + " ORDER BY command_id")) {
            while (result.next()) {
                rows.add(result.getString(1) + " " + result.getString(2) + " " + result.getString(3) + " "
                        + result.getLong(4) + " " + result.getString(5));
            }
        }
        return rows;
    }

    @Test
    void answersHealthChecks() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://localhost:" + collector.healthPort() + "/health")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(30)).until(() -> collector.reading("M05") && collector.reading("M09"));
        com.fasterxml.jackson.databind.JsonNode health = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://localhost:" + collector.healthPort() + "/health")).build(),
                        HttpResponse.BodyHandlers.ofString()).body());
        assertThat(health.get("status").asText()).isEqualTo("UP");
        assertThat(health.get("journal").get("appended").asLong()).isPositive();
        assertThat(health.get("journal").get("dropped").asLong()).isZero();
        Map<String, com.fasterxml.jackson.databind.JsonNode> machines = new HashMap<>();
        health.get("machines").forEach(m -> machines.put(m.get("id").asText(), m));
        assertThat(machines).containsOnlyKeys("M05", "M09");
        assertThat(machines.get("M05").get("kind").asText()).isEqualTo("sql");
        assertThat(machines.get("M05").get("reads").asLong()).isPositive();
        assertThat(machines.get("M05").get("lastRead").asText()).isNotBlank();
        assertThat(machines.get("M05").get("mode").asText()).isEqualTo("poll");
        assertThat(machines.get("M09").get("kind").asText()).isEqualTo("file");
    }
}
