package io.plantstream.bench;

import io.plantstream.collector.publish.StoreAndForward;
import io.plantstream.config.ConfigSource;
import io.plantstream.events.Topic;
import io.plantstream.events.Topics;
import io.plantstream.events.admin.TopicProvisioner;
import io.plantstream.streams.app.JobStreamsConfig;
import io.plantstream.streams.app.JobStreamsService;
import io.plantstream.testkit.kafka.Directories;
import io.plantstream.testkit.kafka.EmbeddedKafkaCluster;
import io.plantstream.testkit.kafka.Secrets;
import io.plantstream.testkit.kafka.TopicReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * The whole edge pipeline against the ceiling of the same broker. Simulated machines in a
 * collector (a JVM of its own, as in a plant) publish states, counts and telemetry to an in-JVM
 * broker; job-streams (OEE, job state and parameter applications, exactly_once_v2, in this JVM)
 * processes them. After a warm-up, over a window: machine events written per second, machine
 * events job-streams committed per second (the sustained pipeline rate) and the lag left. Then,
 * on the same broker, Kafka's own producer performance tool writes records of the pipeline's
 * mean record size with the collector's producer settings (acks=all, idempotence, lz4, the
 * journal's linger of {@link StoreAndForward#DEFAULT_LINGER}): the ceiling. Prints both and their ratio.
 *
 * <p>Arguments: {@code --machines=N} (200), {@code --poll=ms} (20), {@code --tags=T} (4),
 * {@code --warmup=S} (20), {@code --seconds=S} (30), {@code --ceiling-records=N} (2000000).
 */
public final class PipelineBench {
    private static final List<Topic<String, ?>> MACHINE_TOPICS = List.of(Topics.MACHINE_STATE, Topics.MACHINE_COUNTS,
            Topics.MACHINE_TELEMETRY, Topics.MACHINE_ALARMS);

