package io.plantstream.streams.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.plantstream.events.ErpOrder;
import io.plantstream.events.EventMeta;
import io.plantstream.events.JobCommand;
import io.plantstream.events.JobCommandType;
import io.plantstream.events.JobParameters;
import io.plantstream.events.JobState;
import io.plantstream.events.JobStatus;
import io.plantstream.events.MachineCounts;
import io.plantstream.events.MachineParameters;
import io.plantstream.events.MachineState;
import io.plantstream.events.MachineStatus;
import io.plantstream.events.MachineTelemetry;
import io.plantstream.events.OeeGranularity;
import io.plantstream.events.OeeKey;
import io.plantstream.events.OeeRecord;
import io.plantstream.events.OrderStatus;
import io.plantstream.events.ParameterSpec;
import io.plantstream.events.ParameterStats;
import io.plantstream.events.SampleQuality;
import io.plantstream.events.TagSample;
import io.plantstream.events.Topic;
import io.plantstream.events.Topics;
import io.plantstream.streams.oee.VorneSteps;
import io.plantstream.events.dlq.DeadLetters;
import io.plantstream.testkit.junit.KafkaClusterExtension;
import io.plantstream.testkit.kafka.TopicReader;
import io.plantstream.events.serde.EventJson;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * job-streams killed with SIGKILL in the middle of a shift and started again: the final OEE,
 * job state and parameter aggregates are those of an uninterrupted run (the Vorne figures, every
 * minute and hour of the parameter exact and once), nothing counted twice.
 */
class JobStreamsRestartIT {
    private static final String M = "M01";
    private static final String TOKEN = io.plantstream.testkit.kafka.Secrets.randomPassword();
    private static final String ORDER = "4711";
    /** Recent, so the broker keeps the events (retention is counted from their timestamps). */
    private static final LocalDate DAY = LocalDate.now(ZoneOffset.UTC).minusDays(2);

    @RegisterExtension
    static final KafkaClusterExtension KAFKA = KafkaClusterExtension.singleBroker();

    @TempDir
    static Path dir;

    private static KafkaProducer<String, byte[]> producer;
    private static int sequence;

    @BeforeAll
    static void topics() throws Exception {
        producer = StreamsKafka.provision(KAFKA);
    }

    @AfterAll
    static void closeProducer() {
        producer.close();
    }

