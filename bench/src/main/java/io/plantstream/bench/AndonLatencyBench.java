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
 * {@code --rate=10} times a second for {@code --seconds=30}, through a real broker (in this JVM)
 * into the real board in a JVM of its own, as on a board PC (JavaFX, rendered in software by
 * Monocle's headless platform: no graphics card is used). A record counts as
 * rendered at the first layout pulse after its tile shows it or a newer record of the same
 * machine (the board shows the latest, so a record superseded within a refresh is rendered by
 * its successor). The board is warmed up for 10 s at the same rate first (a board runs for weeks;
 * its first seconds are the JIT's). Prints p50, p99 and max of record -> rendered, and how often
 * the FX thread drew.
 */
public final class AndonLatencyBench {
    private static final int WARM_UP_SECONDS = 10;

    private AndonLatencyBench() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new HashMap<>(Map.of("machines", "100", "rate", "10", "seconds", "30"));
        Arrays.stream(args).filter(a -> a.startsWith("--") && a.contains("="))
                .forEach(a -> options.put(a.substring(2, a.indexOf('=')), a.substring(a.indexOf('=') + 1)));
        int machines = Integer.parseInt(options.get("machines"));
        int rate = Integer.parseInt(options.get("rate"));
        int seconds = Integer.parseInt(options.get("seconds"));
        Path dir = Files.createDirectories(Path.of("target", "bench-andon-" + UUID.randomUUID()).toAbsolutePath());
        try (EmbeddedKafkaCluster kafka = EmbeddedKafkaCluster.builder().dataDir(dir.resolve("kafka")).build().start()) {
            try (Admin admin = kafka.admin()) {
                new TopicProvisioner(admin, (short) 1, Duration.ofSeconds(30)).ensure(Topics.all());
            }
            Path layout = Files.writeString(dir.resolve("layout.yaml"), "plant: Bench hall\ncolumns: 10\nmachines: ["
                    + IntStream.rangeClosed(1, machines).mapToObj(i -> "{id: " + machine(i) + "}")
                    .collect(Collectors.joining(", ")) + "]\n");
            Path rendered = dir.resolve("rendered.txt");
            Process board = new ProcessBuilder("java", "-Xms256m", "-Xmx1g", "-XX:+UseG1GC",
                    "-Dglass.platform=Monocle", "-Dmonocle.platform=Headless", "-Dprism.order=sw",
                    "-cp", System.getProperty("java.class.path"), BoardProcess.class.getName(), kafka.bootstrapServers(),
                    layout.toString(), Integer.toString(machines), rendered.toString())
                    .redirectError(dir.resolve("board.log").toFile()).start();
            java.io.BufferedReader out = new java.io.BufferedReader(new java.io.InputStreamReader(board.getInputStream(),
                    java.nio.charset.StandardCharsets.UTF_8));
            if (untilLineStarting(out, "READY") == null) {
                throw new IllegalStateException("the board did not start; see " + dir.resolve("board.log"));
            }
            produce(kafka, machines, rate, WARM_UP_SECONDS, "WARM-"); // the board's JIT at work; not counted
            long[] sentAt = produce(kafka, machines, rate, seconds, "LAT-");
            Thread.sleep(2_000); // the last records' way to the screen; measured, not waited for
            board.getOutputStream().write("STOP\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            board.getOutputStream().flush();
            String stats = untilLineStarting(out, "STATS ");
            board.waitFor();
            report(read(rendered), sentAt, machines, rate, seconds, stats);
        }
    }

    /** The board on its own, as on a board PC: shows the layout, notes when each LAT- reason reaches the screen. */
    public static final class BoardProcess {
        private BoardProcess() {
        }

        public static void main(String[] args) throws Exception {
            int machines = Integer.parseInt(args[2]);
            List<long[]> shown = new ArrayList<>(); // [machine index, sequence, rendered at], FX thread only
            List<long[]> pending = new ArrayList<>();
            AtomicLong pulses = new AtomicLong();
            AtomicLong slowestGap = new AtomicLong();
            try (AndonBoard board = AndonBoard.start(AndonConfig.CATALOGUE.resolve(ConfigSource.of(Map.of(
                    "kafka.bootstrap.servers", args[0], "layout", args[1], "kiosk", "false"), "bench")))) {
                CompletableFuture<Void> started = new CompletableFuture<>();
                Platform.startup(() -> {
                    Scene scene = new Scene(board.view(), 1920, 1080);
                    for (int i = 1; i <= machines; i++) {
                        int index = i;
                        board.model().tile(machine(i)).reasonText().addListener((o, was, now) -> {
                            if (now != null && now.startsWith("LAT-")) {
                                pending.add(new long[] {index, Long.parseLong(now.substring(4))});
                            }
                        });
                    }
                    long[] last = {0};
                    scene.addPostLayoutPulseListener(() -> {
                        long at = System.currentTimeMillis();
                        pulses.incrementAndGet();
                        if (last[0] != 0) {
                            slowestGap.accumulateAndGet(at - last[0], Math::max);
                        }
                        last[0] = at;
                        pending.forEach(p -> shown.add(new long[] {p[0], p[1], at}));
                        pending.clear();
                    });
                    Stage stage = new Stage();
                    stage.setScene(scene);
                    stage.show();
                    started.complete(null);
                });
                started.get();
                long began = System.currentTimeMillis();
                System.out.println("READY");
                new java.io.BufferedReader(new java.io.InputStreamReader(System.in, java.nio.charset.StandardCharsets.UTF_8))
                        .readLine();
                CompletableFuture<String> lines = new CompletableFuture<>();
                Platform.runLater(() -> lines.complete(shown.stream().map(r -> r[0] + " " + r[1] + " " + r[2])
                        .collect(Collectors.joining("\n"))));
                Files.writeString(Path.of(args[3]), lines.get());
                double seconds = (System.currentTimeMillis() - began) / 1000.0;
                System.out.println(String.format(Locale.ROOT, "STATS %.0f %d", pulses.get() / seconds, slowestGap.get()));
                Platform.exit();
            }
        }
    }

    /** The board's output up to the line starting so (its log lines are passed over); null at its end. */
    private static String untilLineStarting(java.io.BufferedReader out, String start) throws java.io.IOException {
        for (String line = out.readLine(); line != null; line = out.readLine()) {
            if (line.startsWith(start)) {
                return line;
            }
        }
        return null;
    }

    private static Map<String, List<long[]>> read(Path rendered) throws java.io.IOException {
        Map<String, List<long[]>> shown = new HashMap<>();
        for (String line : Files.readAllLines(rendered)) {
            if (line.isBlank()) {
                continue;
            }
            String[] parts = line.split(" ");
            shown.computeIfAbsent(machine(Integer.parseInt(parts[0])), m -> new ArrayList<>())
                    .add(new long[] {Long.parseLong(parts[1]), Long.parseLong(parts[2])});
        }
        return shown;
    }

    /** Machine i gets sequence numbers i-1, i-1+machines, ...; returns the send time of each. */
    private static long[] produce(EmbeddedKafkaCluster kafka, int machines, int rate, int seconds, String prefix)
            throws Exception {
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
                            round % 2 == 0 ? MachineStatus.DOWN : MachineStatus.RUNNING, prefix + sequence, null);
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
            String boardStats) {
        String[] stats = boardStats == null ? new String[] {"0", "-1"} : boardStats.substring("STATS ".length()).split(" ");
        double pulseRate = Double.parseDouble(stats[0]);
        long slowestGap = Long.parseLong(stats[1]);
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
