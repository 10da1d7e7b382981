package io.plantstream.bench;

import static io.plantstream.bench.StreamsThroughputBench.machineId;
import static io.plantstream.bench.StreamsThroughputBench.meta;

import io.plantstream.events.MachineParameters;
import io.plantstream.events.MachineState;
import io.plantstream.events.MachineStatus;
import io.plantstream.events.MachineTelemetry;
import io.plantstream.events.ParameterSpec;
import io.plantstream.events.SampleQuality;
import io.plantstream.events.TagSample;
import io.plantstream.events.Topics;
import io.plantstream.events.admin.TopicProvisioner;
import io.plantstream.streams.parameters.ParameterSettings;
import io.plantstream.streams.parameters.ParameterTopology;
import io.plantstream.testkit.kafka.Directories;
import io.plantstream.testkit.kafka.EmbeddedKafkaCluster;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;

/**
 * Telemetry samples per second through the parameter topology (one-minute and one-hour
 * aggregates, specification and control rules; exactly-once v2) on an in-JVM broker. A backlog
 * of telemetry is written first (N machines, T parameters a record, one record a machine a
 * second, every parameter with specification and control limits); the clock runs from the
 * moment the stream application is running until it has committed the whole backlog.
 *
 * <p>Arguments: {@code --samples=N} (default 3000000), {@code --machines=M} (default 100),
 * {@code --tags=T} (default 20).
 */