    @Test
    void killedMidShiftAndRestartedGivesTheUninterruptedResult() throws Exception {
        Path calendar = dir.resolve("calendar.yaml");
        Files.writeString(calendar, StreamsKafka.CALENDAR);
        Map<String, String> settings = Map.of(
                "kafka.bootstrap.servers", KAFKA.bootstrapServers(),
                "calendar.file", calendar.toString(),
                "state.dir", dir.resolve("state").toString(),
                "replication.factor", "1",
                "standby.replicas", "0",
                "http.port", "0",
                "http.token", TOKEN,
                "oee.live.interval", "1s",
                // Four hours of events are written within a second: partitions can run minutes apart in
                // event time, so the grace must cover that compression.
                "oee.grace", "1h",
                "oee.idle.after", "10m");
        Path log = dir.resolve("job-streams.log");
        Instant start = VorneSteps.at(DAY, "06:00");
        Instant end = VorneSteps.at(DAY, "14:00");
        List<VorneSteps.Step> steps = VorneSteps.steps(DAY);
        Instant killAfter = VorneSteps.at(DAY, "10:00");

        List<OeeRecord> finals = new ArrayList<>();
        try (KafkaConsumer<OeeKey, OeeRecord> oee = consumer(Topics.OEE, "read-oee");
                KafkaConsumer<String, JobState> jobs = consumer(Topics.JOB_STATE, "read-jobs")) {
            JobStreamsProcess first = JobStreamsProcess.start(settings, log);
            send(Topics.ERP_ORDERS, new ErpOrder(meta(start.minusSeconds(120)), ORDER, "ART", 1_000_000, M, 1.0, null, 1,
                    OrderStatus.RELEASED, null, false));
            awaitJob(jobs, JobStatus.QUEUED);
            send(Topics.JOB_COMMANDS, new JobCommand(meta(start.minusSeconds(60)), "cmd-1", M, JobCommandType.DISPATCH,
                    ORDER, "planner", start.minusSeconds(60), new JobParameters("ART", 1_000_000, 1.0, null)));
            awaitJob(jobs, JobStatus.DISPATCHED);
            send(Topics.MACHINE_PARAMETERS, new MachineParameters(meta(start.minusSeconds(60)), M,
                    List.of(new ParameterSpec("oilTemp", "degC", null, 80.0, null, null))));
            steps.stream().filter(s -> s.time().isBefore(killAfter)).forEach(JobStreamsRestartIT::send);
            sendTelemetry(start, killAfter);
            producer.flush();
            await("live OEE while the first run processes the morning").atMost(Duration.ofSeconds(90))
                    .until(() -> collect(oee, finals).stream().anyMatch(r -> r.totalCount() > 0));
            await("parameter minutes while the first run processes the morning").atMost(Duration.ofSeconds(90))
                    .until(() -> !parameterMinutes(1, Duration.ofMillis(500)).isEmpty());
            first.kill();

            steps.stream().filter(s -> !s.time().isBefore(killAfter)).forEach(JobStreamsRestartIT::send);
            sendTelemetry(killAfter, end.plus(Duration.ofMinutes(62)));
            for (Instant t = end; t.isBefore(end.plus(Duration.ofMinutes(62))); t = t.plusSeconds(30)) {
                send(Topics.MACHINE_STATE, new MachineState(meta(t), M, MachineStatus.RUNNING, null, null));
            }
            producer.flush();

            try (JobStreamsProcess second = JobStreamsProcess.start(settings, log)) {
                await("the final shift record after the restart").atMost(Duration.ofSeconds(120))
                        .until(() -> collect(oee, finals).stream().anyMatch(r -> r.granularity() == OeeGranularity.SHIFT));
                JobState last = awaitJob(jobs, JobStatus.RUNNING, 19_271);
                assertThat(last.produced()).isEqualTo(19_271);
                assertThat(last.rejected()).isEqualTo(423);
                collect(oee, finals);
                assertThat(second.isAlive()).isTrue();
                checkQueries(log);
            }
        }

        List<OeeRecord> shifts = finals.stream().filter(r -> r.granularity() == OeeGranularity.SHIFT).toList();
        assertThat(shifts).as("one final shift record").hasSize(1);
        OeeRecord shift = shifts.get(0);
        assertThat(shift.losses()).as(shift.toString()).isEqualTo(expectedLosses());
        assertThat(shift.windowStart()).isEqualTo(start);
        assertThat(shift.totalCount()).isEqualTo(19_271);
        assertThat(shift.goodCount()).isEqualTo(18_848);
        VorneSteps.assertVorneFigures(shift.availability(), shift.performance(), shift.quality(), shift.oee());
        List<OeeRecord> hours = finals.stream().filter(r -> r.granularity() == OeeGranularity.HOUR).toList();
        assertThat(hours).as("each hour final once").hasSize(8);
        assertThat(hours.stream().mapToLong(OeeRecord::totalCount).sum()).isEqualTo(19_271);
        assertThat(deadLetterReasons()).as("nothing was dead-lettered").isEmpty();
        assertParametersExact(start);
    }

    /** Two samples a minute from {@code from} to {@code until}; one of them out of spec, at 11:00. */
    private static void sendTelemetry(Instant from, Instant until) {
        for (Instant t = from; t.isBefore(until); t = t.plusSeconds(30)) {
            send(Topics.MACHINE_TELEMETRY, new MachineTelemetry(meta(t), M,
                    List.of(new TagSample("oilTemp", oilTemp(t), "degC", SampleQuality.GOOD))));
        }
    }

