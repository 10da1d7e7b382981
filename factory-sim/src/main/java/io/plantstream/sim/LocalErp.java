package io.plantstream.sim;

import io.plantstream.erp.ErpSchema;
import io.plantstream.testkit.kafka.Secrets;
import io.plantstream.testkit.mariadb.MariaDbServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local plant's ERP: a real MariaDB with the sample schema, filled on first start with two
 * weeks of orders, and the two least-privilege users of erp-cdc, whose random passwords are
 * kept owner-readable in the plant's data directory.
 */
final class LocalErp implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LocalErp.class);
    static final String DATABASE = "erp";
    static final int SAMPLE_ORDERS = 120;

    private final MariaDbServer server;
    private final Path secrets;

    private LocalErp(MariaDbServer server, Path secrets) {
        this.server = server;
        this.secrets = secrets;
    }

    static LocalErp start(Path dataDir, int port) throws SQLException {
        Path secrets = dataDir.resolve("secrets");
        MariaDbServer server = MariaDbServer.builder().baseDir(dataDir.resolve("erp-db")).port(port)
                // stopped by the plant after the services that use it, not by the JVM's exit
                .killAtExit(false).build().start();
        LocalErp erp = new LocalErp(server, secrets);
        if (!Files.exists(secrets.resolve("erp-writer.password"))) {
            erp.create();
        }
        return erp;
    }

    private void create() throws SQLException {
        server.executeAsRoot("CREATE DATABASE IF NOT EXISTS " + DATABASE);
        try (Connection root = DriverManager.getConnection(server.jdbcUrl(DATABASE), server.rootUser(),
                server.rootPassword())) {
            ErpSchema.createSampleTables(root);
            int orders = SampleErp.seed(root, SAMPLE_ORDERS, LocalDate.now(), 4, 42);
            LOG.info("Sample ERP created: {} production orders due over the next two weeks", orders);
        }
        writeSecret("erp-cdc.password", server.createUser("erp_cdc",
                ErpSchema.captureGrants(DATABASE, "production_order").toArray(String[]::new)));
        writeSecret("erp-writer.password", server.createUser("erp_writer",
                ErpSchema.writerGrants(DATABASE, "production_confirmation").toArray(String[]::new)));
    }

    /** erp-cdc's settings for this database and a broker. */
    Map<String, String> cdcSettings(String bootstrap) {
        Map<String, String> settings = new HashMap<>();
        settings.put("kafka.bootstrap.servers", bootstrap);
        settings.put("erp.db.host", server.host());
        settings.put("erp.db.port", Integer.toString(server.port()));
        settings.put("erp.db.name", DATABASE);
        settings.put("http.port", "0");
        settings.put("erp.cdc.user", "erp_cdc");
        settings.put("erp.cdc.password.file", secrets.resolve("erp-cdc.password").toString());
        settings.put("erp.writer.user", "erp_writer");
        settings.put("erp.writer.password.file", secrets.resolve("erp-writer.password").toString());
        settings.put("erp.time.zone", "Europe/Berlin");
        settings.put("work.centers", String.join(",", PlantMachines.IDS));
        settings.put("cdc.topic.replication", "1");
        return settings;
    }

    MariaDbServer server() {
        return server;
    }

    private void writeSecret(String name, String value) {
        LocalFiles.writeSecret(secrets.resolve(name), value);
    }

    @Override
    public void close() {
        server.close();
    }

}
