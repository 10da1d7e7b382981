package io.plantstream.bench;

import io.plantstream.bridge.BridgeConfig;
import io.plantstream.bridge.CloudBridge;
import io.plantstream.config.ConfigSource;
import io.plantstream.dashboard.DashboardConfig;
import io.plantstream.dashboard.DashboardServer;
import io.plantstream.events.EventMeta;
import io.plantstream.events.MachineState;
import io.plantstream.events.MachineStatus;
import io.plantstream.events.Topics;
import io.plantstream.events.admin.TopicProvisioner;
import io.plantstream.testkit.browser.HeadlessChromium;
import io.plantstream.testkit.kafka.Directories;
import io.plantstream.testkit.kafka.EmbeddedKafkaCluster;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * Latency from a machine state record written at the edge to the overview tile showing it in a
 * real browser: edge Kafka, MirrorMaker 2 bridge, cloud Kafka, dashboard (feed, server-sent
 * events), headless Chromium. Each change carries a sequence number as its reason code; a
 * mutation observer in the page notes when each number appears. Both clocks are this machine's.
 * {@code --changes=300 --interval=200ms --machines=11}
 */
public final class DashboardLatencyBench {
    private static final String OBSERVER = """
            window.__seen = {};
            new MutationObserver(() => {
              for (const tile of document.querySelectorAll('.tile')) {
                const match = tile.textContent.match(/LAT-(\\d+)/);
                if (match && !(match[1] in window.__seen)) window.__seen[match[1]] = Date.now();
              }
            }).observe(document.getElementById('view'), {subtree: true, childList: true, characterData: true});
            """;

    private DashboardLatencyBench() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new HashMap<>(Map.of("changes", "300", "interval", "200ms", "machines", "11"));
        Arrays.stream(args).filter(a -> a.startsWith("--") && a.contains("="))
                .forEach(a -> options.put(a.substring(2, a.indexOf('=')), a.substring(a.indexOf('=') + 1)));
        int changes = Integer.parseInt(options.get("changes"));
        Duration interval = io.plantstream.config.Durations.parse(options.get("interval"));
        int machines = Integer.parseInt(options.get("machines"));
        Path dir = Files.createDirectories(Path.of("target", "bench-dashboard-" + UUID.randomUUID()).toAbsolutePath());

