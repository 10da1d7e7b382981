package io.plantstream.testkit.mariadb;

import io.plantstream.testkit.kafka.FreePorts;
import io.plantstream.testkit.kafka.Secrets;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real MariaDB server as a child process: its own data folder, a free loopback port, binary
 * log in ROW format (what change data capture reads), and a random root password set before the
 * first connection is accepted. It can be stopped cleanly, killed, and started again on the same
 * port with the same data, which is what the fault tests need.
 *
 * <pre>{@code
 * try (MariaDbServer db = MariaDbServer.builder().baseDir(dir).build()) {
 *     db.start();
 *     db.executeAsRoot("CREATE DATABASE erp");
 * }
 * }</pre>
 */
public final class MariaDbServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MariaDbServer.class);
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);

    private final Path baseDir;
    private final int port;
    private final List<String> extraOptions;
    private final Thread shutdownHook = new Thread(this::killQuietly, "mariadb-shutdown");
    private final boolean killAtExit;
    private Process process;
    private String rootPassword;

    private MariaDbServer(Builder builder) {
        this.baseDir = builder.baseDir.toAbsolutePath();
        this.port = builder.port == 0 ? FreePorts.next() : builder.port;
        this.extraOptions = List.copyOf(builder.extraOptions);
        this.killAtExit = builder.killAtExit;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Starts the server (creating its data folder on first start) and waits until it accepts connections. */
    public synchronized MariaDbServer start() {
        if (isRunning()) {
            return this;
        }
        Path installation = MariaDbBinaries.installation();
        try {
            Files.createDirectories(baseDir);
            Path initFile = null;
            if (!Files.exists(dataDir().resolve("mysql"))) {
                install(installation);
                initFile = writeInitFile();
            }
            rootPassword = Files.readString(passwordFile(), StandardCharsets.UTF_8).strip();
            List<String> command = serverCommand(installation, initFile);
            process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile().toFile()))
                    .start();
            if (killAtExit) {
                Runtime.getRuntime().addShutdownHook(shutdownHook);
            }
            awaitReady();
            if (initFile != null) {
                Files.deleteIfExists(initFile);
            }
            LOG.info("MariaDB {} ready on 127.0.0.1:{} (data {})", MariaDbBinaries.VERSION, port, dataDir());
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start MariaDB in " + baseDir, e);
        }
    }

    /** Shuts the server down cleanly (SIGTERM) and waits for it to exit. */
    public synchronized void stop() {
        if (process == null) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                LOG.warn("MariaDB did not stop within {}; killing it", STOP_TIMEOUT);
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        forgetProcess();
    }

    /** Kills the server abruptly (SIGKILL), as a power loss would. */
    public synchronized void kill() {
        if (process == null) {
            return;
        }
        process.destroyForcibly();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        forgetProcess();
    }

    public synchronized boolean isRunning() {
        return process != null && process.isAlive();
    }

    public int port() {
        return port;
    }

    public String host() {
        return "127.0.0.1";
    }

    /** JDBC URL of a database on this server (for the MariaDB driver). */
    public String jdbcUrl(String database) {
        return "jdbc:mariadb://" + host() + ":" + port + "/" + database;
    }

    public String rootUser() {
        return "root";
    }

    public synchronized String rootPassword() {
        if (rootPassword == null) {
            throw new IllegalStateException("the server has not been started");
        }
        return rootPassword;
    }

    /** Runs statements as root, each in its own auto-committed statement. */
    public void executeAsRoot(String... statements) {
        try (Connection connection = DriverManager.getConnection(jdbcUrl(""), rootUser(), rootPassword());
                Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("statement failed on MariaDB: " + e.getMessage(), e);
        }
    }

    /** Creates a user with a random password and the given grants; returns the password. */
    public String createUser(String user, String... grants) {
        String password = Secrets.randomPassword();
        List<String> statements = new ArrayList<>();
        statements.add("CREATE USER '" + user + "'@'%' IDENTIFIED BY '" + password + "'");
        statements.add("CREATE USER '" + user + "'@'localhost' IDENTIFIED BY '" + password + "'");
        for (String grant : grants) {
            statements.add("GRANT " + grant + " TO '" + user + "'@'%'");
            statements.add("GRANT " + grant + " TO '" + user + "'@'localhost'");
        }
        executeAsRoot(statements.toArray(String[]::new));
        return password;
    }

    public Path dataDir() {
        return baseDir.resolve("data");
    }

    public Path logFile() {
        return baseDir.resolve("mariadb.log");
    }

    @Override
    public void close() {
        stop();
    }

    private void install(Path installation) throws IOException {
        Files.createDirectories(dataDir());
        List<String> command = new ArrayList<>(List.of(
                installation.resolve("scripts/mariadb-install-db").toString(),
                "--no-defaults",
                "--basedir=" + installation,
                "--datadir=" + dataDir(),
                "--auth-root-authentication-method=normal",
                "--skip-test-db",
                "--skip-name-resolve"));
        if (runningAsRoot()) {
            command.add("--user=root");
        }
        Process install = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile().toFile()))
                .start();
        try {
            if (!install.waitFor(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                install.destroyForcibly();
                throw new IllegalStateException("mariadb-install-db did not finish within " + START_TIMEOUT);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            install.destroyForcibly();
            throw new IllegalStateException("interrupted while creating the MariaDB data folder", e);
        }
        if (install.exitValue() != 0) {
            throw new IllegalStateException("mariadb-install-db failed (exit " + install.exitValue() + "):\n"
                    + logTail());
        }
    }

    /** The root password, generated once and kept beside the data (owner-only), set by an init file. */
    private Path writeInitFile() throws IOException {
        String password = Secrets.randomPassword();
        Files.writeString(passwordFile(), password + "\n", StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(passwordFile(), PosixFilePermissions.fromString("rw-------"));
        Path init = baseDir.resolve("init-" + UUID.randomUUID() + ".sql");
        StringBuilder sql = new StringBuilder();
        for (String host : List.of("localhost", "127.0.0.1", "::1")) {
            sql.append("ALTER USER IF EXISTS 'root'@'").append(host).append("' IDENTIFIED BY '").append(password)
                    .append("';\n");
        }
        sql.append("DELETE FROM mysql.global_priv WHERE User='' OR (User='root' AND Host NOT IN "
                + "('localhost', '127.0.0.1', '::1'));\nFLUSH PRIVILEGES;\n");
        Files.writeString(init, sql, StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(init, PosixFilePermissions.fromString("rw-------"));
        return init;
    }

    private Path passwordFile() {
        return baseDir.resolve("root.password");
    }

    private List<String> serverCommand(Path installation, Path initFile) {
        List<String> command = new ArrayList<>(List.of(
                installation.resolve("bin/mariadbd").toString(),
                "--no-defaults",
                "--basedir=" + installation,
                "--datadir=" + dataDir(),
                "--port=" + port,
                "--bind-address=127.0.0.1",
                "--socket=" + socketPath(),
                "--pid-file=" + baseDir.resolve("mariadb.pid"),
                "--skip-ssl",
                "--skip-name-resolve",
                "--log-bin=binlog",
                "--binlog-format=ROW",
                "--binlog-row-image=FULL",
                "--server-id=1",
                "--character-set-server=utf8mb4",
                "--collation-server=utf8mb4_unicode_ci",
                "--innodb-buffer-pool-size=128M",
                "--max-connections=300"));
        if (runningAsRoot()) {
            command.add("--user=root");
        }
        if (initFile != null) {
            command.add("--init-file=" + initFile);
        }
        command.addAll(extraOptions);
        return command;
    }

    /** Unix sockets have a short path limit, so the socket lives in /tmp, named by port. */
    private String socketPath() {
        return "/tmp/plantstream-mariadb-" + port + ".sock";
    }

    private void awaitReady() {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        SQLException last = null;
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                int exit = process.exitValue();
                forgetProcess();
                throw new IllegalStateException("MariaDB exited during start-up (exit " + exit + "):\n" + logTail());
            }
            try (Connection ignored = DriverManager.getConnection(jdbcUrl("") + "?connectTimeout=1000", rootUser(),
                    rootPassword)) {
                return;
            } catch (SQLException e) {
                last = e;
            }
            try {
                process.waitFor(50, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for MariaDB", e);
            }
        }
        kill();
        throw new IllegalStateException("MariaDB did not accept connections within " + START_TIMEOUT + " ("
                + (last == null ? "no attempt" : last.getMessage()) + "):\n" + logTail());
    }

    private String logTail() {
        try {
            List<String> lines = Files.readAllLines(logFile(), StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private void forgetProcess() {
        process = null;
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // the JVM is already shutting down
        }
    }

    private void killQuietly() {
        Process running = process;
        if (running != null) {
            running.destroyForcibly();
        }
    }

    private static boolean runningAsRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    public static final class Builder {
        private Path baseDir = Path.of("target", "mariadb-" + UUID.randomUUID());
        private int port;
        private final List<String> extraOptions = new ArrayList<>();
        private boolean killAtExit = true;

        private Builder() {
        }

        /** Where the data folder, the log and the root password live (not under java.io.tmpdir). */
        public Builder baseDir(Path baseDir) {
            this.baseDir = baseDir;
            return this;
        }

        /** A fixed port; by default a free one is picked once and kept across restarts. */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /** A further server option, e.g. {@code --binlog-expire-logs-seconds=3600}. */
        public Builder option(String option) {
            extraOptions.add(option);
            return this;
        }

        /**
         * Whether the server is killed when the JVM exits (default: yes, so a test's server never
         * outlives it). An application that stops its servers itself, in order, turns this off, so
         * the database is not gone before the services that write to it have stopped.
         */
        public Builder killAtExit(boolean kill) {
            this.killAtExit = kill;
            return this;
        }

        public MariaDbServer build() {
            return new MariaDbServer(this);
        }
    }
}
