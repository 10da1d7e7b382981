package io.plantstream.erp;

import io.plantstream.testkit.mariadb.MariaDbServer;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

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
