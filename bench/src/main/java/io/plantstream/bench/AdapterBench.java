package io.plantstream.bench;

import com.ghgande.j2mod.modbus.procimg.SimpleDigitalOut;
import com.ghgande.j2mod.modbus.procimg.SimpleProcessImage;
import com.ghgande.j2mod.modbus.procimg.SimpleRegister;
import com.ghgande.j2mod.modbus.slave.ModbusSlave;
import com.ghgande.j2mod.modbus.slave.ModbusSlaveFactory;
import io.plantstream.collector.adapter.MachineAdapter;
import io.plantstream.collector.adapter.Plc4xAdapter;
import io.plantstream.collector.core.RawSample;
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
 * Milo OPC UA server, the OPC UA machine polled), the same 20 tags per read: first a raw PLC4X read loop (the ceiling), then the collector's own loop of
 * adapter read, signal processing and store-and-forward journal (events forwarded to an in-JVM
 * broker), back to back without pauses. Reports both and their ratio per protocol. For an edge
 * database machine (a real MariaDB, a result table of 20 columns) the same in rows/s: a raw JDBC
 * keyset loop over the rows against the collector's SQL adapter reading them as new rows.
 *
 * <p>Arguments: {@code --seconds=S} per measurement (default 15), {@code --warmup=W} seconds of
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
                    results.add(measure("s7", definition("S7BENCH", "s7", s7.plc4xUrl(), s7Tags()), kafka, dir, seconds,
                            warmup));
                }
                if (only.contains("modbus")) {
                    results.add(measure("modbus", definition("MBBENCH", "modbus", "modbus-tcp://127.0.0.1:" + modbusPort
                            + "?default-unit-id=1", modbusTags()), kafka, dir, seconds, warmup));
                }
                if (only.contains("opcua")) {
                    results.add(measure("opcua", definition("UABENCH", "opcua", opcua.plc4xUrl(), opcUaTags(opcua),
                            ", subscribe: false"), kafka, dir, seconds, warmup));
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

    /** One adapter's figures: {@code unit} per second raw and through the collector, events per second into the journal. */
    record Result(String protocol, String what, String unit, double raw, double collector, double events) {
    }

    /**
     * The raw loop and the collector's loop, each on a connection of its own to the same server,
     * measured in alternating rounds (raw, collector, raw, ...) so that both see the same
     * conditions on this machine; each rate is its reads over its own time.
     */
    private static Result measure(String protocol, MachineDefinition machine, EmbeddedKafkaCluster kafka, Path dir,
            int seconds, int warmup) throws Exception {
        int rounds = 3;
        try (PlcConnection connection = PlcDriverManager.getDefault().getConnectionManager()
                .getConnection(machine.connection().get("url"));
                StoreAndForward journal = new StoreAndForward(dir.resolve("journal-" + protocol), 512L * 1024 * 1024,
                        kafka.clientProperties()); Plc4xAdapter adapter = new Plc4xAdapter(machine)) {
            PlcReadRequest.Builder builder = connection.readRequestBuilder();
            machine.allTags().forEach(tag -> builder.addTagAddress(tag.name(), tag.address()));
            PlcReadRequest request = builder.build();
            Step raw = () -> request.execute().get(5, TimeUnit.SECONDS);
            SignalProcessor processor = new SignalProcessor(machine, journal);
            Step collector = () -> {
                MachineAdapter.Batch batch = adapter.poll();
                for (RawSample sample : batch.samples()) {
                    processor.accept(sample);
                }
                adapter.processed();
                return null;
            };
            // warm-up: the same loops, their counts thrown away
            count(raw, warmup, new long[2]);
            count(collector, warmup, new long[2]);
            long[] rawRun = new long[2];
            long[] collectorRun = new long[2];
            long before = journal.appended();
            for (int round = 0; round < rounds; round++) {
                count(raw, seconds / (double) rounds, rawRun);
                count(collector, seconds / (double) rounds, collectorRun);
            }
            double collectorSeconds = collectorRun[1] / 1e9;
            return new Result(protocol, "20 tags per read, raw PLC4X read loop, " + rounds + " alternating rounds",
                    "reads", rawRun[0] / (rawRun[1] / 1e9), collectorRun[0] / collectorSeconds,
                    (journal.appended() - before) / collectorSeconds);
        }
    }

    /** Runs {@code step} for {@code seconds}, adding the steps to {@code run[0]} and the nanoseconds to {@code run[1]}. */
    private static void count(Step step, double seconds, long[] run) throws Exception {
        long start = System.nanoTime();
        long end = start + (long) (seconds * 1e9);
        long steps = 0;
        while (System.nanoTime() < end) {
            step.run();
            steps++;
        }
        run[0] += steps;
        run[1] += System.nanoTime() - start;
    }

    @FunctionalInterface
    private interface Step {
        Object run() throws Exception;
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
