package io.plantstream.bench;

import io.plantstream.events.Topics;
import io.plantstream.events.admin.TopicProvisioner;
import io.plantstream.testkit.kafka.Directories;
import io.plantstream.testkit.kafka.EmbeddedKafkaCluster;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;

/**
 * One collector process with many simulated machines (default 1,000 machines x 20 tags, polled
 * at 1 Hz), in its own JVM with a 512 MB heap, publishing to an in-JVM broker in this process.
 * After a warm-up it measures, over a window: events per second arriving in Kafka, the
 * collector's CPU (from /proc), its threads, and its heap after a full GC (jcmd).
 *
 * <p>Arguments: {@code --machines=N} (1000), {@code --tags=T} (20), {@code --warmup=S} (20),
 * {@code --seconds=S} (60).
 */
public final class CollectorScaleBench {
    private CollectorScaleBench() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new HashMap<>();
        Arrays.stream(args).filter(a -> a.startsWith("--") && a.contains("="))
                .forEach(a -> options.put(a.substring(2, a.indexOf('=')), a.substring(a.indexOf('=') + 1)));
        int machines = Integer.parseInt(options.getOrDefault("machines", "1000"));
        int tags = Integer.parseInt(options.getOrDefault("tags", "20"));
        int warmup = Integer.parseInt(options.getOrDefault("warmup", "20"));
        int seconds = Integer.parseInt(options.getOrDefault("seconds", "60"));
        Path dir = Files.createDirectories(Path.of("target", "bench-collector-" + System.nanoTime())).toAbsolutePath();
        Files.writeString(dir.resolve("plant.yaml"), definitions(machines, tags));
        try (EmbeddedKafkaCluster kafka = EmbeddedKafkaCluster.builder().dataDir(dir.resolve("kafka")).build().start()) {
            try (Admin admin = kafka.admin()) {
                new TopicProvisioner(admin, (short) 1, Duration.ofSeconds(30)).ensure(Topics.all());
            }
            Process collector = new ProcessBuilder("java", "-Xms512m", "-Xmx512m", "-XX:+UseSerialGC",
                    "-cp", System.getProperty("java.class.path"), "io.plantstream.collector.app.CollectorMain",
                    "--kafka.bootstrap.servers=" + kafka.bootstrapServers(), "--machines=" + dir.resolve("plant.yaml"),
                    "--state.dir=" + dir.resolve("state"), "--http.port=0", "--threads=4")
                    .redirectErrorStream(true).redirectOutput(dir.resolve("collector.log").toFile()).start();
            try (Admin admin = kafka.admin()) {
                TimeUnit.SECONDS.sleep(warmup);
                long events0 = events(admin);
                long cpu0 = cpuTicks(collector.pid());
                long start = System.nanoTime();
                TimeUnit.SECONDS.sleep(seconds);
                long events1 = events(admin);
                long cpu1 = cpuTicks(collector.pid());
                double elapsed = (System.nanoTime() - start) / 1e9;
                double eventsPerSecond = (events1 - events0) / elapsed;
                double cpuPercent = (cpu1 - cpu0) / 100.0 / elapsed * 100;
                int threads = threads(collector.pid());
                double heapMb = heapAfterGc(collector.pid());
                System.out.printf(Locale.ROOT, "collector with %d simulated machines x %d tags at 1 Hz: %.0f events/s "
                        + "(%.0f tag values/s) into Kafka; CPU %.0f %% of one core; %d threads; heap after full GC %.0f MB "
                        + "of 512 MB%n", machines, tags, eventsPerSecond, machines * tags * 1.0, cpuPercent, threads, heapMb);
                System.out.printf(Locale.ROOT, "{\"benchmark\":\"collector-scale\",\"machines\":%d,\"tags\":%d,"
                        + "\"events_per_s\":%.0f,\"tag_values_per_s\":%d,\"cpu_percent_of_core\":%.0f,\"threads\":%d,"
                        + "\"heap_after_gc_mb\":%.0f,\"heap_max_mb\":512,\"cores\":%d}%n", machines, tags, eventsPerSecond,
                        machines * tags, cpuPercent, threads, heapMb, Runtime.getRuntime().availableProcessors());
            } finally {
                collector.destroy();
                collector.waitFor(30, TimeUnit.SECONDS);
            }
        } finally {
            Directories.deleteRecursively(dir);
        }
    }

    private static String definitions(int machines, int tags) {
        StringBuilder yaml = new StringBuilder("machines:\n");
        for (int m = 1; m <= machines; m++) {
            yaml.append(String.format(Locale.ROOT, "  - id: SIM%04d%n    kind: simulated%n", m))
                    .append("    connection: {cycleSeconds: \"4\", scrapRate: \"0.02\"}\n")
                    .append("    poll: 1s\n")
                    .append("    tags: {running: running, fault: fault, partCounter: partCounter, rejectCounter: "
                            + "rejectCounter}\n")
                    .append("    telemetry:\n");
            for (int t = 0; t < tags - 4; t++) {
                yaml.append("      - {name: t").append(t).append(", address: telemetry").append(t)
                        .append(", unit: bar}\n");
            }
        }
        return yaml.toString();
    }

    private static long events(Admin admin) throws Exception {
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        for (var topic : List.of(Topics.MACHINE_STATE, Topics.MACHINE_COUNTS, Topics.MACHINE_TELEMETRY,
                Topics.MACHINE_ALARMS)) {
            for (int p = 0; p < topic.partitions(); p++) {
                request.put(new TopicPartition(topic.name(), p), OffsetSpec.latest());
            }
        }
        return admin.listOffsets(request).all().get().values().stream().mapToLong(o -> o.offset()).sum();
    }

    /** utime + stime of a process, in clock ticks (100 per second on Linux). */
    private static long cpuTicks(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }

    private static int threads(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("Threads:")) {
                return Integer.parseInt(line.substring(8).strip());
            }
        }
        return -1;
    }

    private static double heapAfterGc(long pid) throws Exception {
        run("jcmd", Long.toString(pid), "GC.run");
        String info = run("jcmd", Long.toString(pid), "GC.heap_info");
        Matcher used = Pattern.compile("total (\\d+)K, used (\\d+)K").matcher(info);
        long kb = 0;
        while (used.find()) {
            kb += Long.parseLong(used.group(2));
        }
        return kb / 1024.0;
    }

    private static String run(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        process.waitFor();
        return output;
    }
}
