package io.plantstream.bench;

import com.ghgande.j2mod.modbus.procimg.SimpleDigitalOut;
import com.ghgande.j2mod.modbus.procimg.SimpleProcessImage;
import com.ghgande.j2mod.modbus.procimg.SimpleRegister;
import com.ghgande.j2mod.modbus.slave.ModbusSlave;
import com.ghgande.j2mod.modbus.slave.ModbusSlaveFactory;
import io.plantstream.collector.adapter.Plc4xAdapter;
import io.plantstream.collector.app.CounterStore;
import io.plantstream.collector.app.MachineRunner;
import io.plantstream.collector.core.SignalProcessor;
import io.plantstream.collector.definition.DefinitionLoader;
import io.plantstream.collector.definition.MachineDefinition;
import io.plantstream.collector.publish.StoreAndForward;
import io.plantstream.events.Topics;
import io.plantstream.events.admin.TopicProvisioner;
import io.plantstream.testkit.kafka.Directories;
import io.plantstream.testkit.kafka.EmbeddedKafkaCluster;
import io.plantstream.testkit.kafka.FreePorts;
import io.plantstream.testkit.opcua.OpcUaTestServer;
import io.plantstream.testkit.s7.Snap7Server;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.plc4x.java.api.PlcConnection;
import org.apache.plc4x.java.api.PlcDriverManager;
import org.apache.plc4x.java.api.messages.PlcReadRequest;

/**
 * Reads per second against real peers (a Snap7 S7 server, a j2mod Modbus TCP server, an Eclipse
 * Milo OPC UA server, the OPC UA machine polled), the same 20 tags per read: a raw PLC4X read loop
 * (the ceiling) against the collector's own machine runner (adapter read, signal processing on its
 * pool, store-and-forward journal, events forwarded to an in-JVM broker), back to back without
 * pauses; a round of the runner ends when all it read has been processed (its processing runs a
 * few milliseconds behind the reads, as in the collector). The journal's delivery to Kafka is
 * not waited for: gathered for up to 120 ms, part of it runs in the next raw round. Reports both and their ratio per protocol. For an edge
 * database machine (a real MariaDB, a result table of 20 columns) the same in rows/s: a raw JDBC
 * keyset loop over the rows against the collector's SQL adapter reading them as new rows.
 *
 * <p>Arguments: {@code --seconds=S} per measurement (default 15), {@code --round=R} seconds per
 * alternating round of the PLC loops (default 1), {@code --warmup=W} seconds of
 * each loop before the clock starts (default 10: the broker's and the producer's code compiled, as
 * in a collector that has run for a while), {@code --rows=R} in the result table (default 200,000).
 */
