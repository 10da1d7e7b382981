package io.plantstream.bench;

import io.plantstream.collector.adapter.FileAdapter;
import io.plantstream.collector.adapter.MachineAdapter;
import io.plantstream.collector.adapter.MqttAdapter;
import io.plantstream.collector.adapter.SqlAdapter;
import io.plantstream.collector.app.CounterStore;
import io.plantstream.collector.app.MachineRunner;
import io.plantstream.collector.core.RawSample;
import io.plantstream.collector.core.SignalProcessor;
import io.plantstream.collector.definition.DefinitionLoader;
import io.plantstream.collector.definition.MachineDefinition;
import io.plantstream.collector.publish.StoreAndForward;
import io.plantstream.events.serde.EventJson;
import io.plantstream.testkit.kafka.EmbeddedKafkaCluster;
import io.plantstream.testkit.mariadb.MariaDbServer;
import io.plantstream.testkit.mqtt.MosquittoServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * The adapters' measurements that have no PLC4X read to compare with: an edge database (rows),
 * a machine publishing over MQTT (messages) and one dropping result files (rows), each against a
 * bare loop on the same peer. Part of {@link AdapterBench}.
 */
final class NonPlcAdapterBench {
    private static final java.lang.management.ThreadMXBean THREADS = java.lang.management.ManagementFactory
            .getThreadMXBean();

    private NonPlcAdapterBench() {
    }

