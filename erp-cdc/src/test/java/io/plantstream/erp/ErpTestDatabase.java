package io.plantstream.erp;

import io.plantstream.events.Topics;
import io.plantstream.events.admin.TopicProvisioner;
import io.plantstream.testkit.junit.KafkaClusterExtension;
import io.plantstream.testkit.mariadb.MariaDbServer;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** A real MariaDB with the sample ERP schema and the two least-privilege users of erp-cdc. */
public final class ErpTestDatabase implements AutoCloseable {
    public static final String DATABASE = "erp";

    private final MariaDbServer server;
    private String capturePassword;
    private String writerPassword;

    public ErpTestDatabase(Path baseDir) {
        this.server = MariaDbServer.builder().baseDir(baseDir).build();
    }

    public ErpTestDatabase start() throws SQLException {
        server.start();
        server.executeAsRoot("CREATE DATABASE " + DATABASE);
        try (Connection connection = root()) {
            ErpSchema.createSampleTables(connection);
        }
        capturePassword = server.createUser("erp_cdc",
                ErpSchema.captureGrants(DATABASE, "production_order").toArray(String[]::new));
        writerPassword = server.createUser("erp_writer",
                ErpSchema.writerGrants(DATABASE, "production_confirmation").toArray(String[]::new));
        return this;
    }

    /**
     * Starts a database beside a test broker: the database in the background while the catalogue
     * topics are created, both ready on return.
     */
    public static ErpTestDatabase startBeside(KafkaClusterExtension kafka)
            throws Exception {
        return startBeside(kafka, (short) 1);
    }

    /** As {@link #startBeside(KafkaClusterExtension)}, the topics with {@code replication} replicas. */
    public static ErpTestDatabase startBeside(KafkaClusterExtension kafka, short replication)
            throws Exception {
        CompletableFuture<ErpTestDatabase> database =
                CompletableFuture.supplyAsync(() -> {
                    try {
                        return new ErpTestDatabase(Path.of("target", "erp-" + UUID.randomUUID())).start();
                    } catch (SQLException e) {
                        throw new IllegalStateException(e);
                    }
                });
        try (Admin admin = kafka.admin()) {
            new TopicProvisioner(admin, replication, Duration.ofSeconds(60))
                    .ensure(Topics.all());
        }
        return database.join();
    }

    /** An idempotent producer with acks=all on the test broker, for the records a test feeds in. */
    public static Producer<byte[], byte[]> producer(
            KafkaClusterExtension kafka) {
        Map<String, Object> props = new HashMap<>(kafka.clientProperties());
        props.put("acks", "all");
        props.put("enable.idempotence", true);
        return new KafkaProducer<>(props,
                new ByteArraySerializer(),
                new ByteArraySerializer());
    }

    public MariaDbServer server() {
        return server;
    }

    public Connection root() throws SQLException {
        return DriverManager.getConnection(server.jdbcUrl(DATABASE), server.rootUser(), server.rootPassword());
    }

    public String capturePassword() {
        return capturePassword;
    }

    public String writerPassword() {
        return writerPassword;
    }

    /** Runs statements as root in the ERP database. */
    public void execute(String... statements) {
        try (Connection connection = root(); java.sql.Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        server.close();
    }
}
