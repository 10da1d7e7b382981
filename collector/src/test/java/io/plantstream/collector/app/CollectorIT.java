package io.plantstream.collector.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
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
    void answersHealthChecks() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://localhost:" + collector.healthPort() + "/health")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{\"status\":\"UP\"}");
    }
}