    private PipelineBench() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = StreamsThroughputBench.options(args);
        int machines = Integer.parseInt(options.getOrDefault("machines", "200"));
        int poll = Integer.parseInt(options.getOrDefault("poll", "20"));
        int tags = Integer.parseInt(options.getOrDefault("tags", "4"));
        int warmup = Integer.parseInt(options.getOrDefault("warmup", "20"));
        int seconds = Integer.parseInt(options.getOrDefault("seconds", "30"));
        long ceilingRecords = Long.parseLong(options.getOrDefault("ceiling-records", "2000000"));
        Path dir = Files.createDirectories(Path.of("target", "bench-pipeline-" + System.nanoTime())).toAbsolutePath();
        Files.writeString(dir.resolve("plant.yaml"), definitions(machines, poll, tags));
        Path calendar = Files.writeString(dir.resolve("calendar.yaml"), "timeZone: UTC\npatterns:\n  all-day:\n"
                + "    - {name: day, start: \"00:00\", end: \"00:00\"}\ndefault: all-day\n");
        try (EmbeddedKafkaCluster kafka = EmbeddedKafkaCluster.builder().dataDir(dir.resolve("kafka")).build().start()) {
            try (Admin admin = kafka.admin()) {
                new TopicProvisioner(admin, (short) 1, Duration.ofSeconds(30)).ensure(Topics.all());
            }
            Map<String, String> settings = Map.of("kafka.bootstrap.servers", kafka.bootstrapServers(),
                    "calendar.file", calendar.toString(), "state.dir", dir.resolve("state").toString(),
                    "replication.factor", "1", "standby.replicas", "0", "http.port", "0",
                    "http.token", Secrets.randomPassword(), "application.id", "bench");
            double written;
            double processed;
            long lagBefore;
            long lag;
            try (JobStreamsService streams = JobStreamsService.start(
                    JobStreamsConfig.CATALOGUE.resolve(ConfigSource.of(settings, "bench")))) {
                Process collector = new ProcessBuilder("java", "-Xms512m", "-Xmx512m",
                        "-cp", System.getProperty("java.class.path"), "io.plantstream.collector.app.CollectorMain",
                        "--kafka.bootstrap.servers=" + kafka.bootstrapServers(), "--machines=" + dir.resolve("plant.yaml"),
                        "--state.dir=" + dir.resolve("collector"), "--http.port=0", "--threads=4")
                        .redirectErrorStream(true).redirectOutput(dir.resolve("collector.log").toFile()).start();
                try (Admin admin = kafka.admin()) {
                    TimeUnit.SECONDS.sleep(warmup);
                    long written0 = ends(admin);
                    long processed0 = committed(admin);
                    long start = System.nanoTime();
                    TimeUnit.SECONDS.sleep(seconds);
                    long written1 = ends(admin);
                    long processed1 = committed(admin);
                    double elapsed = (System.nanoTime() - start) / 1e9;
                    written = (written1 - written0) / elapsed;
                    processed = (processed1 - processed0) / elapsed;
                    lagBefore = written0 - processed0;
                    lag = written1 - processed1;
                } finally {
                    collector.destroy();
                    collector.waitFor(30, TimeUnit.SECONDS);
                }
            }
            // sustained: what was written and processed alike in the window (a growing lag is not sustained)
            double sustained = Math.min(written, processed);
            int recordSize = meanRecordSize(kafka);
            double ceiling = ceiling(kafka, recordSize, ceilingRecords);
            System.out.printf(Locale.ROOT, "pipeline: %d simulated machines polled every %d ms (collector in its own JVM) "
                    + "-> broker -> job-streams (OEE, jobs, parameters; exactly_once_v2): %.0f machine events/s written, "
                    + "%.0f/s processed by job-streams, %d behind at the start of the window and %d at its end; "
                    + "mean record %d bytes%n", machines, poll, written, processed, lagBefore, lag, recordSize);
            System.out.printf(Locale.ROOT, "producer ceiling (ProducerPerformance, %d-byte records, acks=all, idempotent, "
                    + "lz4, linger %d ms, same broker): %.0f records/s; the pipeline sustained %.0f events/s, %.1f %% of "
                    + "it%n", recordSize, StoreAndForward.DEFAULT_LINGER.toMillis(), ceiling, sustained,
                    sustained / ceiling * 100);
            System.out.printf(Locale.ROOT, "{\"benchmark\":\"pipeline\",\"machines\":%d,\"pollMs\":%d,\"seconds\":%d,"
                    + "\"writtenPerSecond\":%.0f,\"processedPerSecond\":%.0f,\"sustainedPerSecond\":%.0f,"
                    + "\"lagBefore\":%d,\"lagAtEnd\":%d,\"recordBytes\":%d,\"ceilingPerSecond\":%.0f,\"ratio\":%.3f,"
                    + "\"cores\":%d,\"targetRatio\":0.5,\"targetPerSecond\":100000}%n", machines, poll, seconds, written,
                    processed, sustained, lagBefore, lag, recordSize, ceiling, sustained / ceiling,
                    Runtime.getRuntime().availableProcessors());
        } finally {
            Directories.deleteRecursively(dir);
        }
    }

    private static String definitions(int machines, int poll, int tags) {
        StringBuilder yaml = new StringBuilder("machines:\n");
        for (int m = 1; m <= machines; m++) {
            yaml.append(String.format(Locale.ROOT, "  - id: P%04d%n    kind: simulated%n", m))
                    .append(String.format(Locale.ROOT, "    connection: {cycleSeconds: \"%s\", scrapRate: \"0.02\", "
                            + "faultEveryMinutes: \"5\"}%n", poll / 1000.0))
                    .append("    poll: ").append(poll).append("ms\n")
                    .append("    tags: {running: running, fault: fault, partCounter: partCounter, rejectCounter: "
                            + "rejectCounter}\n")
                    .append("    telemetry:\n");
            for (int t = 0; t < tags; t++) {
                yaml.append("      - {name: t").append(t).append(", address: telemetry").append(t)
                        .append(", unit: bar}\n");
            }
        }
        return yaml.toString();
    }

    /** Records on the machine topics (the collector's producer is not transactional: offsets are records). */
    private static long ends(Admin admin) throws Exception {
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        for (Topic<String, ?> topic : MACHINE_TOPICS) {
            for (int p = 0; p < topic.partitions(); p++) {
                request.put(new TopicPartition(topic.name(), p), OffsetSpec.latest());
            }
        }
        return admin.listOffsets(request).all().get().values().stream().mapToLong(o -> o.offset()).sum();
    }

    /**
     * Machine events job-streams has committed: states and counts by the OEE application,
     * telemetry by the parameter application (each event counted once, by the application that
     * needs it most).
     */
    private static long committed(Admin admin) throws Exception {
        return committed(admin, "bench-oee", List.of(Topics.MACHINE_STATE.name(), Topics.MACHINE_COUNTS.name()))
                + committed(admin, "bench-parameters", List.of(Topics.MACHINE_TELEMETRY.name()));
    }

    private static long committed(Admin admin, String group, List<String> topics) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
        return offsets.entrySet().stream().filter(e -> topics.contains(e.getKey().topic()) && e.getValue() != null)
                .mapToLong(e -> e.getValue().offset()).sum();
    }

    /** Mean value size of machine events, from a sample of each topic weighted by its share. */
    private static int meanRecordSize(EmbeddedKafkaCluster kafka) {
        long bytes = 0;
        long records = 0;
        for (Topic<String, ?> topic : MACHINE_TOPICS) {
            for (var record : TopicReader.read(kafka.clientProperties(), topic.name(), "bench-size-" + topic.name(),
                    new ByteArrayDeserializer(), new ByteArrayDeserializer(), 20_000, Duration.ofSeconds(5))) {
                bytes += record.serializedValueSize() + Math.max(0, record.serializedKeySize());
                records++;
            }
        }
        return records == 0 ? 500 : (int) (bytes / records);
    }

    /** Kafka's own ProducerPerformance in a JVM of its own against the same broker; records per second. */
    private static double ceiling(EmbeddedKafkaCluster kafka, int recordSize, long records) throws Exception {
        try (Admin admin = kafka.admin()) {
            admin.createTopics(List.of(new NewTopic("bench.ceiling", 6, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
        Process tool = new ProcessBuilder("java", "-Xms512m", "-Xmx512m", "-cp", System.getProperty("java.class.path"),
                "org.apache.kafka.tools.ProducerPerformance", "--topic", "bench.ceiling",
                "--num-records", Long.toString(records), "--record-size", Integer.toString(recordSize),
                "--throughput", "-1", "--producer-props", "bootstrap.servers=" + kafka.bootstrapServers(), "acks=all",
                "enable.idempotence=true", "compression.type=lz4", "linger.ms=" + StoreAndForward.DEFAULT_LINGER.toMillis())
                .redirectErrorStream(true).start();
        String output = new String(tool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        tool.waitFor(10, TimeUnit.MINUTES);
        Matcher last = Pattern.compile("(\\d+) records sent, ([0-9.]+) records/sec").matcher(output);
        double rate = -1;
        while (last.find()) {
            rate = Double.parseDouble(last.group(2));
        }
        if (rate < 0) {
            throw new IllegalStateException("ProducerPerformance printed no result:\n" + output);
        }
        return rate;
    }
}