    private static double oilTemp(Instant t) {
        if (t.equals(VorneSteps.at(DAY, "11:00"))) {
            return 85.0;
        }
        long minute = t.getEpochSecond() / 60;
        return 50 + minute % 10 + (t.getEpochSecond() % 60 == 0 ? 0 : 1);
    }

    /**
     * Every minute from 06:00 to 15:00 and every hour from 06:00 to 14:00 exactly once, with the
     * count and mean of an uninterrupted run; the out-of-spec sample raised one alert and cleared it once.
     */
    private static void assertParametersExact(Instant start) {
        int expectedMinutes = 9 * 60 + 1;
        assertThat(parameterMinutes(expectedMinutes, Duration.ofSeconds(60))).hasSize(expectedMinutes);
        List<ParameterStats> minutes = parameterMinutes(expectedMinutes + 1, Duration.ofSeconds(3));
        assertThat(minutes).as("one record per minute, none twice").hasSize(expectedMinutes);
        for (int m = 0; m < expectedMinutes; m++) {
            Instant minute = start.plus(Duration.ofMinutes(m));
            ParameterStats stats = minutes.get(m);
            assertThat(stats.windowStart()).isEqualTo(minute);
            assertThat(stats.count()).isEqualTo(2);
            assertThat(stats.mean()).isEqualTo((oilTemp(minute) + oilTemp(minute.plusSeconds(30))) / 2);
        }
        List<ParameterStats> hours = TopicReader.read(KAFKA.clientProperties(), Topics.PARAMETER_STATS_HOUR.name(),
                "read-hours", new org.apache.kafka.common.serialization.StringDeserializer(),
                Topics.PARAMETER_STATS_HOUR.valueSerde().deserializer(), 10, Duration.ofSeconds(3))
                .stream().map(r -> r.value()).toList();
        assertThat(hours).extracting(ParameterStats::windowStart).containsExactly(
                java.util.stream.IntStream.range(0, 9).mapToObj(h -> start.plus(Duration.ofHours(h))).toArray(Instant[]::new));
        assertThat(hours).allSatisfy(h -> assertThat(h.count()).isEqualTo(120));
        List<io.plantstream.events.Alert> alerts = TopicReader.read(KAFKA.clientProperties(), Topics.ALERTS.name(),
                "read-alerts", new org.apache.kafka.common.serialization.StringDeserializer(),
                Topics.ALERTS.valueSerde().deserializer(), 100, Duration.ofSeconds(5)).stream().map(r -> r.value())
                .filter(a -> a.finding() != null).toList();
        assertThat(alerts).extracting(a -> a.alertId() + " " + a.active())
                .containsExactly("M01:oilTemp:out-of-spec true", "M01:oilTemp:out-of-spec false");
    }

    private static List<ParameterStats> parameterMinutes(int atMost, Duration timeout) {
        return TopicReader.read(KAFKA.clientProperties(), Topics.PARAMETER_STATS_MINUTE.name(),
                "read-minutes-" + java.util.UUID.randomUUID(), new org.apache.kafka.common.serialization.StringDeserializer(),
                Topics.PARAMETER_STATS_MINUTE.valueSerde().deserializer(), atMost, timeout)
                .stream().map(r -> r.value()).toList();
    }

    private static List<String> deadLetterReasons() {
        List<String> reasons = new ArrayList<>();
        for (Topic<String, ?> topic : List.of(Topics.MACHINE_STATE, Topics.MACHINE_COUNTS, Topics.JOB_COMMANDS,
                Topics.MACHINE_TELEMETRY, Topics.MACHINE_PARAMETERS)) {
            TopicReader.read(KAFKA.clientProperties(), topic.deadLetter().name(), "dlq-check", new ByteArrayDeserializer(),
                    new ByteArrayDeserializer(), 1, Duration.ofSeconds(2))
                    .forEach(r -> reasons.add(topic.name() + ": " + DeadLetters.header(r.headers(), DeadLetters.REASON)));
        }
        return reasons;
    }

