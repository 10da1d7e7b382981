package io.plantstream.bench;

import io.plantstream.erp.ErpSchema;
import io.plantstream.erp.cdc.CaptureSettings;
import io.plantstream.erp.cdc.InternalTopics;
import io.plantstream.erp.cdc.OrderCapture;
import io.plantstream.erp.cdc.OrderColumns;
import io.plantstream.erp.cdc.OrderMapper;
import io.plantstream.events.ErpOrder;
import io.plantstream.events.Topics;
import io.plantstream.events.admin.TopicProvisioner;
import io.plantstream.testkit.kafka.Directories;
import io.plantstream.testkit.kafka.EmbeddedKafkaCluster;
import io.plantstream.testkit.mariadb.MariaDbServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * erp-cdc against a real MariaDB and an in-JVM broker: (1) the initial snapshot of N orders,
 * from engine start until the last order is on erp.orders.v1; (2) latency from the commit of an
 * order update to its record arriving at a consumer of erp.orders.v1, over U updates made one
 * at a time. Database, broker, engine and consumer share this machine's cores.
 *
 * <p>Arguments: {@code --orders=N} (default 100000), {@code --updates=U} (default 1000).
 */
public final class CdcBench {
    private static final List<String> MACHINES = List.of("M01", "M02", "M03", "M04", "M05", "M06", "M07", "M08",
            "M09", "M10", "M11");