public final class AdapterBench {
    private AdapterBench() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new HashMap<>();
        Arrays.stream(args).filter(a -> a.startsWith("--") && a.contains("="))
                .forEach(a -> options.put(a.substring(2, a.indexOf('=')), a.substring(a.indexOf('=') + 1)));
        int seconds = Integer.parseInt(options.getOrDefault("seconds", "15"));
        double round = Double.parseDouble(options.getOrDefault("round", "1"));
        int warmup = Integer.parseInt(options.getOrDefault("warmup", "10"));
        int rows = Integer.parseInt(options.getOrDefault("rows", "200000"));
        int messages = Integer.parseInt(options.getOrDefault("messages", "100000"));
        int files = Integer.parseInt(options.getOrDefault("files", "2000"));
        java.util.Set<String> only = options.containsKey("only")
                ? java.util.Set.of(options.get("only").split(",")) : java.util.Set.of("s7", "modbus", "opcua", "sql", "mqtt", "file");
        Path dir = Files.createDirectories(Path.of("target", "bench-adapters-" + System.nanoTime())).toAbsolutePath();
        try (EmbeddedKafkaCluster kafka = EmbeddedKafkaCluster.builder().dataDir(dir.resolve("kafka")).build().start();
                Snap7Server s7 = Snap7Server.create(Map.of(10, 128)).start();
                OpcUaTestServer opcua = opcUaServer()) {
            try (Admin admin = kafka.admin()) {
                new TopicProvisioner(admin, (short) 1, Duration.ofSeconds(30)).ensure(Topics.all());
            }
            SimpleProcessImage image = new SimpleProcessImage();
            image.addDigitalOut(new SimpleDigitalOut(true));
            image.addDigitalOut(new SimpleDigitalOut(false));
            for (int i = 0; i < 32; i++) {
                image.addRegister(new SimpleRegister(i));
            }
            int modbusPort = FreePorts.next();
            ModbusSlave modbus = ModbusSlaveFactory.createTCPSlave(InetAddress.getLoopbackAddress(), modbusPort, 4, false);
            modbus.addProcessImage(1, image);
            modbus.open();
            try {
                List<Result> results = new ArrayList<>();
                if (only.contains("s7")) {
                    results.add(measure("s7", definition("S7BENCH", "s7", s7.plc4xUrl(), s7Tags()), kafka, dir, seconds, round,
                            warmup));
                }
                if (only.contains("modbus")) {
                    results.add(measure("modbus", definition("MBBENCH", "modbus", "modbus-tcp://127.0.0.1:" + modbusPort
                            + "?default-unit-id=1", modbusTags()), kafka, dir, seconds, round, warmup));
                }
                if (only.contains("opcua")) {
                    results.add(measure("opcua", definition("UABENCH", "opcua", opcua.plc4xUrl(), opcUaTags(opcua),
                            ", subscribe: false"), kafka, dir, seconds, round, warmup));
                }
                if (only.contains("sql")) {
                    results.add(NonPlcAdapterBench.measureSql(kafka, dir, rows));
                }
                if (only.contains("mqtt")) {
                    results.add(NonPlcAdapterBench.measureMqtt(kafka, dir, messages));
                }
                if (only.contains("file")) {
                    results.add(NonPlcAdapterBench.measureFiles(kafka, dir, files));
                }
                StringBuilder json = new StringBuilder("{\"benchmark\":\"adapters\",\"tags_per_read\":20,\"warmup_s\":")
                        .append(warmup);
                for (Result r : results) {
                    System.out.printf(Locale.ROOT, "%s: %s, raw %.0f %s/s, collector (read + processing + journal + "
                            + "Kafka) %.0f %s/s = %.0f %%, %.0f events/s into the journal%n", r.protocol, r.what, r.raw,
                            r.unit, r.collector, r.unit, 100 * r.collector / r.raw, r.events);
                    json.append(String.format(Locale.ROOT, ",\"%s_raw_%s_per_s\":%.0f,\"%s_collector_%s_per_s\":%.0f,"
                            + "\"%s_ratio\":%.2f,\"%s_events_per_s\":%.0f", r.protocol, r.unit, r.raw, r.protocol, r.unit,
                            r.collector, r.protocol, r.collector / r.raw, r.protocol, r.events));
                    if (!r.roundRatios.isEmpty()) {
                        List<Double> sorted = r.roundRatios.stream().sorted().toList();
                        double median = sorted.get(sorted.size() / 2);
                        System.out.printf(Locale.ROOT, "%s: collector / raw per round: lowest %.0f %%, median %.0f %%, "
                                + "highest %.0f %% (%d rounds)%n", r.protocol, 100 * sorted.get(0), 100 * median,
                                100 * sorted.get(sorted.size() - 1), sorted.size());
                        json.append(String.format(Locale.ROOT, ",\"%s_round_ratio_min\":%.2f,\"%s_round_ratio_median\":%.2f,"
                                + "\"%s_round_ratio_max\":%.2f", r.protocol, sorted.get(0), r.protocol, median, r.protocol,
                                sorted.get(sorted.size() - 1)));
                    }
                }
                json.append(",\"cores\":").append(Runtime.getRuntime().availableProcessors()).append('}');
                System.out.println(json);
            } finally {
                modbus.close();
            }
        } finally {
            Directories.deleteRecursively(dir);
        }
    }

    /**
     * One adapter's figures: {@code unit} per second raw and through the collector, events per
     * second into the journal, and the collector's rate over the raw rate in each alternating
     * round (none where the two loops ran once each).
     */
    record Result(String protocol, String what, String unit, double raw, double collector, double events,
            List<Double> roundRatios) {
        Result(String protocol, String what, String unit, double raw, double collector, double events) {
            this(protocol, what, unit, raw, collector, events, List.of());
        }
    }

    /**
     * The raw loop and the collector's loop, each on a connection of its own to the same server,
     * measured in alternating rounds (raw, collector, raw, ...) so that both see the same
     * conditions on this machine; each rate is its reads over its own time. Short rounds, many
     * of them: the rate of a loop that waits on its peer drifts within seconds on two cores. The
     * CPU each thread of this process spent per read in either loop is printed, grouped by
     * thread name, so that what the collector adds can be told apart (its own loop, the journal's
     * forwarder and producer, the broker, the peer).
     */
    private static Result measure(String protocol, MachineDefinition machine, EmbeddedKafkaCluster kafka, Path dir,
            int seconds, double round, int warmup) throws Exception {
        int rounds = Math.max(3, (int) Math.round(seconds / round));
        java.util.concurrent.ScheduledExecutorService pool = java.util.concurrent.Executors.newScheduledThreadPool(4,
                r -> new Thread(r, "collector-poll"));
        try (PlcConnection connection = PlcDriverManager.getDefault().getConnectionManager()
                .getConnection(machine.connection().get("url"));
                StoreAndForward journal = new StoreAndForward(dir.resolve("journal-" + protocol), 512L * 1024 * 1024,
                        kafka.clientProperties()); Plc4xAdapter adapter = new Plc4xAdapter(machine)) {
            PlcReadRequest.Builder builder = connection.readRequestBuilder();
            machine.allTags().forEach(tag -> builder.addTagAddress(tag.name(), tag.address()));
            PlcReadRequest request = builder.build();
            Loop raw = new Loop() {
                @Override
                public long step() throws Exception {
                    request.execute().get(5, TimeUnit.SECONDS);
                    return 1;
                }
            };
            MachineRunner runner = new MachineRunner(machine, adapter, new SignalProcessor(machine, journal), journal,
                    new CounterStore(Files.createDirectories(dir.resolve("counters-" + protocol))), pool);
            Loop collector = new Loop() {
                @Override
                public long step() {
                    long before = runner.reads();
                    runner.run();
                    return runner.reads() - before;
                }

                @Override
                public void finish() {
                    // a round ends when all it read has been processed
                    while (runner.backlog() > 0) {
                        Thread.onSpinWait();
                    }
                }
            };
            // warm-up: the same loops, their counts thrown away
            count(raw, warmup, new long[2]);
            count(collector, warmup, new long[2]);
            long[] rawRun = new long[2];
            long[] collectorRun = new long[2];
            Map<String, Long> rawCpu = new HashMap<>();
            Map<String, Long> collectorCpu = new HashMap<>();
            List<Double> ratios = new ArrayList<>();
            long before = journal.appended();
            for (int r = 0; r < rounds; r++) {
                long[] rawRound = new long[2];
                long[] collectorRound = new long[2];
                Map<String, Long> start = threadCpu();
                count(raw, seconds / (double) rounds, rawRound);
                Map<String, Long> middle = threadCpu();
                count(collector, seconds / (double) rounds, collectorRound);
                Map<String, Long> end = threadCpu();
                addDifference(rawCpu, start, middle);
                addDifference(collectorCpu, middle, end);
                ratios.add((collectorRound[0] / (double) collectorRound[1]) / (rawRound[0] / (double) rawRound[1]));
                for (int i = 0; i < 2; i++) {
                    rawRun[i] += rawRound[i];
                    collectorRun[i] += collectorRound[i];
                }
            }
            if (runner.processedBatches() != runner.reads()) {
                throw new IllegalStateException("the collector processed " + runner.processedBatches() + " of "
                        + runner.reads() + " reads");
            }
            printCpu(protocol, rawCpu, rawRun[0], collectorCpu, collectorRun[0]);
            double collectorSeconds = collectorRun[1] / 1e9;
            return new Result(protocol, "20 tags per read, raw PLC4X read loop, " + rounds + " alternating rounds",
                    "reads", rawRun[0] / (rawRun[1] / 1e9), collectorRun[0] / collectorSeconds,
                    (journal.appended() - before) / collectorSeconds, ratios);
        } finally {
            pool.shutdown();
            pool.awaitTermination(30, TimeUnit.SECONDS);
        }
    }

    /** CPU time used so far by this process's threads, summed by name with the digits taken out. */
    private static Map<String, Long> threadCpu() {
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        Map<String, Long> cpu = new HashMap<>();
        for (java.lang.management.ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            long nanos = info == null ? -1 : threads.getThreadCpuTime(info.getThreadId());
            if (nanos > 0) {
                cpu.merge(info.getThreadName().replaceAll("[0-9]+", "#"), nanos, Long::sum);
            }
        }
        return cpu;
    }

    private static void addDifference(Map<String, Long> total, Map<String, Long> from, Map<String, Long> to) {
        to.forEach((name, nanos) -> total.merge(name, Math.max(0, nanos - from.getOrDefault(name, 0L)), Long::sum));
    }

    /** The thread groups that spent at least a microsecond per read in either loop, the most first. */
    private static void printCpu(String protocol, Map<String, Long> raw, long rawReads, Map<String, Long> collector,
            long collectorReads) {
        StringBuilder line = new StringBuilder(protocol).append(": CPU µs per read by thread, raw loop / collector loop:");
        java.util.Set<String> names = new java.util.HashSet<>(raw.keySet());
        names.addAll(collector.keySet());
        names.stream()
                .map(name -> Map.entry(name, new double[] {raw.getOrDefault(name, 0L) / 1e3 / Math.max(1, rawReads),
                        collector.getOrDefault(name, 0L) / 1e3 / Math.max(1, collectorReads)}))
                .filter(e -> e.getValue()[0] >= 1 || e.getValue()[1] >= 1)
                .sorted((a, b) -> Double.compare(Math.max(b.getValue()[0], b.getValue()[1]),
                        Math.max(a.getValue()[0], a.getValue()[1])))
                .forEach(e -> line.append(String.format(Locale.ROOT, " %s %.1f / %.1f;", e.getKey(), e.getValue()[0],
                        e.getValue()[1])));
        System.out.println(line);
    }

    /**
     * Runs {@code loop} for {@code seconds} and lets it finish, adding what it did to {@code run[0]}
     * and the nanoseconds to {@code run[1]}.
     */
    private static void count(Loop loop, double seconds, long[] run) throws Exception {
        long start = System.nanoTime();
        long end = start + (long) (seconds * 1e9);
        long done = 0;
        while (System.nanoTime() < end) {
            done += loop.step();
        }
        loop.finish();
        run[0] += done;
        run[1] += System.nanoTime() - start;
    }

    /** A loop under measurement: a step returns the reads it made; finish completes what the steps began. */
    private interface Loop {
        long step() throws Exception;

        default void finish() {
        }
    }

    private static MachineDefinition definition(String id, String kind, String url, String tags) {
        return definition(id, kind, url, tags, "");
    }

    private static MachineDefinition definition(String id, String kind, String url, String tags, String connection) {
        return DefinitionLoader.parse(id + ".yaml", "id: " + id + "\nkind: " + kind + "\nconnection: {url: \"" + url
                + "\", timeout: 5s" + connection + "}\npoll: 10ms\n" + tags).get(0);
    }

    /** A Milo server with the same 20 values as the PLCs: two bits, two counters, 16 measurements. */
    private static OpcUaTestServer opcUaServer() {
        Map<String, Object> variables = new java.util.LinkedHashMap<>();
        variables.put("running", true);
        variables.put("fault", false);
        variables.put("good", 1000);
        variables.put("scrap", 10);
        for (int i = 0; i < 16; i++) {
            variables.put("t" + i, 20.0 + i);
        }
        return OpcUaTestServer.create("UABENCH", variables).start();
    }

    private static String opcUaTags(OpcUaTestServer server) {
        StringBuilder yaml = new StringBuilder("tags: {running: \"" + server.address("running") + "\", fault: \""
                + server.address("fault") + "\", partCounter: \"" + server.address("good") + "\", rejectCounter: \""
                + server.address("scrap") + "\"}\ntelemetry:\n");
        for (int i = 0; i < 16; i++) {
            yaml.append("  - {name: t").append(i).append(", address: \"").append(server.address("t" + i)).append("\"}\n");
        }
        return yaml.toString();
    }

    private static String s7Tags() {
        StringBuilder yaml = new StringBuilder("tags: {running: \"%DB10.DBX0.0:BOOL\", fault: \"%DB10.DBX0.1:BOOL\", "
                + "partCounter: \"%DB10.DBD2:UDINT\", rejectCounter: \"%DB10.DBD6:UDINT\"}\ntelemetry:\n");
        for (int i = 0; i < 16; i++) {
            yaml.append("  - {name: t").append(i).append(", address: \"%DB10.DBD").append(10 + 4 * i).append(":REAL\"}\n");
        }
        return yaml.toString();
    }

    private static String modbusTags() {
        StringBuilder yaml = new StringBuilder("counterMaxStep: 1000000\ntags: {running: \"coil:1\", fault: \"coil:2\", "
                + "partCounter: \"holding-register:1:UINT\", rejectCounter: \"holding-register:2:UINT\"}\ntelemetry:\n");
        for (int i = 0; i < 16; i++) {
            yaml.append("  - {name: t").append(i).append(", address: \"holding-register:").append(3 + i).append(":UINT\"}\n");
        }
        return yaml.toString();
    }
}