    /** The query endpoints answer from the stores, and only with the token. */
    private static void checkQueries(Path log) throws Exception {
        Matcher port = Pattern.compile("queries on port (\\d+)").matcher(Files.readString(log));
        String last = null;
        while (port.find()) {
            last = port.group(1);
        }
        String base = "http://localhost:" + last;
        HttpClient http = HttpClient.newHttpClient();
        assertThat(get(http, base + "/api/jobs/" + ORDER, null).statusCode()).isEqualTo(401);
        assertThat(get(http, base + "/api/jobs/" + ORDER, "wrong-token-0123456789").statusCode()).isEqualTo(401);
        HttpResponse<String> job = get(http, base + "/api/jobs/" + ORDER, TOKEN);
        assertThat(job.statusCode()).isEqualTo(200);
        assertThat(EventJson.mapper().readTree(job.body()).get("produced").asLong()).isEqualTo(19_271);
        HttpResponse<String> live = get(http, base + "/api/oee/live/" + M, TOKEN);
        assertThat(live.statusCode()).isIn(200, 404);
        assertThat(get(http, base + "/health", null).body()).contains("\"status\":\"UP\"");
        assertThat(get(http, base + "/metrics", null).statusCode()).isEqualTo(401);
        assertThat(get(http, base + "/metrics", TOKEN).body()).contains("plantstream_streams_running{app=\"oee\"} 1",
                "plantstream_streams_process_total{app=\"jobs\"");
    }

    private static HttpResponse<String> get(HttpClient http, String uri, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(uri)).timeout(Duration.ofSeconds(10));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static io.plantstream.events.OeeLosses expectedLosses() {
        return new io.plantstream.events.OeeLosses(3600, Map.of("E-104", 2820.0), 0, 0, 0, 22_380 - 19_271, 423);
    }

    private static List<OeeRecord> collect(KafkaConsumer<OeeKey, OeeRecord> oee, List<OeeRecord> finals) {
        List<OeeRecord> got = poll(oee);
        got.stream().filter(r -> r.granularity() != OeeGranularity.LIVE).forEach(finals::add);
        return got;
    }

    private static JobState awaitJob(KafkaConsumer<String, JobState> jobs, JobStatus status) {
        return awaitJob(jobs, status, 0);
    }

    private static JobState awaitJob(KafkaConsumer<String, JobState> jobs, JobStatus status, long produced) {
        List<JobState> seen = new ArrayList<>();
        await("job " + ORDER + " " + status + " with " + produced + " parts").atMost(Duration.ofSeconds(90)).until(() -> {
            seen.addAll(poll(jobs));
            return !seen.isEmpty() && seen.get(seen.size() - 1).status() == status
                    && seen.get(seen.size() - 1).produced() >= produced;
        });
        return seen.get(seen.size() - 1);
    }

    private static void send(VorneSteps.Step step) {
        if (step.isCount()) {
            send(Topics.MACHINE_COUNTS, new MachineCounts(meta(step.time()), M, step.produced(), step.rejected(), 0, 0,
                    false, ORDER));
        } else {
            send(Topics.MACHINE_STATE, new MachineState(meta(step.time()), M, step.state(), step.reason(), null));
        }
    }

    private static <V> void send(Topic<String, V> topic, V event) {
        StreamsKafka.send(producer, topic, event);
    }

    private static EventMeta meta(Instant t) {
        return new EventMeta("it-" + (++sequence), "test", t, 1);
    }

    private static <K, V> KafkaConsumer<K, V> consumer(Topic<K, V> topic, String group) {
        return StreamsKafka.consumer(KAFKA, topic, group);
    }

    private static <K, V> List<V> poll(KafkaConsumer<K, V> consumer) {
        List<V> values = new ArrayList<>();
        consumer.poll(Duration.ofMillis(500)).forEach(r -> values.add(r.value()));
        return values;
    }
}