public final class ParameterBench {
    private ParameterBench() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = StreamsThroughputBench.options(args);
        long samples = Long.parseLong(options.getOrDefault("samples", "3000000"));
        int machines = Integer.parseInt(options.getOrDefault("machines", "100"));
        int tags = Integer.parseInt(options.getOrDefault("tags", "20"));
        Path dir = Files.createTempDirectory("plantstream-bench-");
        try (EmbeddedKafkaCluster kafka = EmbeddedKafkaCluster.builder().dataDir(dir.resolve("kafka")).build().start()) {
            try (Admin admin = kafka.admin()) {
                new TopicProvisioner(admin, (short) 1, Duration.ofSeconds(30)).ensure(Topics.all());
            }
            Instant t0 = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(12));
            long records;
            try (BenchProducer producer = new BenchProducer(kafka)) {
                records = writeBacklog(producer, samples, machines, tags, t0);
            }
            System.out.println("backlog written: " + records + " telemetry records of " + tags + " samples from "
                    + machines + " machines");
            Properties props = new Properties();
            props.putAll(kafka.clientProperties());
            props.put(StreamsConfig.APPLICATION_ID_CONFIG, "bench-parameters");
            props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
            props.put(StreamsConfig.STATE_DIR_CONFIG, dir.resolve("state").toString());
            props.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, 1);
            props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100);
            props.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
            props.put(StreamsConfig.producerPrefix(ProducerConfig.LINGER_MS_CONFIG), 5);
            props.put(StreamsConfig.producerPrefix(ProducerConfig.COMPRESSION_TYPE_CONFIG), "lz4");
            ParameterSettings settings = new ParameterSettings("bench", ZoneOffset.UTC, Duration.ofSeconds(10),
                    Duration.ofMinutes(5), 20, 0.1, Map.of(), 1_000_000);
            try (KafkaStreams streams = new KafkaStreams(ParameterTopology.build(settings), props)) {
                streams.start();
                long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
                while (streams.state() != KafkaStreams.State.RUNNING && System.nanoTime() < deadline) {
                    TimeUnit.MILLISECONDS.sleep(20);
                }
                long start = System.nanoTime();
                long cpuStart = StreamsThroughputBench.cpuNanos();
                StreamsThroughputBench.awaitCaughtUp(kafka, "bench-parameters", List.of(Topics.MACHINE_TELEMETRY,
                        Topics.MACHINE_PARAMETERS, Topics.MACHINE_STATE), Duration.ofMinutes(30));
                double seconds = (System.nanoTime() - start) / 1e9;
                double cpu = (StreamsThroughputBench.cpuNanos() - cpuStart) / 1e9;
                long total = records * tags;
                long minutes = count(kafka, Topics.PARAMETER_STATS_MINUTE.name());
                long hours = count(kafka, Topics.PARAMETER_STATS_HOUR.name());
                long deadLetters = count(kafka, Topics.MACHINE_TELEMETRY.deadLetter().name());
                long seconds0 = records / machines;
                long expectedMinutes = (long) machines * tags * Math.max(0, (seconds0 + 1 - 10) / 60);
                System.out.printf(Locale.ROOT, "aggregates: %d one-minute (%d expected), %d one-hour; %d dead letters%n",
                        minutes, expectedMinutes, hours, deadLetters);
                Runtime rt = Runtime.getRuntime();
                long heapMb = (rt.totalMemory() - rt.freeMemory()) / (1024 * 1024);
                System.out.printf(Locale.ROOT, "parameter stream (exactly_once_v2): %d samples (%d records) in %.1f s = "
                        + "%.0f samples/s, %d one-minute and %d one-hour aggregates, process CPU %.1f s on %d cores%n",
                        total, records, seconds, total / seconds, minutes, hours, cpu, rt.availableProcessors());
                System.out.printf(Locale.ROOT, "{\"benchmark\":\"parameters\",\"samples\":%d,\"records\":%d,"
                        + "\"machines\":%d,\"tagsPerRecord\":%d,\"seconds\":%.2f,\"samplesPerSecond\":%.0f,"
                        + "\"recordsPerSecond\":%.0f,\"minuteAggregates\":%d,\"hourAggregates\":%d,\"cpuSeconds\":%.1f,"
                        + "\"deadLetters\":%d,\"cores\":%d,\"heapUsedMb\":%d,\"guarantee\":\"exactly_once_v2\","
                        + "\"target\":200000}%n",
                        total, records, machines, tags, seconds, total / seconds, records / seconds, minutes, hours, cpu,
                        deadLetters, rt.availableProcessors(), heapMb);
            }
        } finally {
            Directories.deleteRecursively(dir);
        }
    }

    private static long writeBacklog(BenchProducer producer, long samples, int machines, int tags,
            Instant t0) {
        List<ParameterSpec> specs = new ArrayList<>();
        for (int p = 0; p < tags; p++) {
            specs.add(new ParameterSpec("p" + p, "unit", 0.0, 200.0, 40.0 + p, 60.0 + p));
        }
        for (int m = 0; m < machines; m++) {
            String machine = machineId(m);
            producer.send(Topics.MACHINE_PARAMETERS, new MachineParameters(meta(machine, t0, -2), machine, specs));
            producer.send(Topics.MACHINE_STATE, new MachineState(meta(machine, t0, -1), machine, MachineStatus.RUNNING,
                    null, null));
        }
        producer.flush();
        long perMachine = samples / ((long) machines * tags);
        java.util.Random random = new java.util.Random(7);
        long records = 0;
        for (long i = 0; i < perMachine; i++) {
            Instant t = t0.plusSeconds(1 + i);
            for (int m = 0; m < machines; m++) {
                List<TagSample> values = new ArrayList<>(tags);
                for (int p = 0; p < tags; p++) {
                    values.add(new TagSample("p" + p, 50 + p + random.nextGaussian() * 2, "unit", SampleQuality.GOOD));
                }
                String machine = machineId(m);
                producer.send(Topics.MACHINE_TELEMETRY, new MachineTelemetry(meta(machine, t, i), machine, values));
                records++;
            }
        }
        producer.flush();
        return records;
    }

    /** Committed records on a topic (transaction markers are not records). */
    private static long count(EmbeddedKafkaCluster kafka, String topic) {
        return io.plantstream.testkit.kafka.TopicReader.read(kafka.clientProperties(), topic,
                "bench-count-" + java.util.UUID.randomUUID(), new org.apache.kafka.common.serialization.ByteArrayDeserializer(),
                new org.apache.kafka.common.serialization.ByteArrayDeserializer(), Integer.MAX_VALUE, Duration.ofSeconds(5))
                .size();
    }

}
