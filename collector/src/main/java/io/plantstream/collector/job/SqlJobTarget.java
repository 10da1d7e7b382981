package io.plantstream.collector.job;

import io.plantstream.events.JobCommand;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * An edge-database machine takes a job as a row of its command table, status READY. The machine
 * moves it to PROCESSING and then DONE or FAILED (with a message); the agent reports DONE as
 * APPLIED and FAILED as REJECTED with the message. The command id is the row's key, so a
 * repeated command inserts nothing. Columns: command_id, command, order_no, article,
 * target_qty, ideal_cycle_s, recipe, status, message, created_at.
 */
public final class SqlJobTarget implements JobTarget {
    private static final int DUPLICATE_KEY = 1062;

    private final String url;
    private final String user;
    private final String password;
    private final String table;
    private final Set<String> pending = new LinkedHashSet<>();
    private Connection connection;

    public SqlJobTarget(String url, String user, String password, String table) {
        this.url = url;
        this.user = user;
        this.password = password;
        this.table = table;
    }

    @Override
    public synchronized Outcome apply(JobCommand command) throws SQLException {
        try (PreparedStatement insert = connection().prepareStatement("INSERT INTO `" + table + "` (command_id, command,"
                + " order_no, article, target_qty, ideal_cycle_s, recipe, status, created_at) VALUES (?, ?, ?, ?, ?, ?, ?,"
                + " 'READY', ?)")) {
            insert.setString(1, command.commandId());
            insert.setString(2, command.type().name());
            insert.setString(3, command.orderNo());
            insert.setString(4, command.parameters() == null ? null : command.parameters().article());
            if (command.parameters() == null) {
                insert.setNull(5, java.sql.Types.BIGINT);
                insert.setNull(6, java.sql.Types.DOUBLE);
            } else {
                insert.setLong(5, command.parameters().targetQuantity());
                insert.setDouble(6, command.parameters().idealCycleSeconds());
            }
            insert.setString(7, command.parameters() == null ? null : command.parameters().recipe());
            insert.setTimestamp(8, Timestamp.from(command.issuedAt()));
            insert.executeUpdate();
        } catch (SQLException e) {
            if (e.getErrorCode() != DUPLICATE_KEY) {
                close();
                throw e;
            }
        }
        pending.add(command.commandId());
        return Outcome.PENDING;
    }

    @Override
    public synchronized List<Completion> completions() throws SQLException {
        List<Completion> done = new ArrayList<>();
        if (pending.isEmpty()) {
            return done;
        }
        String marks = String.join(",", java.util.Collections.nCopies(pending.size(), "?"));
        try (PreparedStatement select = connection().prepareStatement("SELECT command_id, status, message FROM `" + table
                + "` WHERE command_id IN (" + marks + ") AND status IN ('DONE', 'FAILED')")) {
            int i = 1;
            for (String id : pending) {
                select.setString(i++, id);
            }
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    String id = rows.getString(1);
                    String message = rows.getString(3);
                    done.add(new Completion(id, "DONE".equals(rows.getString(2)) ? Outcome.APPLIED
                            : Outcome.rejected(message == null || message.isBlank() ? "the machine refused the command"
                                    : message)));
                    pending.remove(id);
                }
            }
        } catch (SQLException e) {
            close();
            throw e;
        }
        return done;
    }

    /** Remembers a command handed over before a restart, whose outcome is still to be reported. */
    public synchronized void awaiting(String commandId) {
        pending.add(commandId);
    }

    private Connection connection() throws SQLException {
        if (connection == null || connection.isClosed()) {
            connection = DriverManager.getConnection(url, user, password);
        }
        return connection;
    }

    @Override
    public synchronized void close() {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // gone already
            }
            connection = null;
        }
    }
}
