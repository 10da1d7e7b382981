package io.plantstream.bench;

import io.plantstream.andon.AndonBoard;
import io.plantstream.andon.AndonConfig;
import io.plantstream.andon.view.TileViewModel;
import io.plantstream.config.ConfigSource;
import io.plantstream.events.EventMeta;
import io.plantstream.events.MachineState;
import io.plantstream.events.MachineStatus;
import io.plantstream.events.Topics;
import io.plantstream.events.admin.TopicProvisioner;
import io.plantstream.testkit.kafka.EmbeddedKafkaCluster;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The Andon board under load: {@code --machines=100} tiles, each machine changing state
 * {@code --rate=10} times a second for {@code --seconds=30}, through a real broker into the real
 * board (JavaFX, rendered in software by Monocle's headless platform). A record counts as
 * rendered at the first layout pulse after its tile shows it or a newer record of the same
 * machine (the board shows the latest, so a record superseded within a refresh is rendered by
 * its successor). Prints p50, p99 and max of record -> rendered, and how busy the FX thread was.
 */
public final class AndonLatencyBench {
    private AndonLatencyBench() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new HashMap<>(Map.of("machines", "100", "rate", "10", "seconds", "30"));
        Arrays.stream(args).filter(a -> a.startsWith("--") && a.contains("="))
                .forEach(a -> options.put(a.substring(2, a.indexOf('=')), a.substring(a.indexOf('=') + 1)));
        int machines = Integer.parseInt(options.get("machines"));
        int rate = Integer.parseInt(options.get("rate"));
        int seconds = Integer.parseInt(options.get("seconds"));
        System.setProperty("glass.platform", "Monocle");
        System.setProperty("monocle.platform", "Headless");
        System.setProperty("prism.order", "sw");
        Path dir = Files.createDirectories(Path.of("target", "bench-andon-" + UUID.randomUUID()).toAbsolutePath());
        try (EmbeddedKafkaCluster kafka = EmbeddedKafkaCluster.builder().dataDir(dir.resolve("kafka")).build().start()) {
            try (Admin admin = kafka.admin()) {
                new TopicProvisioner(admin, (short) 1, Duration.ofSeconds(30)).ensure(Topics.all());
            }
            Path layout = Files.writeString(dir.resolve("layout.yaml"), "plant: Bench hall\ncolumns: 10\nmachines: ["
                    + IntStream.rangeClosed(1, machines).mapToObj(i -> "{id: " + machine(i) + "}")
                    .collect(Collectors.joining(", ")) + "]\n");
            try (AndonBoard board = AndonBoard.start(AndonConfig.CATALOGUE.resolve(ConfigSource.of(Map.of(
                    "kafka.bootstrap.servers", kafka.bootstrapServers(), "layout", layout.toString(),
                    "kiosk", "false"), "bench")))) {
                run(board, kafka, machines, rate, seconds);
            }
        }
    }

    private static void run(AndonBoard board, EmbeddedKafkaCluster kafka, int machines, int rate, int seconds)
            throws Exception {
        Map<String, List<long[]>> shown = new ConcurrentHashMap<>(); // machine -> [sequence, rendered at]
        List<long[]> pending = new ArrayList<>(); // [machine index, sequence], FX thread only
        AtomicLong pulses = new AtomicLong();
        AtomicLong slowestPulseGapMs = new AtomicLong();
        CompletableFuture<Void> shownOnScreen = new CompletableFuture<>();
        Platform.startup(() -> {
            Scene scene = new Scene(board.view(), 1920, 1080);
            for (int i = 1; i <= machines; i++) {
                String id = machine(i);
                TileViewModel tile = board.model().tile(id);
                int index = i;
                tile.reasonText().addListener((o, was, now) -> {
                    if (now != null && now.startsWith("LAT-")) {
                        pending.add(new long[] {index, Long.parseLong(now.substring(4))});
                    }
                });
            }
            long[] lastPulse = {0};
            scene.addPostLayoutPulseListener(() -> {
                long at = System.currentTimeMillis();
                pulses.incrementAndGet();
                if (lastPulse[0] != 0) {
                    slowestPulseGapMs.accumulateAndGet(at - lastPulse[0], Math::max);
                }
                lastPulse[0] = at;
                for (long[] seen : pending) {
                    shown.computeIfAbsent(machine((int) seen[0]), m -> new ArrayList<>()).add(new long[] {seen[1], at});
                }
                pending.clear();
            });
            Stage stage = new Stage();
            stage.setScene(scene);
            stage.show();
            shownOnScreen.complete(null);
        });
        shownOnScreen.get();
        long[] sentAt = produce(kafka, machines, rate, seconds);
        Thread.sleep(2_000); // the last records' way to the screen; measured, not waited for
        report(shown, sentAt, machines, rate, seconds, pulses.get(), slowestPulseGapMs.get());
        Platform.exit();
    }

    /** Machine i gets sequence numbers i-1, i-1+machines, ...; returns the send time of each. */
    private static long[] produce(EmbeddedKafkaCluster kafka, int machines, int rate, int seconds) throws Exception {
        int rounds = rate * seconds;
        long[] sentAt = new long[rounds * machines];
        Map<String, Object> props = new HashMap<>(kafka.clientProperties());
        props.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        try (KafkaProducer<String, MachineState> producer = new KafkaProducer<>(props, new StringSerializer(),
                Topics.MACHINE_STATE.valueSerde().serializer())) {
            long start = System.nanoTime();
            for (int round = 0; round < rounds; round++) {
                for (int i = 0; i < machines; i++) {
                    int sequence = round * machines + i;
                    String id = machine(i + 1);
                    MachineState state = new MachineState(EventMeta.of("bench", Instant.now()), id,
                            round % 2 == 0 ? MachineStatus.DOWN : MachineStatus.RUNNING, "LAT-" + sequence, null);
                    sentAt[sequence] = System.currentTimeMillis();
                    producer.send(new ProducerRecord<>(Topics.MACHINE_STATE.name(), id, state));
                }
                long due = start + (round + 1) * 1_000_000_000L / rate;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000)); // the machines' pace
                }
            }
            producer.flush();
        }
        return sentAt;
    }

    private static void report(Map<String, List<long[]>> shown, long[] sentAt, int machines, int rate, int seconds,
            long pulses, long slowestGap) {
        List<Long> latencies = new ArrayList<>();
        int neverShown = 0;
        for (int sequence = 0; sequence < sentAt.length; sequence++) {
            List<long[]> seen = shown.getOrDefault(machine(sequence % machines + 1), List.of());
            long rendered = -1;
            for (long[] s : seen) {
                if (s[0] >= sequence) {
                    rendered = s[1];
                    break;
                }
            }
            if (rendered < 0) {
                neverShown++;
            } else {
                latencies.add(rendered - sentAt[sequence]);
            }
        }
        long[] sorted = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
        long p50 = percentile(sorted, 0.50);
        long p99 = percentile(sorted, 0.99);
        long max = sorted.length == 0 ? -1 : sorted[sorted.length - 1];
        double pulseRate = pulses / (seconds + 2.0);
        System.out.printf(Locale.ROOT, "%d tiles x %d updates/s for %d s (%d records): record -> rendered tile p50 %d ms, "
                + "p99 %d ms, max %d ms; %d records never rendered; %.0f pulses/s, longest gap between pulses %d ms%n",
                machines, rate, seconds, sentAt.length, p50, p99, max, neverShown, pulseRate, slowestGap);
        System.out.printf(Locale.ROOT, "{\"bench\":\"andon-latency\",\"tiles\":%d,\"updates_per_tile_s\":%d,\"seconds\":%d,"
                + "\"records\":%d,\"p50_ms\":%d,\"p99_ms\":%d,\"max_ms\":%d,\"never_rendered\":%d,\"pulses_per_s\":%.0f,"
                + "\"longest_pulse_gap_ms\":%d,\"target_p99_ms\":250,\"met\":%s}%n", machines, rate, seconds,
                sentAt.length, p50, p99, max, neverShown, pulseRate, slowestGap, neverShown == 0 && p99 < 250);
    }

    private static String machine(int i) {
        return String.format(Locale.ROOT, "M%03d", i);
    }

    private static long percentile(long[] sorted, double p) {
        return sorted.length == 0 ? -1 : sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)];
    }
}