        CompletableFuture<EmbeddedKafkaCluster> edgeStart = CompletableFuture.supplyAsync(
                () -> EmbeddedKafkaCluster.builder().dataDir(dir.resolve("edge")).build().start());
        try (EmbeddedKafkaCluster cloud = EmbeddedKafkaCluster.builder().dataDir(dir.resolve("cloud")).build().start();
             EmbeddedKafkaCluster edge = edgeStart.join()) {
            try (Admin admin = edge.admin()) {
                new TopicProvisioner(admin, (short) 1, Duration.ofSeconds(30)).ensure(Topics.all());
            }
            String password = "bench-" + UUID.randomUUID();
            Path secret = Files.writeString(dir.resolve("admin.password"), password);
            Path layout = Files.writeString(dir.resolve("layout.yaml"), "sites:\n  - id: plant-a\n    name: Plant A\n"
                    + "    lines:\n      - id: L1\n        machines: [" + IntStream.rangeClosed(1, machines)
                    .mapToObj(i -> "{id: " + machine(i) + "}").collect(Collectors.joining(", ")) + "]\n");
            try (CloudBridge bridge = CloudBridge.start(BridgeConfig.CATALOGUE.resolve(ConfigSource.of(Map.of(
                    "site", "plant-a", "edge.kafka.bootstrap.servers", edge.bootstrapServers(),
                    "cloud.kafka.bootstrap.servers", cloud.bootstrapServers(), "edge.replication.factor", "1",
                    "cloud.replication.factor", "1", "sync.interval", "1s", "http.port", "0"), "bench")));
                 DashboardServer dashboard = DashboardServer.start(DashboardConfig.CATALOGUE.resolve(ConfigSource.of(
                         Map.of("kafka.bootstrap.servers", cloud.bootstrapServers(), "http.port", "0",
                                 "admin.password.file", secret.toString(), "replication.factor", "1",
                                 "layout", layout.toString()), "bench")));
                 KafkaProducer<String, MachineState> producer = producer(edge)) {
                await(bridge::running, Duration.ofSeconds(90), "the bridge running");
                ChromeDriver browser = HeadlessChromium.start(dir.resolve("browser"), 1400, 1000);
                try {
                    logIn(browser, dashboard.port(), password);
                    long[] sent = new long[changes];
                    publishAll(producer, sent, machines, Duration.ofSeconds(1), -1); // warm-up, not counted
                    browser.executeScript(OBSERVER);
                    publishAll(producer, sent, machines, interval, changes);
                    report(browser, sent, changes, interval, machines);
                } finally {
                    browser.quit();
                }
            }
        } finally {
            Directories.deleteRecursively(dir);
        }
    }

    /** Writes {@code count} state changes (or one per machine for the warm-up, count -1), one per interval. */
    private static void publishAll(KafkaProducer<String, MachineState> producer, long[] sent, int machines,
            Duration interval, int count) throws Exception {
        int total = count < 0 ? machines : count;
        for (int i = 0; i < total; i++) {
            String machine = machine(i % machines + 1);
            MachineState state = new MachineState(EventMeta.of("bench", Instant.now()), machine,
                    i % 2 == 0 ? MachineStatus.DOWN : MachineStatus.IDLE, count < 0 ? "WARM" : "LAT-" + i, null);
            long at = System.currentTimeMillis();
            producer.send(new ProducerRecord<>(Topics.MACHINE_STATE.name(), machine, state)).get();
            if (count >= 0) {
                sent[i] = at;
            }
            Thread.sleep(interval.toMillis()); // the pace of the machines, not a wait for anything
        }
    }

    private static void report(ChromeDriver browser, long[] sent, int changes, Duration interval, int machines)
            throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        Map<?, ?> seen = Map.of();
        while (System.nanoTime() < deadline) {
            seen = (Map<?, ?>) browser.executeScript("return window.__seen;");
            if (seen.size() >= changes) {
                break;
            }
            Thread.sleep(200);
        }
        long[] latencies = new long[seen.size()];
        int n = 0;
        for (Map.Entry<?, ?> entry : seen.entrySet()) {
            int index = Integer.parseInt(entry.getKey().toString());
            latencies[n++] = ((Number) entry.getValue()).longValue() - sent[index];
        }
        Arrays.sort(latencies);
        int missing = changes - latencies.length;
        long p50 = percentile(latencies, 0.50);
        long p99 = percentile(latencies, 0.99);
        long max = latencies.length == 0 ? -1 : latencies[latencies.length - 1];
        System.out.printf(Locale.ROOT, "%d state changes on %d machines, one every %d ms: edge record -> tile in the "
                + "browser p50 %d ms, p99 %d ms, max %d ms, %d never shown%n", changes, machines, interval.toMillis(),
                p50, p99, max, missing);
        System.out.printf(Locale.ROOT, "{\"bench\":\"dashboard-latency\",\"changes\":%d,\"machines\":%d,"
                + "\"interval_ms\":%d,\"p50_ms\":%d,\"p99_ms\":%d,\"max_ms\":%d,\"missing\":%d,\"target_p99_ms\":2000,"
                + "\"met\":%s}%n", changes, machines, interval.toMillis(), p50, p99, max, missing,
                missing == 0 && p99 < 2000);
    }

    private static void logIn(ChromeDriver browser, int port, String password) throws InterruptedException {
        browser.get("http://localhost:" + port + "/login");
        browser.findElement(By.id("username")).sendKeys("admin");
        browser.findElement(By.id("password")).sendKeys(password);
        browser.findElement(By.id("login-button")).click();
        await(() -> "connected".equals(browser.findElement(By.tagName("body")).getAttribute("data-live"))
                && !browser.findElements(By.cssSelector(".tile")).isEmpty(), Duration.ofSeconds(60),
                "the overview with live updates");
    }

    private static void await(java.util.function.BooleanSupplier condition, Duration timeout, String what)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(what + " not reached within " + timeout.toSeconds() + " s");
            }
            Thread.sleep(100);
        }
    }

    private static KafkaProducer<String, MachineState> producer(EmbeddedKafkaCluster edge) {
        Map<String, Object> props = new HashMap<>(edge.clientProperties());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        return new KafkaProducer<>(props, new StringSerializer(), Topics.MACHINE_STATE.valueSerde().serializer());
    }

    private static String machine(int i) {
        return String.format(Locale.ROOT, "M%02d", i);
    }

    private static long percentile(long[] sorted, double p) {
        return sorted.length == 0 ? -1 : sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)];
    }
}
