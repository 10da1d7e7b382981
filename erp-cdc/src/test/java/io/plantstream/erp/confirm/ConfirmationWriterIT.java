package io.plantstream.erp.confirm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.plantstream.erp.ErpKafkaTest;
import io.plantstream.erp.ErpTestDatabase;
import io.plantstream.events.EventMeta;
import io.plantstream.events.JobState;
import io.plantstream.events.JobStatus;
import io.plantstream.events.Topics;
import io.plantstream.events.dlq.DeadLetters;
import io.plantstream.testkit.kafka.TopicReader;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

/** Confirmations into a real MariaDB from a real broker: milestones once, replays harmless, outages lossless. */
class ConfirmationWriterIT extends ErpKafkaTest {
    private static final ZoneId ZONE = ZoneId.of("Europe/Berlin");

    @Test
    void writesEachMilestoneOnceAndAReplayWritesNothing() throws Exception {
        publish(state("J-1", JobStatus.DISPATCHED, 0, 0, null),
                state("J-1", JobStatus.RUNNING, 0, 0, null),
                state("J-1", JobStatus.RUNNING, 10, 0, null),
                state("J-1", JobStatus.RUNNING, 31, 1, null),
                state("J-1", JobStatus.RUNNING, 40, 2, null),
                state("J-1", JobStatus.PAUSED, 55, 2, "cmd-pause-1"),
                state("J-1", JobStatus.RUNNING, 56, 2, "cmd-resume-1"),
                state("J-1", JobStatus.RUNNING, 80, 3, null),
                state("J-1", JobStatus.COMPLETED, 103, 3, null));

        try (ConfirmationWriter writer = writer("first")) {
            await().atMost(Duration.ofSeconds(30)).until(() -> rows("J-1").size() == 6);
            assertThat(rows("J-1")).containsExactly(
                    "STARTED good=0 scrap=0 J-1/STARTED",
                    "PARTIAL good=30 scrap=1 J-1/PARTIAL-25%",
                    "PARTIAL good=53 scrap=2 J-1/PAUSED-cmd-pause-1",
                    "PARTIAL good=54 scrap=2 J-1/PARTIAL-50%",
                    "PARTIAL good=77 scrap=3 J-1/PARTIAL-75%",
                    "FINISHED good=100 scrap=3 J-1/FINISHED");
        }

        try (ConfirmationWriter replay = writer("replay")) {
            // the nine states of J-1 mean 14 milestone inserts, all of them already in the ERP
            await().atMost(Duration.ofSeconds(30)).until(() -> replay.duplicates() >= 14);
            assertThat(replay.written()).isZero();
            assertThat(rows("J-1")).hasSize(6);
        }
    }

    @Test
    void keepsConfirmationsWhileTheDatabaseIsDownAndWritesThemOnceItReturns() throws Exception {
        try (ConfirmationWriter writer = writer("outage")) {
            publish(state("O-0", JobStatus.COMPLETED, 10, 0, null));
            await().atMost(Duration.ofSeconds(30)).until(() -> rows("O-0").size() == 2);

            erp.server().stop();
            Instant down = Instant.now();
            List<JobState> due = new ArrayList<>();
            for (int i = 1; i <= 40; i++) {
                due.add(state("O-" + i, JobStatus.COMPLETED, 20 + i, i % 3, null));
            }
            publish(due.toArray(JobState[]::new));
            // the outage lasts 30 s, long enough for several failed attempts and the back-off to grow
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).until(() ->
                    Duration.between(down, Instant.now()).toSeconds() >= 30 && writer.failedAttempts() >= 3);
            erp.server().start();

            await().atMost(Duration.ofSeconds(60)).until(() -> countRows("O-%") == 2 + 40 * 2);
            for (int i = 1; i <= 40; i++) {
                assertThat(rows("O-" + i)).as("order O-" + i).containsExactly(
                        "STARTED good=" + (20 + i - i % 3) + " scrap=" + i % 3 + " O-" + i + "/STARTED",
                        "FINISHED good=" + (20 + i - i % 3) + " scrap=" + i % 3 + " O-" + i + "/FINISHED");
            }
            assertThat(writer.failedAttempts()).isGreaterThanOrEqualTo(3);
        }
    }

    @Test
    void sendsWhatTheErpCannotTakeToTheDeadLetterTopic() throws Exception {
        try (ConfirmationWriter writer = writer("bad")) {
            producer.send(new ProducerRecord<>(Topics.JOB_STATE.name(), "X-1".getBytes(StandardCharsets.UTF_8),
                    "{\"not\":\"a job state\"}".getBytes(StandardCharsets.UTF_8))).get();
            String longOrder = "L-" + "9".repeat(40);
            publish(state(longOrder, JobStatus.COMPLETED, 5, 0, null), state("X-2", JobStatus.COMPLETED, 5, 0, null));

            await().atMost(Duration.ofSeconds(30)).until(() -> rows("X-2").size() == 2);
            Map<String, String> reasons = new HashMap<>();
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                TopicReader.read(KAFKA.clientProperties(), Topics.JOB_STATE.deadLetter().name(), "dlq-" + UUID.randomUUID(),
                                new StringDeserializer(), new StringDeserializer(), Integer.MAX_VALUE, Duration.ofSeconds(1))
                        .forEach(record -> reasons.put(record.key(), DeadLetters.header(record.headers(), DeadLetters.REASON)));
                return reasons.size() >= 2;
            });
            assertThat(reasons.get("X-1")).contains("meta");
            assertThat(reasons.get(longOrder)).contains("the ERP refused confirmation " + longOrder + "/STARTED")
                    .contains("too long");
            assertThat(writer.deadLettered()).as("one dead letter per refused job state").isEqualTo(2);
        }
    }

    private ConfirmationWriter writer(String group) {
        return new ConfirmationWriter(KAFKA.clientProperties(), "erp-cdc-confirm-" + group, producer,
                new ConfirmationPolicy(25), ConfirmationColumns.SAMPLE, erp.server().jdbcUrl(ErpTestDatabase.DATABASE),
                "erp_writer", erp.writerPassword(), ZONE, Duration.ofSeconds(4)).start();
    }

    private static JobState state(String order, JobStatus status, long produced, long rejected, String command) {
        return new JobState(EventMeta.of("job-streams", Instant.now()), order, "M01", "BRACKET-7", status, produced,
                rejected, 100, null, null, command, null, null);
    }

    private static void publish(JobState... states) throws Exception {
        for (JobState state : states) {
            producer.send(new ProducerRecord<>(Topics.JOB_STATE.name(), state.orderNo().getBytes(StandardCharsets.UTF_8),
                    Topics.JOB_STATE.valueSerde().serializer().serialize(Topics.JOB_STATE.name(), state))).get();
        }
    }

    private static List<String> rows(String order) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection connection = erp.root(); Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("SELECT status, good_qty, scrap_qty, source_event_id FROM "
                        + "production_confirmation WHERE order_no = '" + order + "' ORDER BY id")) {
            while (result.next()) {
                rows.add(result.getString(1) + " good=" + result.getLong(2) + " scrap=" + result.getLong(3) + " "
                        + result.getString(4));
            }
        }
        return rows;
    }

    private static int countRows(String orderPattern) {
        try (Connection connection = erp.root(); Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("SELECT COUNT(*) FROM production_confirmation WHERE order_no "
                        + "LIKE '" + orderPattern + "'")) {
            result.next();
            return result.getInt(1);
        } catch (SQLException e) {
            return -1;
        }
    }
}
