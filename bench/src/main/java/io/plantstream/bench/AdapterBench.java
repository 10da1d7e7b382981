package io.plantstream.bench;

import com.ghgande.j2mod.modbus.procimg.SimpleDigitalOut;
import com.ghgande.j2mod.modbus.procimg.SimpleProcessImage;
import com.ghgande.j2mod.modbus.procimg.SimpleRegister;
import com.ghgande.j2mod.modbus.slave.ModbusSlave;
import com.ghgande.j2mod.modbus.slave.ModbusSlaveFactory;
import io.plantstream.collector.adapter.MachineAdapter;
import io.plantstream.collector.adapter.Plc4xAdapter;
import io.plantstream.collector.adapter.SqlAdapter;
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
import io.plantstream.testkit.mariadb.MariaDbServer;
import io.plantstream.testkit.opcua.OpcUaTestServer;
import io.plantstream.testkit.s7.Snap7Server;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
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
 * <p>Arguments: {@code --seconds=S} per measurement (default 15), {@code --rows=R} in the result
 * table (default 200,000).
 */
public final class AdapterBench {
    private AdapterBench() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new HashMap<>();
        Arrays.stream(args).filter(a -> a.startsWith("--") && a.contains("="))
                .forEach(a -> options.put(a.substring(2, a.indexOf('=')), a.substring(a.indexOf('=') + 1)));
        int seconds = Integer.parseInt(options.getOrDefault("seconds", "15"));
        int rows = Integer.parseInt(options.getOrDefault("rows", "200000"));
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
                Result s7Result = measure("s7", definition("S7BENCH", "s7", s7.plc4xUrl(), s7Tags()), kafka, dir, seconds);
                Result modbusResult = measure("modbus", definition("MBBENCH", "modbus",
                        "modbus-tcp://127.0.0.1:" + modbusPort + "?default-unit-id=1", modbusTags()), kafka, dir, seconds);
                Result opcuaResult = measure("opcua", definition("UABENCH", "opcua", opcua.plc4xUrl(), opcUaTags(opcua),
                        ", subscribe: false"), kafka, dir, seconds);
                Result sqlResult = measureSql(kafka, dir, rows);
                for (Result r : new Result[] {s7Result, modbusResult, opcuaResult}) {
                    System.out.printf(Locale.ROOT, "%s, 20 tags per read: raw PLC4X loop %.0f reads/s, collector "
                            + "(read + processing + journal + Kafka) %.0f reads/s = %.0f %%, %.0f events/s%n", r.protocol,
                            r.raw, r.collector, 100 * r.collector / r.raw, r.events);
                }
                System.out.printf(Locale.ROOT, "sql, 20 columns per row, %d rows: raw JDBC keyset loop %.0f rows/s, collector "
                        + "(read + processing + journal + Kafka) %.0f rows/s = %.0f %%, %.0f events/s%n", rows, sqlResult.raw,
                        sqlResult.collector, 100 * sqlResult.collector / sqlResult.raw, sqlResult.events);
                System.out.printf(Locale.ROOT, "{\"benchmark\":\"adapters\",\"sql_raw_rows_per_s\":%.0f,"
                        + "\"sql_collector_rows_per_s\":%.0f,\"sql_ratio\":%.2f,", sqlResult.raw, sqlResult.collector,
                        sqlResult.collector / sqlResult.raw);
                System.out.printf(Locale.ROOT, "\"tags_per_read\":20,\"s7_raw_reads_per_s\":%.0f,"
                        + "\"s7_collector_reads_per_s\":%.0f,\"s7_ratio\":%.2f,\"modbus_raw_reads_per_s\":%.0f,"
                        + "\"modbus_collector_reads_per_s\":%.0f,\"modbus_ratio\":%.2f,\"opcua_raw_reads_per_s\":%.0f,"
                        + "\"opcua_collector_reads_per_s\":%.0f,\"opcua_ratio\":%.2f,\"cores\":%d}%n", s7Result.raw,
                        s7Result.collector, s7Result.collector / s7Result.raw, modbusResult.raw, modbusResult.collector,
                        modbusResult.collector / modbusResult.raw, opcuaResult.raw, opcuaResult.collector,
                        opcuaResult.collector / opcuaResult.raw, Runtime.getRuntime().availableProcessors());
            } finally {
                modbus.close();
            }
        } finally {
            Directories.deleteRecursively(dir);
        }
    }

    private record Result(String protocol, double raw, double collector, double events) {
    }

    private static Result measure(String protocol, MachineDefinition machine, EmbeddedKafkaCluster kafka, Path dir,
            int seconds) throws Exception {
        double raw;
        try (PlcConnection connection = PlcDriverManager.getDefault().getConnectionManager()
                .getConnection(machine.connection().get("url"))) {
            PlcReadRequest.Builder builder = connection.readRequestBuilder();
            machine.allTags().forEach(tag -> builder.addTagAddress(tag.name(), tag.address()));
            PlcReadRequest request = builder.build();
            loop(() -> request.execute().get(5, TimeUnit.SECONDS), 3);
            raw = loop(() -> request.execute().get(5, TimeUnit.SECONDS), seconds);
        }
        double collector;
        double events;
        try (StoreAndForward journal = new StoreAndForward(dir.resolve("journal-" + protocol), 512L * 1024 * 1024,
                kafka.clientProperties()); Plc4xAdapter adapter = new Plc4xAdapter(machine)) {
            SignalProcessor processor = new SignalProcessor(machine, journal);
            Step step = () -> {
                MachineAdapter.Batch batch = adapter.poll();
                for (RawSample sample : batch.samples()) {
                    processor.accept(sample);
                }
                adapter.processed();
                return null;
            };
            loop(step, 3);
            long before = journal.appended();
            collector = loop(step, seconds);
            events = (journal.appended() - before) / (double) seconds;
        }
        return new Result(protocol, raw, collector, events);
    }

    /**
     * Rows/s from an edge database: the rows are written first, then read once by a raw JDBC
     * keyset loop (pages of 1,000, the same columns) and once by the collector's SQL adapter, which
     * was pointed at the table while it was empty, so it reads every row as new.
     */
    private static Result measureSql(EmbeddedKafkaCluster kafka, Path dir, int rows) throws Exception {
        try (MariaDbServer db = MariaDbServer.builder().baseDir(dir.resolve("sql-db")).build().start()) {
            StringBuilder columns = new StringBuilder();
            StringBuilder telemetry = new StringBuilder("telemetry:\n");
            StringBuilder values = new StringBuilder();
            for (int i = 0; i < 14; i++) {
                columns.append(", t").append(i).append(" DOUBLE");
                telemetry.append("  - {name: t").append(i).append(", address: t").append(i).append("}\n");
                values.append(", seq * 0.001 + ").append(i);
            }
            db.executeAsRoot("CREATE DATABASE m", "CREATE TABLE m.results (id BIGINT AUTO_INCREMENT PRIMARY KEY,"
                    + " ts DATETIME(3) NOT NULL, run TINYINT, fault TINYINT, good BIGINT, scrap BIGINT, job VARCHAR(20)"
                    + columns + ")");
            String password = db.createUser("bench_reader", "SELECT ON m.results");
            Path secret = Files.writeString(dir.resolve("sql.password"), password);
            MachineDefinition machine = DefinitionLoader.parse("SQLBENCH.yaml", "id: SQLBENCH\nkind: sql\nconnection: "
                    + "{url: \"" + db.jdbcUrl("m") + "\", user: bench_reader, passwordFile: \"" + secret
                    + "\", resultTable: results}\npoll: 10ms\ncounterMaxStep: 1000000\ntags: {time: ts, running: run, "
                    + "fault: fault, partCounter: good, rejectCounter: scrap, activeJob: job}\n" + telemetry).get(0);
            try (StoreAndForward journal = new StoreAndForward(dir.resolve("journal-sql"), 1024L * 1024 * 1024,
                    kafka.clientProperties());
                    SqlAdapter adapter = new SqlAdapter(machine, password, dir.resolve("sql-state"),
                            java.time.ZoneOffset.UTC)) {
                adapter.poll(); // the table is empty: the adapter reads every row written from now on
                adapter.processed();
                db.executeAsRoot("INSERT INTO m.results (ts, run, fault, good, scrap, job" + columns.toString()
                        .replace(" DOUBLE", "") + ") SELECT DATE_ADD('2026-12-01', INTERVAL seq * 100000 MICROSECOND)"
                        + ", 1, 0, seq, seq DIV 100, 'J-1'" + values + " FROM m.seq_1_to_" + rows);
                double raw;
                try (java.sql.Connection connection = java.sql.DriverManager.getConnection(db.jdbcUrl("m"),
                        "bench_reader", password);
                        java.sql.PreparedStatement select = connection.prepareStatement("SELECT id, ts, run, fault, good,"
                                + " scrap, job" + columns.toString().replace(" DOUBLE", "")
                                + " FROM results WHERE id > ? ORDER BY id LIMIT 1000")) {
                    long began = System.nanoTime();
                    long last = 0;
                    long read = 0;
                    while (read < rows) {
                        select.setLong(1, last);
                        try (java.sql.ResultSet result = select.executeQuery()) {
                            while (result.next()) {
                                last = result.getLong(1);
                                for (int c = 2; c <= 21; c++) {
                                    result.getObject(c);
                                }
                                read++;
                            }
                        }
                    }
                    raw = rows / ((System.nanoTime() - began) / 1e9);
                }
                SignalProcessor processor = new SignalProcessor(machine, journal);
                long before = journal.appended();
                long began = System.nanoTime();
                long read = 0;
                while (read < rows) {
                    MachineAdapter.Batch batch = adapter.poll();
                    for (RawSample sample : batch.samples()) {
                        processor.accept(sample);
                    }
                    adapter.processed();
                    read += batch.samples().size() + batch.refusals().size();
                }
                double seconds = (System.nanoTime() - began) / 1e9;
                return new Result("sql", raw, rows / seconds, (journal.appended() - before) / seconds);
            }
        }
    }

    @FunctionalInterface
    private interface Step {
        Object run() throws Exception;
    }

    private static double loop(Step step, int seconds) throws Exception {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        long reads = 0;
        long start = System.nanoTime();
        while (System.nanoTime() < end) {
            step.run();
            reads++;
        }
        return reads / ((System.nanoTime() - start) / 1e9);
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
