package io.plantstream.sim.machines;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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

    /** Which column of the result table holds which signal. */
    private static final Map<String, String> COLUMNS = Map.ofEntries(Map.entry("time", "ts"),
            Map.entry("running", "run"), Map.entry("fault", "fault"), Map.entry("setup", "setup"),
            Map.entry("plannedStop", "planned"), Map.entry("partCounter", "good"), Map.entry("rejectCounter", "scrap"),
            Map.entry("alarmWord", "alarm_word"), Map.entry("cycleTime", "cycle_s"), Map.entry("activeJob", "job"),
            Map.entry("spindleLoad", "spindle"), Map.entry("temperature", "temp"));

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
    private final PreparedStatement insert;
    private final PreparedStatement readyCommands;
    private final PreparedStatement status;
    private final java.time.ZoneId zone;
    private Instant lastRow = Instant.MIN;
    private String lastKey = "";

    /**
     * @param connection the machine's own login (owner of its database); closed with this front-end
     * @param zone the plant's time zone: the machine writes its local time, as machines do
     * @param url, user, passwordFile what the collector logs in with
     */
    SqlFront(String machine, Connection connection, java.time.ZoneId zone, String url, String user, Path passwordFile)
            throws SQLException {
        this.machine = machine;
        this.insert = connection.prepareStatement("INSERT INTO results (ts, run, fault, setup, planned, good, scrap,"
                + " alarm_word, cycle_s, job, spindle, temp) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
        this.readyCommands = connection.prepareStatement("SELECT command_id, command, order_no, target_qty FROM commands"
                + " WHERE status = 'READY' ORDER BY created_at, command_id");
        this.status = connection.prepareStatement("UPDATE commands SET status = ?, message = ? WHERE command_id = ?");
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
        lastKey = key;
        lastRow = s.time();
    }

    @Override
    public void takeCommands(MachineModel model) throws SQLException {
        record Ready(String id, String command, String orderNo, long target) {
        }
        List<Ready> ready = new ArrayList<>();
        try (ResultSet rows = readyCommands.executeQuery()) {
            while (rows.next()) {
                ready.add(new Ready(rows.getString(1), rows.getString(2), rows.getString(3), rows.getLong(4)));
            }
        }
        for (Ready command : ready) {
            status(command.id(), "PROCESSING", null);
            MachineModel.Answer answer = model.command(command.command(), command.orderNo(),
                    command.target());
            status(command.id(), answer.taken() ? "DONE" : "FAILED", answer.reason());
            if (!answer.taken()) {
                LOG.info("{} refused {} for {}: {}", machine, command.command(), command.orderNo(), answer.reason());
            }
        }
    }

    private void status(String id, String next, String message) throws SQLException {
        status.setString(1, next);
        status.setString(2, message);
        status.setString(3, id);
        status.executeUpdate();
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
                """.formatted(url, user, passwordFile) + MachineSignals.definition(COLUMNS, 1);
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
