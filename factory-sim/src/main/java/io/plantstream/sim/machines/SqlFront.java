package io.plantstream.sim.machines;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A machine with an edge database: it appends a result row whenever its state or counters
 * change (and every few seconds while nothing does), and takes jobs from its command table:
 * READY rows become PROCESSING, then DONE, or FAILED with the machine's reason. The database is
 * a real MariaDB; the collector reads it as its own least-privilege user.
 */
final class SqlFront implements MachineFront {
    private static final Logger LOG = LoggerFactory.getLogger(SqlFront.class);
    private static final Duration KEEP_ALIVE = Duration.ofSeconds(3);

    /** The tables of one machine's database. */
    static final List<String> SCHEMA = List.of(
            "CREATE TABLE IF NOT EXISTS results (id BIGINT AUTO_INCREMENT PRIMARY KEY, ts DATETIME(3) NOT NULL,"
                    + " run TINYINT, fault TINYINT, setup TINYINT, planned TINYINT, good BIGINT, scrap BIGINT,"
                    + " alarm_word INT, cycle_s DOUBLE, job VARCHAR(32), spindle DOUBLE, temp DOUBLE)",
            "CREATE TABLE IF NOT EXISTS commands (command_id VARCHAR(64) PRIMARY KEY, command VARCHAR(16) NOT NULL,"
                    + " order_no VARCHAR(32) NOT NULL, article VARCHAR(64), target_qty BIGINT, ideal_cycle_s DOUBLE,"
                    + " recipe VARCHAR(64), status VARCHAR(16) NOT NULL, message VARCHAR(200), created_at DATETIME(3)"
                    + " NOT NULL)");

    private final String machine;
    private final String url;
    private final String user;
    private final Path passwordFile;
    private final Connection connection;
    private final java.time.ZoneId zone;
    private Instant lastRow = Instant.MIN;
    private String lastKey = "";

    /**
     * @param connection the machine's own login (owner of its database)
     * @param zone the plant's time zone: the machine writes its local time, as machines do
     * @param url, user, passwordFile what the collector logs in with
     */
    SqlFront(String machine, Connection connection, java.time.ZoneId zone, String url, String user, Path passwordFile) {
        this.machine = machine;
        this.zone = zone;
        this.connection = connection;
        this.url = url;
        this.user = user;
        this.passwordFile = passwordFile;
    }

    @Override
    public void show(MachineModel.Snapshot s) throws SQLException {
        String key = s.running() + "/" + s.fault() + "/" + s.setup() + "/" + s.plannedStop() + "/" + s.partCounter()
                + "/" + s.rejectCounter() + "/" + s.activeJob();
        if (key.equals(lastKey) && Duration.between(lastRow, s.time()).compareTo(KEEP_ALIVE) < 0) {
            return;
        }
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO results (ts, run, fault, setup, planned,"
                + " good, scrap, alarm_word, cycle_s, job, spindle, temp) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            insert.setTimestamp(1, Timestamp.valueOf(java.time.LocalDateTime.ofInstant(s.time(), zone)));
            insert.setInt(2, s.running() ? 1 : 0);
            insert.setInt(3, s.fault() ? 1 : 0);
            insert.setInt(4, s.setup() ? 1 : 0);
            insert.setInt(5, s.plannedStop() ? 1 : 0);
            insert.setLong(6, s.partCounter());
            insert.setLong(7, s.rejectCounter());
            insert.setInt(8, s.alarmWord());
            insert.setDouble(9, Math.round(s.cycleTimeSeconds() * 1000) / 1000.0);
            insert.setString(10, s.activeJob());
            insert.setDouble(11, Math.round(s.spindleLoad() * 10) / 10.0);
            insert.setDouble(12, Math.round(s.temperature() * 10) / 10.0);
            insert.executeUpdate();
        }
        lastKey = key;
        lastRow = s.time();
    }

    @Override
    public void takeCommands(MachineModel model) throws SQLException {
        record Ready(String id, String command, String orderNo, long target) {
        }
        List<Ready> ready = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement("SELECT command_id, command, order_no, target_qty"
                + " FROM commands WHERE status = 'READY' ORDER BY created_at, command_id");
                ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                ready.add(new Ready(rows.getString(1), rows.getString(2), rows.getString(3), rows.getLong(4)));
            }
        }
        for (Ready command : ready) {
            status(command.id(), "PROCESSING", null);
            MachineModel.Answer answer = model.command(MachineModel.code(command.command()), command.orderNo(),
                    command.target());
            status(command.id(), answer.taken() ? "DONE" : "FAILED", answer.reason());
            if (!answer.taken()) {
                LOG.info("{} refused {} for {}: {}", machine, command.command(), command.orderNo(), answer.reason());
            }
        }
    }

    private void status(String id, String status, String message) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE commands SET status = ?, message = ? WHERE command_id = ?")) {
            update.setString(1, status);
            update.setString(2, message);
            update.setString(3, id);
            update.executeUpdate();
        }
    }

    @Override
    public String definition() {
        return """
                kind: sql
                connection:
                  url: "%s"
                  user: %s
                  passwordFile: "%s"
                  resultTable: results
                  commandTable: commands
                poll: 1s
                silence: 15s
                tags:
                  time: ts
                  running: run
                  fault: fault
                  setup: setup
                  plannedStop: planned
                  partCounter: good
                  rejectCounter: scrap
                  alarmWord: alarm_word
                  cycleTime: {address: cycle_s, unit: s}
                  activeJob: job
                telemetry:
                  - {name: spindleLoad, address: spindle, unit: "%%", min: 0, max: 150}
                  - {name: coolantTemp, address: temp, unit: degC, min: -20, max: 120}
                """.formatted(url, user, passwordFile);
    }

    /** Opens a machine's login to its database. */
    static Connection connect(String url, String user, String password) throws SQLException {
        return DriverManager.getConnection(url, user, password);
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            LOG.debug("closing {}'s database connection", machine, e);
        }
    }
}