    private CdcBench() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new HashMap<>();
        Arrays.stream(args).filter(a -> a.startsWith("--") && a.contains("="))
                .forEach(a -> options.put(a.substring(2, a.indexOf('=')), a.substring(a.indexOf('=') + 1)));
        int orders = Integer.parseInt(options.getOrDefault("orders", "100000"));
        int updates = Integer.parseInt(options.getOrDefault("updates", "1000"));
        Path dir = Files.createDirectories(Path.of("target", "bench-cdc-" + System.nanoTime()));
        CompletableFuture<MariaDbServer> database = CompletableFuture.supplyAsync(() ->
                MariaDbServer.builder().baseDir(dir.resolve("mariadb")).build().start());
        try (EmbeddedKafkaCluster kafka = EmbeddedKafkaCluster.builder().dataDir(dir.resolve("kafka")).build().start();
                MariaDbServer db = database.join()) {
            try (Admin admin = kafka.admin()) {
                new TopicProvisioner(admin, (short) 1, Duration.ofSeconds(30)).ensure(Topics.all());
            }
            db.executeAsRoot("CREATE DATABASE erp");
            long fillStart = System.nanoTime();
            try (Connection root = DriverManager.getConnection(db.jdbcUrl("erp") + "?rewriteBatchedStatements=true",
                    db.rootUser(), db.rootPassword())) {
                ErpSchema.createSampleTables(root);
                fill(root, orders);
            }
            System.out.printf(Locale.ROOT, "%d orders written to MariaDB in %.1f s%n", orders,
                    (System.nanoTime() - fillStart) / 1e9);
            String password = db.createUser("erp_cdc", ErpSchema.captureGrants("erp", "production_order")
                    .toArray(String[]::new));

            Map<String, Object> client = kafka.clientProperties();
            InternalTopics.ensure(client, "erp-cdc.offsets", "erp-cdc.schema-history", 1, Duration.ofSeconds(30));
            CaptureSettings settings = new CaptureSettings("erp-cdc", "mariadb", db.host(), db.port(), "erp",
                    "production_order", "erp_cdc", password, 5401, "initial", Duration.ofMillis(50), "erp-cdc.offsets",
                    "erp-cdc.schema-history", 1, client);
            Map<String, Object> producerProps = new HashMap<>(client);
            producerProps.put(ProducerConfig.ACKS_CONFIG, "all");
            producerProps.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
            producerProps.put(ProducerConfig.LINGER_MS_CONFIG, 5);

            ArrivalWatcher watcher = new ArrivalWatcher(client);
            watcher.start();
            try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerProps, new ByteArraySerializer(),
                    new ByteArraySerializer())) {
                long snapshotStart = System.nanoTime();
                try (OrderCapture capture = new OrderCapture(settings.engineProperties(), new OrderMapper(
                        OrderColumns.SAMPLE, MACHINES, ZoneOffset.UTC, "seconds", ""), producer).start()) {
                    watcher.awaitCount(orders, Duration.ofMinutes(10));
                    double snapshotSeconds = (System.nanoTime() - snapshotStart) / 1e9;
                    System.out.printf(Locale.ROOT, "snapshot: %d orders on erp.orders.v1 %.1f s after engine start "
                            + "(%.0f orders/s)%n", orders, snapshotSeconds, orders / snapshotSeconds);

                    long[] latencies = new long[updates];
                    try (Connection root = DriverManager.getConnection(db.jdbcUrl("erp"), db.rootUser(),
                            db.rootPassword()); PreparedStatement update = root.prepareStatement(
                                    "UPDATE production_order SET quantity = ? WHERE order_no = ?")) {
                        for (int i = 0; i < updates; i++) {
                            String orderNo = orderNo(i % orders);
                            long quantity = 1_000_000L + i;
                            update.setLong(1, quantity);
                            update.setString(2, orderNo);
                            update.executeUpdate();
                            long committed = System.nanoTime();
                            long arrived = watcher.awaitQuantity(orderNo, quantity, Duration.ofSeconds(30));
                            latencies[i] = arrived - committed;
                        }
                    }
                    Arrays.sort(latencies);
                    double p50 = percentile(latencies, 0.50);
                    double p99 = percentile(latencies, 0.99);
                    double max = latencies[latencies.length - 1] / 1e6;
                    System.out.printf(Locale.ROOT, "commit -> erp.orders.v1 consumer over %d updates: p50 %.1f ms, "
                            + "p99 %.1f ms, max %.1f ms (poll.interval.ms=50)%n", updates, p50, p99, max);
                    System.out.printf(Locale.ROOT, "{\"benchmark\":\"cdc\",\"orders\":%d,\"snapshot_seconds\":%.2f,"
                            + "\"snapshot_orders_per_s\":%.0f,\"updates\":%d,\"latency_p50_ms\":%.1f,"
                            + "\"latency_p99_ms\":%.1f,\"latency_max_ms\":%.1f,\"refused\":%d,\"cores\":%d}%n",
                            orders, snapshotSeconds, orders / snapshotSeconds, updates, p50, p99, max,
                            capture.refused(), Runtime.getRuntime().availableProcessors());
                }
            } finally {
                watcher.close();
            }
        } finally {
            Directories.deleteRecursively(dir);
        }
    }

    private static void fill(Connection root, int orders) throws Exception {
        root.setAutoCommit(false);
        try (PreparedStatement insert = root.prepareStatement("INSERT INTO production_order (order_no, article,"
                + " quantity, work_center, ideal_cycle_s, due_date, priority, status) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (int i = 0; i < orders; i++) {
                insert.setString(1, orderNo(i));
                insert.setString(2, "ART-" + (i % 250));
                insert.setLong(3, 100 + i % 900);
                insert.setString(4, MACHINES.get(i % MACHINES.size()));
                insert.setDouble(5, 5 + i % 40);
                insert.setObject(6, java.time.LocalDate.of(2026, 12, 1).plusDays(i % 14));
                insert.setInt(7, i % 5);
                insert.setString(8, "RELEASED");
                insert.addBatch();
                if (i % 2000 == 1999) {
                    insert.executeBatch();
                    root.commit();
                }
            }
            insert.executeBatch();
            root.commit();
        }
        try (Statement statement = root.createStatement()) {
            statement.execute("ANALYZE TABLE production_order");
        }
    }

    private static String orderNo(int i) {
        return String.format(Locale.ROOT, "PO-%07d", i);
    }

    private static double percentile(long[] sorted, double p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)] / 1e6;
    }

    /** A consumer of erp.orders.v1 noting when each record arrives. */
    private static final class ArrivalWatcher implements AutoCloseable {
        private final KafkaConsumer<String, byte[]> consumer;
        private final Map<String, Long> arrivals = new ConcurrentHashMap<>();
        private final AtomicLong count = new AtomicLong();
        private final Thread thread = new Thread(this::run, "arrivals");
        private volatile boolean running = true;

        ArrivalWatcher(Map<String, Object> client) {
            Map<String, Object> props = new HashMap<>(client);
            props.put(ConsumerConfig.GROUP_ID_CONFIG, "bench-cdc");
            props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
            props.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 5);
            consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
        }

        void start() {
            consumer.subscribe(List.of(Topics.ERP_ORDERS.name()));
            thread.start();
        }

        private void run() {
            var decoder = Topics.ERP_ORDERS.valueSerde().deserializer();
            while (running) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(20))) {
                    long now = System.nanoTime();
                    count.incrementAndGet();
                    ErpOrder order = decoder.deserialize(record.topic(), record.value());
                    if (order.quantity() >= 1_000_000L) {
                        arrivals.put(order.orderNo() + "=" + order.quantity(), now);
                    }
                }
            }
            consumer.close();
        }

        void awaitCount(long expected, Duration timeout) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (count.get() < expected) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("only " + count.get() + " of " + expected + " orders arrived");
                }
                TimeUnit.MILLISECONDS.sleep(5);
            }
        }

        long awaitQuantity(String orderNo, long quantity, Duration timeout) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            String key = orderNo + "=" + quantity;
            while (true) {
                Long arrived = arrivals.get(key);
                if (arrived != null) {
                    return arrived;
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("update " + key + " did not arrive within " + timeout);
                }
                Thread.onSpinWait();
            }
        }

        @Override
        public void close() throws InterruptedException {
            running = false;
            thread.join(5000);
        }
    }

}
