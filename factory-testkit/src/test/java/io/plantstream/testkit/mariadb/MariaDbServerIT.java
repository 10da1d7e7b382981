package io.plantstream.testkit.mariadb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class MariaDbServerIT {
    private static MariaDbServer server;

    @BeforeAll
    static void start() {
        server = MariaDbServer.builder().baseDir(Path.of("target", "it-mariadb-" + System.nanoTime())).build().start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void writesARowBinaryLogThatChangeDataCaptureCanRead() throws SQLException {
        assertThat(variable("log_bin")).isEqualTo("ON");
        assertThat(variable("binlog_format")).isEqualTo("ROW");
        assertThat(variable("binlog_row_image")).isEqualTo("FULL");
    }

    @Test
    void refusesRootWithoutThePasswordAndAnonymousUsers() {
        assertThatThrownBy(() -> DriverManager.getConnection(server.jdbcUrl(""), "root", "").close())
                .isInstanceOf(SQLException.class).hasMessageContaining("Access denied");
        assertThatThrownBy(() -> DriverManager.getConnection(server.jdbcUrl(""), "", "").close())
                .isInstanceOf(SQLException.class).hasMessageContaining("Access denied");
    }

    @Test
    void keepsCommittedRowsThroughAKillAndARestartOnTheSamePort() throws SQLException {
        server.executeAsRoot("CREATE DATABASE durable", "CREATE TABLE durable.t (id INT PRIMARY KEY)",
                "INSERT INTO durable.t VALUES (1), (2), (3)");
        int port = server.port();

        server.kill();
        assertThat(server.isRunning()).isFalse();
        server.start();

        assertThat(server.port()).isEqualTo(port);
        try (Connection connection = DriverManager.getConnection(server.jdbcUrl("durable"), "root",
                server.rootPassword()); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM t")) {
            rows.next();
            assertThat(rows.getInt(1)).isEqualTo(3);
        }
    }

    @Test
    void createsUsersWithOnlyTheGrantsAsked() throws SQLException {
        server.executeAsRoot("CREATE DATABASE limited", "CREATE TABLE limited.t (id INT PRIMARY KEY)");
        String password = server.createUser("reader", "SELECT ON limited.*");
        try (Connection connection = DriverManager.getConnection(server.jdbcUrl("limited"), "reader", password);
                Statement statement = connection.createStatement()) {
            statement.executeQuery("SELECT * FROM t").close();
            assertThatThrownBy(() -> statement.execute("INSERT INTO t VALUES (1)"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("denied");
        }
    }

    private static String variable(String name) throws SQLException {
        try (Connection connection = DriverManager.getConnection(server.jdbcUrl(""), "root", server.rootPassword());
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SHOW VARIABLES LIKE '" + name + "'")) {
            rows.next();
            return rows.getString(2);
        }
    }
}