    /**
     * Rows/s from an edge database: the rows are written first, then read once by a raw JDBC
     * keyset loop (pages of 1,000, the same columns) and once by the collector's SQL adapter, which
     * was pointed at the table while it was empty, so it reads every row as new.
     */
    static AdapterBench.Result measureSql(EmbeddedKafkaCluster kafka, Path dir, int rows) throws Exception {
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
                return new AdapterBench.Result("sql", rows + " rows of 20 columns, raw JDBC keyset loop", "rows", raw, rows / seconds,
                        (journal.appended() - before) / seconds);
            }
        }
    }

    /**
     * Messages/s from a machine that publishes itself: {@code messages} JSON messages (two bits, two
     * counters, 16 measurements) are published QoS 1 into a persistent session while the reader is
     * away, then drained: once by a bare MQTT client that parses each message, once by the
     * collector's MQTT adapter. Both drain the same broker (a real mosquitto) the same way.
     */
    static AdapterBench.Result measureMqtt(EmbeddedKafkaCluster kafka, Path dir, int messages) throws Exception {
        try (MosquittoServer mqtt = MosquittoServer.create(dir.resolve("mosquitto")).start()) {
            MqttConnectOptions options = new MqttConnectOptions();
            options.setCleanSession(false);
            options.setUserName(mqtt.user());
            options.setPassword(mqtt.password().toCharArray());
            options.setMaxInflight(1000);
            // raw: a bare client subscribes, goes away, and drains what was published meanwhile
            AtomicLong received = new AtomicLong();
            CountDownLatch all = new CountDownLatch(1);
            MqttClient raw = new MqttClient(mqtt.url(), "bench-raw", new MemoryPersistence());
            raw.connect(options);
            raw.subscribe("bench/raw", 1);
            raw.disconnect();
            publish(mqtt, options, "bench/raw", messages);
            raw.setCallback(new MqttCallback() {
                @Override
                public void connectionLost(Throwable cause) {
                    all.countDown();
                }

                @Override
                public void messageArrived(String topic, MqttMessage message) throws Exception {
                    EventJson.mapper().readTree(message.getPayload());
                    if (received.incrementAndGet() == messages) {
                        all.countDown();
                    }
                }

                @Override
                public void deliveryComplete(IMqttDeliveryToken token) {
                }
            });
            long began = System.nanoTime();
            raw.connect(options);
            if (!all.await(10, TimeUnit.MINUTES) || received.get() != messages) {
                throw new IllegalStateException("the bare client received " + received.get() + " of " + messages);
            }
            double rawRate = messages / ((System.nanoTime() - began) / 1e9);
            raw.disconnect();
            raw.close();

            Path secret = Files.writeString(dir.resolve("mqtt.password"), mqtt.password());
            MachineDefinition machine = withTelemetry("id: MQBENCH\nkind: mqtt\nconnection: {url: \"" + mqtt.url()
                    + "\", topic: bench/collector, user: " + mqtt.user() + ", passwordFile: \"" + secret
                    + "\"}\npoll: 10ms\ncounterMaxStep: 1000000\ntags: {running: state.running, fault: state.fault, "
                    + "partCounter: counters.good, rejectCounter: counters.scrap}\n", i -> "sensors[" + i + "]");
            // an MQTT machine's messages are processed on the reading thread; the runner's pool stays idle
            java.util.concurrent.ScheduledExecutorService pool = java.util.concurrent.Executors
                    .newSingleThreadScheduledExecutor();
            try (StoreAndForward journal = new StoreAndForward(dir.resolve("journal-mqtt"), 1024L * 1024 * 1024,
                    kafka.clientProperties()); MqttAdapter adapter = new MqttAdapter(machine, mqtt.password())) {
                adapter.poll(); // subscribed in a persistent session
                adapter.disconnect();
                publish(mqtt, options, "bench/collector", messages);
                MachineRunner runner = new MachineRunner(machine, adapter, new SignalProcessor(machine, journal), journal,
                        new CounterStore(Files.createDirectories(dir.resolve("counters-mqtt"))), pool);
                long before = journal.appended();
                long cpuBefore = THREADS.getCurrentThreadCpuTime();
                long start = System.nanoTime();
                long deadline = start + TimeUnit.MINUTES.toNanos(10);
                while (runner.samples() < messages) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException("the collector read " + runner.samples() + " of " + messages);
                    }
                    long read = runner.samples();
                    runner.run();
                    if (runner.refused() > 0) {
                        throw new IllegalStateException("the collector refused " + runner.refused() + " messages");
                    }
                    if (runner.samples() == read) {
                        Thread.onSpinWait();
                    }
                }
                double seconds = (System.nanoTime() - start) / 1e9;
                System.out.printf(Locale.ROOT, "mqtt: the collector's thread used %.1f µs of CPU per message%n",
                        (THREADS.getCurrentThreadCpuTime() - cpuBefore) / 1e3 / messages);
                return new AdapterBench.Result("mqtt", messages + " JSON messages of 20 values, QoS 1, drained by a bare client "
                        + "that parses each", "messages", rawRate, messages / seconds, (journal.appended() - before) / seconds);
            } finally {
                pool.shutdown();
                pool.awaitTermination(30, TimeUnit.SECONDS);
            }
        }
    }

    private static void publish(MosquittoServer mqtt, MqttConnectOptions options, String topic, int messages)
            throws Exception {
        MqttConnectOptions clean = new MqttConnectOptions();
        clean.setUserName(options.getUserName());
        clean.setPassword(options.getPassword());
        clean.setMaxInflight(1000);
        try (MqttAsyncClient publisher = new MqttAsyncClient(mqtt.url(), "bench-publisher-" + topic.replace('/', '-'),
                new MemoryPersistence())) {
            publisher.connect(clean).waitForCompletion(30_000);
            IMqttDeliveryToken last = null;
            for (int i = 0; i < messages; i++) {
                StringBuilder json = new StringBuilder("{\"state\":{\"running\":true,\"fault\":false},\"counters\":"
                        + "{\"good\":").append(i).append(",\"scrap\":").append(i / 100).append("},\"sensors\":[");
                for (int t = 0; t < 16; t++) {
                    json.append(t == 0 ? "" : ",").append(20.0 + t + (i % 100) * 0.01);
                }
                json.append("]}");
                while (true) {
                    try {
                        last = publisher.publish(topic, json.toString().getBytes(StandardCharsets.UTF_8), 1, false);
                        break;
                    } catch (MqttException e) {
                        if (e.getReasonCode() != MqttException.REASON_CODE_MAX_INFLIGHT) {
                            throw e;
                        }
                        Thread.onSpinWait();
                    }
                }
            }
            last.waitForCompletion(60_000);
            publisher.disconnect().waitForCompletion(10_000);
        }
    }

    /**
     * Rows/s from a machine that drops result files: {@code files} CSV files of 10 rows (time, two
     * bits, two counters, 16 measurements) waiting in the outbox, read once by a bare loop (oldest
     * first: read, check UTF-8, split, parse the numbers, move to done) and once by the collector's
     * file adapter (outbox -> processing -> done, journal, Kafka).
     */
    static AdapterBench.Result measureFiles(EmbeddedKafkaCluster kafka, Path dir, int files) throws Exception {
        Path rawOutbox = Files.createDirectories(dir.resolve("files-raw"));
        Path outbox = Files.createDirectories(dir.resolve("files-collector"));
        writeResultFiles(rawOutbox, files);
        writeResultFiles(outbox, files);
        Thread.sleep(600); // the adapter takes a file only once it has been left alone for half a second
        int rows = files * 10;
        Path rawDone = Files.createDirectories(rawOutbox.resolve("done"));
        long began = System.nanoTime();
        long parsed = 0;
        List<Path> waiting;
        try (java.util.stream.Stream<Path> listing = Files.list(rawOutbox)) {
            waiting = listing.filter(Files::isRegularFile).sorted(java.util.Comparator.comparing(NonPlcAdapterBench::modified)
                    .thenComparing(Path::getFileName)).toList();
        }
        for (Path file : waiting) {
            String text = StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(Files.readAllBytes(file)))
                    .toString();
            String[] lines = text.split("\\r?\\n");
            for (int l = 1; l < lines.length; l++) {
                String[] fields = lines[l].split(",", -1);
                java.time.LocalDateTime.parse(fields[0]);
                for (int f = 1; f < fields.length; f++) {
                    Double.parseDouble(fields[f]);
                }
                parsed++;
            }
            Files.move(file, rawDone.resolve(file.getFileName()), java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        }
        double raw = parsed / ((System.nanoTime() - began) / 1e9);

        MachineDefinition machine = withTelemetry("id: FLBENCH\nkind: file\nconnection: {outbox: \"" + outbox
                + "\"}\npoll: 10ms\ncounterMaxStep: 1000000\ntags: {time: ts, running: run, fault: fault, "
                + "partCounter: good, rejectCounter: scrap}\n", i -> "t" + i);
        try (StoreAndForward journal = new StoreAndForward(dir.resolve("journal-file"), 1024L * 1024 * 1024,
                kafka.clientProperties()); FileAdapter adapter = new FileAdapter(machine, java.time.ZoneOffset.UTC)) {
            SignalProcessor processor = new SignalProcessor(machine, journal);
            long before = journal.appended();
            long cpuBefore = THREADS.getCurrentThreadCpuTime();
            long start = System.nanoTime();
            long read = 0;
            while (read < rows) {
                MachineAdapter.Batch batch = adapter.poll();
                if (!batch.refusals().isEmpty()) {
                    throw new IllegalStateException("the collector refused: " + batch.refusals().get(0).reason());
                }
                if (batch.samples().isEmpty()) {
                    throw new IllegalStateException("the collector found no file after " + read + " of " + rows + " rows");
                }
                for (RawSample sample : batch.samples()) {
                    processor.accept(sample);
                }
                adapter.processed();
                read += batch.samples().size();
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf(Locale.ROOT, "file: the collector's thread used %.1f µs of CPU per row%n",
                    (THREADS.getCurrentThreadCpuTime() - cpuBefore) / 1e3 / rows);
            return new AdapterBench.Result("file", files + " CSV files of 10 rows x 21 columns waiting, raw read-split-parse-move loop",
                    "rows", raw, rows / seconds, (journal.appended() - before) / seconds);
        }
    }

    /** A machine definition ({@code head}: its id, kind, connection and tags) with 16 telemetry tags t0-t15. */
    private static MachineDefinition withTelemetry(String head, java.util.function.IntFunction<String> address) {
        StringBuilder yaml = new StringBuilder(head).append("telemetry:\n");
        for (int i = 0; i < 16; i++) {
            yaml.append("  - {name: t").append(i).append(", address: \"").append(address.apply(i)).append("\"}\n");
        }
        return DefinitionLoader.parse("bench.yaml", yaml.toString()).get(0);
    }

    private static void writeResultFiles(Path outbox, int files) throws java.io.IOException {
        java.time.LocalDateTime t = java.time.LocalDateTime.of(2026, 12, 1, 6, 0);
        long good = 0;
        for (int f = 0; f < files; f++) {
            StringBuilder csv = new StringBuilder("ts,run,fault,good,scrap");
            for (int i = 0; i < 16; i++) {
                csv.append(",t").append(i);
            }
            csv.append('\n');
            for (int r = 0; r < 10; r++) {
                good++;
                t = t.plusSeconds(1);
                csv.append(t.format(java.time.format.DateTimeFormatter.ISO_LOCAL_DATE_TIME)).append(",1,0,").append(good).append(',').append(good / 100);
                for (int i = 0; i < 16; i++) {
                    csv.append(',').append(20.0 + i + (good % 100) * 0.01);
                }
                csv.append('\n');
            }
            Path file = Files.writeString(outbox.resolve(String.format(Locale.ROOT, "result-%06d.csv", f)), csv);
            Files.setLastModifiedTime(file, java.nio.file.attribute.FileTime.from(
                    java.time.Instant.now().minusSeconds(files - f)));
        }
    }

    private static java.time.Instant modified(Path file) {
        try {
            return Files.getLastModifiedTime(file).toInstant();
        } catch (java.io.IOException e) {
            return java.time.Instant.EPOCH;
        }
    }
}
