package io.plantstream.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.plantstream.config.ConfigSource;
import io.plantstream.events.EventMeta;
import io.plantstream.events.MachineCounts;
import io.plantstream.events.MachineState;
import io.plantstream.events.MachineStatus;
import io.plantstream.events.Topic;
import io.plantstream.events.Topics;
import io.plantstream.events.admin.TopicProvisioner;
import io.plantstream.events.serde.EventJson;
import io.plantstream.streams.app.JobStreamsConfig;
import io.plantstream.streams.app.JobStreamsService;
import io.plantstream.testkit.kafka.Directories;
import io.plantstream.testkit.kafka.EmbeddedKafkaCluster;
import io.plantstream.testkit.kafka.Secrets;
import io.plantstream.testkit.mariadb.MariaDbServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The usual alternative: plants store machine events in a database and compute the running
 * shift's OEE with SQL on every refresh (the approach of United Manufacturing Hub and Point85).
 * The same event set (machines reporting their state and parts over hours of a shift) goes into
 * the platform's topics, where job-streams keeps the live OEE, and into MariaDB tables with
 * indexes, where one SQL statement computes availability, performance, quality and OEE per
 * machine as of the same moment. Both are read repeatedly; the benchmark checks that both give
 * the same figures for every machine and reports the time per refresh of each and their ratio.
 *
 * <p>Arguments: {@code --machines=M} (default 50), {@code --hours=H} of the shift (default 8),
 * {@code --refreshes=N} (default 20), {@code --warmup=W} reads of the live OEE before the measured
 * ones (default 300; the SQL statement runs 3 times before).
 */
public final class OeeVersusSqlBench {
    private static final int STEP_SECONDS = 5;
    private static final int HEARTBEAT_SECONDS = 30;
    private static final String SQL = """
            WITH s AS (
              SELECT machine_id, status, event_time,
                     COALESCE(LEAD(event_time) OVER (PARTITION BY machine_id ORDER BY event_time, id), ?) AS next_time
              FROM machine_state WHERE event_time >= ? AND event_time <= ?
            ), r AS (
              SELECT machine_id,
                     SUM(CASE WHEN status = 'RUNNING' THEN TIMESTAMPDIFF(MICROSECOND, event_time, next_time) ELSE 0 END)
                       / 1e6 AS run_s
              FROM s GROUP BY machine_id
            ), c AS (
              SELECT machine_id, CAST(SUM(produced) AS DOUBLE) AS total, CAST(SUM(produced - rejected) AS DOUBLE) AS good
              FROM machine_counts WHERE event_time >= ? AND event_time <= ? GROUP BY machine_id
            )
            -- as doubles: MariaDB's decimal division keeps only div_precision_increment (4) digits
            SELECT r.machine_id, r.run_s / ? AS availability, c.total * ? / r.run_s AS performance,
                   c.good / c.total AS quality, c.good * ? / ? AS oee
            FROM r JOIN c ON c.machine_id = r.machine_id ORDER BY r.machine_id
            """;

    /** One machine's four ratios. */
    record Figures(double availability, double performance, double quality, double oee) {
        boolean sameAs(Figures other) {
            return close(availability, other.availability) && close(performance, other.performance)
                    && close(quality, other.quality) && close(oee, other.oee);
        }

        private static boolean close(double a, double b) {
            return Math.abs(a - b) <= 1e-6 * Math.max(1, Math.abs(a));
        }
    }

    private OeeVersusSqlBench() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = StreamsThroughputBench.options(args);
        int machines = Integer.parseInt(options.getOrDefault("machines", "50"));
        int hours = Integer.parseInt(options.getOrDefault("hours", "8"));
        int refreshes = Integer.parseInt(options.getOrDefault("refreshes", "20"));
        int warmup = Integer.parseInt(options.getOrDefault("warmup", "300"));
        Instant shiftStart = Instant.now().truncatedTo(ChronoUnit.DAYS).minus(Duration.ofDays(1));
        Instant now = shiftStart.plus(Duration.ofHours(hours));
        double idealSeconds = 1.0;
        Path dir = Files.createTempDirectory("plantstream-bench-");
        List<MachineState> states = new ArrayList<>();
        List<MachineCounts> counts = new ArrayList<>();
        generate(machines, shiftStart, now, states, counts);
        System.out.printf(Locale.ROOT, "event set: %d machines, %d h of a shift, %d state events, %d count events%n",
                machines, hours, states.size(), counts.size());

