package io.plantstream.bench;

import io.plantstream.config.ConfigSource;
import io.plantstream.events.ErpOrder;
import io.plantstream.events.EventMeta;
import io.plantstream.events.JobCommand;
import io.plantstream.events.JobCommandType;
import io.plantstream.events.JobParameters;
import io.plantstream.events.MachineCounts;
import io.plantstream.events.MachineState;
import io.plantstream.events.MachineStatus;
import io.plantstream.events.OrderStatus;
import io.plantstream.events.Topic;
import io.plantstream.events.Topics;
import io.plantstream.events.admin.TopicProvisioner;
import io.plantstream.streams.app.JobStreamsConfig;
import io.plantstream.streams.app.JobStreamsService;
import io.plantstream.testkit.kafka.Directories;
import io.plantstream.testkit.kafka.EmbeddedKafkaCluster;
import io.plantstream.testkit.kafka.Secrets;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Events per second through the OEE and job-state topologies (exactly-once v2) on an in-JVM
 * broker, over machine states and counts (every count attributed to a running job). Broker,
 * producer and streams share this machine's cores.
 *
 * <p>Orders are released and dispatched first, and a warm-up backlog is written and processed
 * untimed (the JIT compiles the hot paths: a cold run spends much of its time compiling). Then
 * two measurements:
 * <ul>
 * <li>backlog: the applications are paused, the backlog is written, the clock starts as they
 * resume and stops when both have committed it all (the stream applications' own throughput, as
 * after an outage of the edge or a back-fill);</li>
 * <li>live: the clock starts, the backlog is written by a producer in this JVM while the
 * applications process it, and the clock stops when both have committed it all (the producer's
 * JSON encoding and sending share the cores).</li>
 * </ul>
 *
 * <p>Arguments: {@code --events=N} per measurement (default 1200000), {@code --warmup=N} events
 * before (default 600000), {@code --machines=M} (default 100).
 */
