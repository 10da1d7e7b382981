package io.plantstream.collector.app;

import io.plantstream.config.ConfigSource;
import io.plantstream.events.FactoryEvent;
import io.plantstream.events.Topic;
import io.plantstream.testkit.kafka.TopicReader;
import io.plantstream.testkit.mariadb.MariaDbServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.common.serialization.StringDeserializer;

/** A machine database (real MariaDB), an outbox folder and the definitions of two machines using them. */
final class CollectorFixture implements AutoCloseable {
    final Path dir = Path.of("target", "collector-" + UUID.randomUUID()).toAbsolutePath();
    final Path outbox = dir.resolve("m09-outbox");
    final Path inbox = dir.resolve("m09-inbox");
    final Path definitions = dir.resolve("machines");
    final MariaDbServer database;

    CollectorFixture() throws Exception {
        Files.createDirectories(outbox);
        Files.createDirectories(inbox);
        Files.createDirectories(definitions);
        database = MariaDbServer.builder().baseDir(dir.resolve("m05-db")).build().start();
        database.executeAsRoot("CREATE DATABASE m05", "CREATE TABLE m05.results (id BIGINT AUTO_INCREMENT PRIMARY KEY,"
                + " ts DATETIME(3) NOT NULL DEFAULT NOW(3), run TINYINT, fault TINYINT, good BIGINT, scrap BIGINT,"
                + " job VARCHAR(20), spindle DOUBLE)", "CREATE TABLE m05.commands (command_id VARCHAR(64) PRIMARY KEY,"
                + " command VARCHAR(16) NOT NULL, order_no VARCHAR(32) NOT NULL, article VARCHAR(64), target_qty BIGINT,"
                + " ideal_cycle_s DOUBLE, recipe VARCHAR(64), status VARCHAR(16) NOT NULL, message VARCHAR(200),"
                + " created_at DATETIME(3) NOT NULL)");
        String password = database.createUser("m05_reader", "SELECT ON m05.results", "SELECT, INSERT ON m05.commands");
        Path secret = dir.resolve("m05.password");
        Files.writeString(secret, password);
        Files.writeString(definitions.resolve("m05.yaml"), """
                id: M05
                name: Lathe 5 (edge database)
                line: L1
                kind: sql
                connection:
                  url: "%s"
                  user: m05_reader
                  passwordFile: "%s"
                  resultTable: results
                  commandTable: commands
                poll: 200ms
                tags: {time: ts, running: run, fault: fault, partCounter: good, rejectCounter: scrap, activeJob: job}
                telemetry: [{name: spindleLoad, address: spindle, unit: "%%", min: 0, max: 150}]
                """.formatted(database.jdbcUrl("m05"), secret));
        Files.writeString(definitions.resolve("m09.yaml"), """
                id: M09
                name: Washer 9 (file exchange)
                line: L2
                kind: file
                connection: {outbox: "%s", inbox: "%s"}
                poll: 200ms
                tags: {time: timestamp, running: run, partCounter: good, rejectCounter: scrap}
                """.formatted(outbox, inbox));
    }

    CollectorService start(String bootstrap) {
        return start(bootstrap, "state");
    }

    /** A collector whose local state lives in the given folder (another folder: another node). */
    CollectorService start(String bootstrap, String stateFolder) {
        return CollectorService.start(CollectorConfig.CATALOGUE.resolve(ConfigSource.of(Map.of(
                "kafka.bootstrap.servers", bootstrap,
                "machines", definitions.toString(),
                "state.dir", dir.resolve(stateFolder).toString(),
                "http.port", "0",
                "threads", "2",
                "time.zone", "Europe/Berlin"), "test")));
    }

    void sql(String... statements) throws Exception {
        try (Connection connection = DriverManager.getConnection(database.jdbcUrl("m05"), database.rootUser(),
                database.rootPassword()); Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }

    static <V extends FactoryEvent> List<V> read(Map<String, Object> client, Topic<String, V> topic, String machine) {
        return TopicReader.read(client, topic.name(), "check-" + UUID.randomUUID(), new StringDeserializer(),
                        topic.valueSerde().deserializer(), Integer.MAX_VALUE, Duration.ofSeconds(1)).stream()
                .filter(r -> r.key().equals(machine)).map(r -> r.value()).toList();
    }

    @Override
    public void close() {
        database.close();
    }
}