        try (EmbeddedKafkaCluster kafka = EmbeddedKafkaCluster.builder().dataDir(dir.resolve("kafka")).build().start();
                MariaDbServer database = MariaDbServer.builder().baseDir(dir.resolve("mariadb")).build().start()) {
            try (Admin admin = kafka.admin()) {
                new TopicProvisioner(admin, (short) 1, Duration.ofSeconds(30)).ensure(Topics.all());
            }
            Path calendar = dir.resolve("calendar.yaml");
            Files.writeString(calendar, "timeZone: UTC\npatterns:\n  all-day:\n    - {name: day, start: \"00:00\", "
                    + "end: \"00:00\"}\ndefault: all-day\n");
            String token = Secrets.randomPassword();
            Map<String, String> settings = new HashMap<>(Map.of("kafka.bootstrap.servers", kafka.bootstrapServers(),
                    "calendar.file", calendar.toString(), "state.dir", dir.resolve("state").toString(),
                    "replication.factor", "1", "standby.replicas", "0", "http.port", "0", "http.token", token,
                    "application.id", "bench", "oee.default.ideal.cycle", "1s"));
            // the figures are compared as of the events' last moment: the wall clock must not move time on
            settings.put("oee.idle.after", "24h");
            try (JobStreamsService streams = JobStreamsService.start(
                    JobStreamsConfig.CATALOGUE.resolve(ConfigSource.of(settings, "bench")))) {
                long loadStart = System.nanoTime();
                produce(kafka, states, counts);
                long sqlLoadStart = System.nanoTime();
                load(database, states, counts);
                double sqlLoadSeconds = (System.nanoTime() - sqlLoadStart) / 1e9;

                String url = "http://127.0.0.1:" + streams.queries().port() + "/api/oee/live";
                HttpClient http = HttpClient.newHttpClient();
                Map<String, Figures> live = awaitLive(http, url, token, machines, now, Duration.ofMinutes(10));
                System.out.printf(Locale.ROOT, "stream caught up %.1f s after the first event was written; SQL tables "
                        + "loaded in %.1f s%n", (System.nanoTime() - loadStart) / 1e9, sqlLoadSeconds);

                Map<String, Figures> sql = null;
                long[] sqlNanos = new long[refreshes];
                long[] streamNanos = new long[refreshes];
                try (Connection connection = DriverManager.getConnection(database.jdbcUrl("events"),
                        database.rootUser(), database.rootPassword())) {
                    // both readers warmed up first (compiled code, pooled connections), as in a dashboard
                    // that has been refreshing for a while
                    for (int i = 0; i < 3; i++) {
                        sqlOee(connection, shiftStart, now, idealSeconds);
                    }
                    for (int i = 0; i < warmup; i++) {
                        parse(get(http, url, token));
                    }
                    for (int i = 0; i < refreshes; i++) {
                        long began = System.nanoTime();
                        sql = sqlOee(connection, shiftStart, now, idealSeconds);
                        sqlNanos[i] = System.nanoTime() - began;
                        began = System.nanoTime();
                        live = parse(get(http, url, token));
                        streamNanos[i] = System.nanoTime() - began;
                    }
                }
                int same = 0;
                List<String> different = new ArrayList<>();
                for (Map.Entry<String, Figures> machine : sql.entrySet()) {
                    Figures stream = live.get(machine.getKey());
                    if (stream != null && stream.sameAs(machine.getValue())) {
                        same++;
                    } else if (different.size() < 3) {
                        different.add(machine.getKey() + " SQL " + machine.getValue() + " stream " + stream);
                    }
                }
                double sqlMs = median(sqlNanos) / 1e6;
                double streamMs = median(streamNanos) / 1e6;
                System.out.printf(Locale.ROOT, "running shift's OEE of %d machines: SQL refresh median %.1f ms (p90 %.1f),"
                        + " live OEE read from job-streams median %.2f ms (p90 %.2f): %.0fx; identical figures for %d of %d"
                        + " machines%s%n", machines, sqlMs, p90(sqlNanos) / 1e6, streamMs, p90(streamNanos) / 1e6,
                        sqlMs / streamMs, same, sql.size(), different.isEmpty() ? "" : "; differing: " + different);
                System.out.printf(Locale.ROOT, "{\"benchmark\":\"oee-vs-sql\",\"machines\":%d,\"hours\":%d,"
                        + "\"stateEvents\":%d,\"countEvents\":%d,\"sqlRefreshMedianMs\":%.2f,\"sqlRefreshP90Ms\":%.2f,"
                        + "\"streamReadMedianMs\":%.3f,\"streamReadP90Ms\":%.3f,\"ratio\":%.1f,\"identicalMachines\":%d,"
                        + "\"comparedMachines\":%d,\"target\":100}%n", machines, hours, states.size(), counts.size(), sqlMs,
                        p90(sqlNanos) / 1e6, streamMs, p90(streamNanos) / 1e6, sqlMs / streamMs, same, sql.size());
            }
        } finally {
            Directories.deleteRecursively(dir);
        }
    }

    /**
     * Every machine reports every 5 s while it runs (parts made, some scrapped), re-announces its
     * state every 30 s, and now and then breaks down or idles for a few minutes. Deterministic.
     */
    static void generate(int machines, Instant from, Instant to, List<MachineState> states, List<MachineCounts> counts) {
        for (int m = 0; m < machines; m++) {
            String machine = String.format(Locale.ROOT, "M%04d", m);
            Random random = new Random(m);
            MachineStatus status = MachineStatus.RUNNING;
            String reason = null;
            Instant until = Instant.MIN;
            long produced = 0;
            long rejected = 0;
            long n = 0;
            Instant lastState = Instant.MIN;
            for (Instant t = from; !t.isAfter(to); t = t.plusSeconds(STEP_SECONDS)) {
                MachineStatus before = status;
                if (status != MachineStatus.RUNNING && !t.isBefore(until)) {
                    status = MachineStatus.RUNNING;
                    reason = null;
                } else if (status == MachineStatus.RUNNING && random.nextDouble() < 0.004) {
                    boolean fault = random.nextBoolean();
                    status = fault ? MachineStatus.DOWN : MachineStatus.IDLE;
                    reason = fault ? "FAULT" : "NO-MATERIAL";
                    until = t.plusSeconds(60L * (2 + random.nextInt(10)));
                }
                if (status != before || Duration.between(lastState, t).getSeconds() >= HEARTBEAT_SECONDS
                        || t.equals(to)) {
                    states.add(new MachineState(meta(machine, t, n++), machine, status, reason, null));
                    lastState = t;
                }
                if (status == MachineStatus.RUNNING && t.isAfter(from)) {
                    long made = 3 + random.nextInt(2);
                    long scrap = random.nextDouble() < 0.05 ? 1 : 0;
                    produced += made;
                    rejected += scrap;
                    counts.add(new MachineCounts(meta(machine, t, n++), machine, made, scrap, produced, rejected, false,
                            null));
                }
            }
        }
    }

    private static void produce(EmbeddedKafkaCluster kafka, List<MachineState> states, List<MachineCounts> counts) {
        Map<String, Object> props = new HashMap<>(kafka.clientProperties());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(props, new StringSerializer(),
                new ByteArraySerializer())) {
            // in time order, as machines report: states and counts of a moment side by side
            List<Object> all = new ArrayList<>(states);
            all.addAll(counts);
            all.sort((a, b) -> time(a).compareTo(time(b)));
            for (Object event : all) {
                if (event instanceof MachineState state) {
                    send(producer, Topics.MACHINE_STATE, state);
                } else {
                    send(producer, Topics.MACHINE_COUNTS, (MachineCounts) event);
                }
            }
        }
    }

    private static Instant time(Object event) {
        return ((io.plantstream.events.FactoryEvent) event).meta().eventTime();
    }

    private static <V> void send(KafkaProducer<String, byte[]> producer, Topic<String, V> topic, V event) {
        producer.send(new ProducerRecord<>(topic.name(), null, time(event).toEpochMilli(), topic.keyFor(event),
                topic.valueSerde().serializer().serialize(topic.name(), event)));
    }

    /** The event set in two tables with the indexes such a system has: by machine and time. */
    private static void load(MariaDbServer database, List<MachineState> states, List<MachineCounts> counts)
            throws Exception {
        database.executeAsRoot("CREATE DATABASE events",
                "CREATE TABLE events.machine_state (id BIGINT AUTO_INCREMENT PRIMARY KEY, machine_id VARCHAR(32) NOT NULL,"
                        + " event_time DATETIME(3) NOT NULL, status VARCHAR(16) NOT NULL, reason VARCHAR(32),"
                        + " INDEX by_machine_time (machine_id, event_time))",
                "CREATE TABLE events.machine_counts (id BIGINT AUTO_INCREMENT PRIMARY KEY, machine_id VARCHAR(32) NOT NULL,"
                        + " event_time DATETIME(3) NOT NULL, produced BIGINT NOT NULL, rejected BIGINT NOT NULL,"
                        + " INDEX by_machine_time (machine_id, event_time))");
        try (Connection connection = DriverManager.getConnection(database.jdbcUrl("events") + "?useBulkStmts=true",
                database.rootUser(), database.rootPassword())) {
            connection.setAutoCommit(false);
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO machine_state (machine_id, event_time, status, reason) VALUES (?, ?, ?, ?)")) {
                int n = 0;
                for (MachineState s : states) {
                    insert.setString(1, s.machineId());
                    insert.setTimestamp(2, utc(s.meta().eventTime()));
                    insert.setString(3, s.state().name());
                    insert.setString(4, s.reasonCode());
                    insert.addBatch();
                    if (++n % 5000 == 0) {
                        insert.executeBatch();
                    }
                }
                insert.executeBatch();
            }
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO machine_counts (machine_id, event_time, produced, rejected) VALUES (?, ?, ?, ?)")) {
                int n = 0;
                for (MachineCounts c : counts) {
                    insert.setString(1, c.machineId());
                    insert.setTimestamp(2, utc(c.meta().eventTime()));
                    insert.setLong(3, c.producedDelta());
                    insert.setLong(4, c.rejectedDelta());
                    insert.addBatch();
                    if (++n % 5000 == 0) {
                        insert.executeBatch();
                    }
                }
                insert.executeBatch();
            }
            connection.commit();
            try (Statement analyze = connection.createStatement()) {
                analyze.execute("ANALYZE TABLE machine_state, machine_counts");
            }
        }
    }

    /** Times are stored as UTC wall-clock values, so the SQL needs no time-zone arithmetic. */
    private static Timestamp utc(Instant t) {
        return Timestamp.valueOf(LocalDateTime.ofInstant(t, ZoneOffset.UTC));
    }

    static Map<String, Figures> sqlOee(Connection connection, Instant shiftStart, Instant now, double idealSeconds)
            throws Exception {
        double planned = Duration.between(shiftStart, now).toMillis() / 1000.0;
        Map<String, Figures> figures = new TreeMap<>();
        try (PreparedStatement query = connection.prepareStatement(SQL)) {
            query.setTimestamp(1, utc(now));
            query.setTimestamp(2, utc(shiftStart));
            query.setTimestamp(3, utc(now));
            query.setTimestamp(4, utc(shiftStart));
            query.setTimestamp(5, utc(now));
            query.setDouble(6, planned);
            query.setDouble(7, idealSeconds);
            query.setDouble(8, idealSeconds);
            query.setDouble(9, planned);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    figures.put(rows.getString(1), new Figures(rows.getDouble(2), rows.getDouble(3), rows.getDouble(4),
                            rows.getDouble(5)));
                }
            }
        }
        return figures;
    }

    /** Waits until job-streams' live OEE of every machine is as of {@code now}. */
    private static Map<String, Figures> awaitLive(HttpClient http, String url, String token, int machines, Instant now,
            Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        double planned = Duration.between(now.truncatedTo(ChronoUnit.DAYS), now).toMillis() / 1000.0;
        while (System.nanoTime() < deadline) {
            JsonNode all = EventJson.mapper().readTree(get(http, url, token));
            int current = 0;
            for (JsonNode record : all) {
                if (Math.abs(record.path("plannedSeconds").asDouble() - planned) < 0.001) {
                    current++;
                }
            }
            if (current == machines) {
                return parse(all.toString());
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("job-streams did not reach the end of the event set within " + timeout);
    }

    private static String get(HttpClient http, String url, String token) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(url + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    private static Map<String, Figures> parse(String body) throws Exception {
        Map<String, Figures> figures = new TreeMap<>();
        for (JsonNode record : EventJson.mapper().readTree(body)) {
            figures.put(record.path("machineId").asText(), new Figures(record.path("availability").asDouble(),
                    record.path("performance").asDouble(), record.path("quality").asDouble(), record.path("oee").asDouble()));
        }
        return figures;
    }

    private static EventMeta meta(String machine, Instant t, long n) {
        return new EventMeta(machine + "-" + n, "bench", t, EventMeta.CURRENT_SCHEMA_VERSION);
    }

    private static double median(long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static double p90(long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(sorted.length * 0.9) - 1)];
    }
}