public final class StreamsThroughputBench {
    private StreamsThroughputBench() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = options(args);
        int events = Integer.parseInt(options.getOrDefault("events", "1200000"));
        int warmup = Integer.parseInt(options.getOrDefault("warmup", "600000"));
        int machines = Integer.parseInt(options.getOrDefault("machines", "100"));
        Path dir = Files.createTempDirectory("plantstream-bench-");
        try (EmbeddedKafkaCluster kafka = EmbeddedKafkaCluster.builder().dataDir(dir.resolve("kafka")).build().start()) {
            try (Admin admin = kafka.admin()) {
                new TopicProvisioner(admin, (short) 1, Duration.ofSeconds(30)).ensure(Topics.all());
            }
            Instant t0 = Instant.now().truncatedTo(ChronoUnit.DAYS).minus(Duration.ofHours(12));
            Path calendar = dir.resolve("calendar.yaml");
            Files.writeString(calendar, "timeZone: UTC\npatterns:\n  all-day:\n    - {name: day, start: \"00:00\", "
                    + "end: \"00:00\"}\ndefault: all-day\n");
            Map<String, String> settings = Map.of("kafka.bootstrap.servers", kafka.bootstrapServers(),
                    "calendar.file", calendar.toString(), "state.dir", dir.resolve("state").toString(),
                    "replication.factor", "1", "standby.replicas", "0", "http.port", "0",
                    "http.token", Secrets.randomPassword(), "application.id", "bench");
            try (BenchProducer producer = new BenchProducer(kafka);
                    JobStreamsService service = JobStreamsService.start(
                            JobStreamsConfig.CATALOGUE.resolve(ConfigSource.of(settings, "bench")))) {
                releaseOrders(producer, machines, t0);
                awaitCaughtUp(kafka, "bench-jobs", List.of(Topics.ERP_ORDERS), Duration.ofMinutes(5));
                dispatch(producer, machines, t0);
                awaitCaughtUp(kafka, "bench-jobs", List.of(Topics.ERP_ORDERS, Topics.JOB_COMMANDS), Duration.ofMinutes(5));
                awaitCaughtUp(kafka, "bench-oee", List.of(Topics.JOB_COMMANDS), Duration.ofMinutes(5));
                System.out.println("jobs released and dispatched on " + machines + " machines; warming up with "
                        + warmup + " events");
                int warmupSeconds = warmup / machines;
                measure(kafka, () -> produceBacklog(producer, warmup, machines, t0, 0));
                System.out.println("warmed up; " + events + " events written while the applications process them");

                Measured live = measure(kafka, () -> produceBacklog(producer, events, machines, t0, warmupSeconds));
                service.pause();
                long committedAtPause = committed(kafka, "bench-oee") + committed(kafka, "bench-jobs");
                int backlog = produceBacklog(producer, events, machines, t0, warmupSeconds + events / machines);
                long whilePaused = committed(kafka, "bench-oee") + committed(kafka, "bench-jobs") - committedAtPause;
                if (whilePaused != 0) {
                    throw new IllegalStateException(whilePaused + " records were committed while the applications "
                            + "were paused: the backlog measurement would not hold");
                }
                System.out.println("applications paused, " + backlog + " events written; resuming");
                Measured paused = measure(kafka, () -> {
                    service.resume();
                    return backlog;
                });
                Runtime rt = Runtime.getRuntime();
                long heapMb = (rt.totalMemory() - rt.freeMemory()) / (1024 * 1024);
                System.out.printf(Locale.ROOT, "job-streams (OEE + job state, exactly_once_v2) on %d cores: a written "
                        + "backlog of %d events processed in %.1f s = %.0f events/s (process CPU %.1f s); %d events "
                        + "written while processing in %.1f s = %.0f events/s (process CPU %.1f s)%n",
                        rt.availableProcessors(), paused.events(), paused.seconds(), paused.rate(), paused.cpu(),
                        live.events(), live.seconds(), live.rate(), live.cpu());
                System.out.printf(Locale.ROOT, "{\"benchmark\":\"streams-throughput\",\"events\":%d,\"machines\":%d,"
                        + "\"backlogSeconds\":%.2f,\"backlogEventsPerSecond\":%.0f,\"backlogCpuSeconds\":%.1f,"
                        + "\"liveSeconds\":%.2f,\"liveEventsPerSecond\":%.0f,\"liveCpuSeconds\":%.1f,\"cores\":%d,"
                        + "\"heapUsedMb\":%d,\"warmupEvents\":%d,\"guarantee\":\"exactly_once_v2\",\"target\":100000}%n",
                        events, machines, paused.seconds(), paused.rate(), paused.cpu(), live.seconds(), live.rate(),
                        live.cpu(), rt.availableProcessors(), heapMb, warmup);
            }
        } finally {
            Directories.deleteRecursively(dir);
        }
    }

    private record Measured(int events, double seconds, double cpu) {
        double rate() {
            return events / seconds;
        }
    }

    /** Times {@code work} (which returns how many events it wrote) and both applications committing everything. */
    private static Measured measure(EmbeddedKafkaCluster kafka, Callable<Integer> work)
            throws Exception {
        long start = System.nanoTime();
        long cpuStart = cpuNanos();
        int written = work.call();
        awaitCaughtUp(kafka, "bench-oee", List.of(Topics.MACHINE_STATE, Topics.MACHINE_COUNTS, Topics.JOB_COMMANDS),
                Duration.ofMinutes(20));
        awaitCaughtUp(kafka, "bench-jobs", List.of(Topics.ERP_ORDERS, Topics.JOB_COMMANDS, Topics.MACHINE_COUNTS),
                Duration.ofMinutes(20));
        return new Measured(written, (System.nanoTime() - start) / 1e9, (cpuNanos() - cpuStart) / 1e9);
    }

    /** One order per machine, released in the ERP. */
    private static void releaseOrders(BenchProducer producer, int machines, Instant t0) {
        for (int m = 0; m < machines; m++) {
            String machine = machineId(m);
            String order = "B-" + m;
            producer.send(Topics.ERP_ORDERS, new ErpOrder(meta(machine, t0, 0), order, "ART-" + (m % 7),
                    1_000_000_000L, machine, 0.9, null, 1, OrderStatus.RELEASED, null, false));
        }
        producer.flush();
    }

    /** Each machine's order dispatched to it, once the job stream knows the orders. */
    private static void dispatch(BenchProducer producer, int machines, Instant t0) {
        for (int m = 0; m < machines; m++) {
            String machine = machineId(m);
            producer.send(Topics.JOB_COMMANDS, new JobCommand(meta(machine, t0.plusSeconds(1), 1), "c-" + m, machine,
                    JobCommandType.DISPATCH, "B-" + m, "bench", t0, new JobParameters("ART", 1_000_000_000L, 0.9, null)));
        }
        producer.flush();
    }

    /**
     * Every machine reports once a second from {@code firstSecond} on: a state heartbeat every
     * tenth time, parts for its job otherwise.
     */
    private static int produceBacklog(BenchProducer producer, int events, int machines, Instant t0, int firstSecond) {
        int written = 0;
        int perMachine = events / machines;
        for (int i = firstSecond; i < firstSecond + perMachine; i++) {
            Instant t = t0.plusSeconds(2 + i);
            for (int m = 0; m < machines; m++) {
                String machine = machineId(m);
                if (i % 10 == 0) {
                    producer.send(Topics.MACHINE_STATE, new MachineState(meta(machine, t, i + 2), machine,
                            MachineStatus.RUNNING, null, null));
                } else {
                    producer.send(Topics.MACHINE_COUNTS, new MachineCounts(meta(machine, t, i + 2), machine, 1,
                            i % 50 == 0 ? 1 : 0, i, i / 50, false, "B-" + m));
                }
                written++;
            }
        }
        producer.flush();
        return written;
    }

    static EventMeta meta(String machine, Instant t, long n) {
        return new EventMeta(machine + "-" + n, "bench", t, EventMeta.CURRENT_SCHEMA_VERSION);
    }

    static String machineId(int m) {
        return String.format(Locale.ROOT, "M%04d", m);
    }

    /** The sum of a group's committed offsets. */
    private static long committed(EmbeddedKafkaCluster kafka, String group) throws Exception {
        try (Admin admin = kafka.admin()) {
            return admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS)
                    .values().stream().mapToLong(OffsetAndMetadata::offset).sum();
        }
    }

    /** Waits until the group has committed the end offset of every partition of its inputs. */
    static void awaitCaughtUp(EmbeddedKafkaCluster kafka, String group, List<Topic<?, ?>> topics,
            Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        try (Admin admin = kafka.admin()) {
            List<String> inputs = topics.stream().map(Topic::name).toList();
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            admin.describeTopics(inputs).allTopicNames().get().forEach((name, description) -> description.partitions()
                    .forEach(p -> latest.put(new TopicPartition(name, p.partition()), OffsetSpec.latest())));
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = admin.listOffsets(latest).all().get();
            while (System.nanoTime() < deadline) {
                boolean done = true;
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                        .partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
                for (var end : ends.entrySet()) {
                    OffsetAndMetadata at = committed.get(end.getKey());
                    if (end.getValue().offset() > 0 && (at == null || at.offset() < end.getValue().offset())) {
                        done = false;
                    }
                }
                if (done) {
                    return;
                }
                TimeUnit.MILLISECONDS.sleep(100);
            }
            throw new IllegalStateException(group + " did not catch up within " + timeout);
        }
    }

    static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /** {@code --key=value} arguments of a benchmark. */
    static Map<String, String> options(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (String arg : args) {
            if (arg.startsWith("--") && arg.contains("=")) {
                options.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
            }
        }
        return options;
    }
}
