package io.plantstream.collector.adapter;

import io.plantstream.collector.core.RawSample;
import io.plantstream.collector.core.StateFile;
import io.plantstream.collector.definition.MachineDefinition;
import io.plantstream.collector.definition.Meaning;
import io.plantstream.collector.definition.TagSpec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A machine with an edge database: its results come back as rows of a result table with an
 * increasing integer key. Each poll reads only the rows after the last one handed over (keyset,
 * never a full scan); the last key survives restarts in the collector's state folder. On the
 * first start it begins with the newest row, which sets the counters' baseline.
 */
public final class SqlAdapter implements MachineAdapter {
    private static final int PAGE = 1000;

    private final MachineDefinition machine;
    private final ZoneId zone;
    private final String password;
    private final StateFile position;
    private final String query;
    private final Map<String, String> columnToTag = new LinkedHashMap<>();
    private final String table;
    private final String key;
    private Connection connection;
    private PreparedStatement select;
    private Long lastKey;
    private Long pendingKey;

    public SqlAdapter(MachineDefinition machine, String password, Path stateDir, ZoneId zone) {
        this.machine = machine;
        this.zone = zone;
        this.password = password;
        this.table = machine.connection().get("resultTable");
        this.key = machine.connection().getOrDefault("resultKey", "id");
        this.position = new StateFile(stateDir.resolve(machine.id() + ".sql-position"));
        for (TagSpec tag : machine.allTags()) {
            columnToTag.put(tag.address(), tag.name());
        }
        StringBuilder columns = new StringBuilder("`" + key + "`");
        columnToTag.keySet().forEach(column -> columns.append(", `").append(column).append('`'));
        this.query = "SELECT " + columns + " FROM `" + table + "` WHERE `" + key + "` > ? ORDER BY `" + key
                + "` LIMIT " + PAGE;
        String stored = position.read();
        this.lastKey = stored == null ? null : Long.parseLong(stored);
    }

    @Override
    public Batch poll() throws SQLException {
        connect();
        if (lastKey == null) {
            try (Statement statement = connection.createStatement();
                    ResultSet max = statement.executeQuery("SELECT MAX(`" + key + "`) FROM `" + table + "`")) {
                max.next();
                long newest = max.getLong(1);
                lastKey = max.wasNull() ? 0L : newest - 1;
            }
        }
        select.setLong(1, lastKey);
        List<RawSample> samples = new ArrayList<>();
        List<Refusal> refusals = new ArrayList<>();
        Long last = lastKey;
        try (ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                long id = rows.getLong(1);
                last = id;
                Map<String, Object> values = new LinkedHashMap<>();
                Instant received = Instant.now();
                Instant time = received;
                int index = 2;
                for (Map.Entry<String, String> column : columnToTag.entrySet()) {
                    Object value = rows.getObject(index++);
                    if (column.getValue().equals(Meaning.TIME.key())) {
                        Instant parsed = time(value);
                        if (parsed == null && value != null) {
                            refusals.add(new Refusal(origin(id), "time column " + column.getKey() + " = '" + value
                                    + "' is not a time", String.valueOf(value).getBytes(StandardCharsets.UTF_8)));
                        } else if (parsed != null) {
                            time = parsed;
                        }
                        continue;
                    }
                    values.put(column.getValue(), value);
                }
                samples.add(new RawSample(time, values, origin(id), machine.id() + "/" + table + "/" + id, received));
            }
        }
        pendingKey = last;
        return new Batch(samples, refusals, samples.size() + refusals.size() >= PAGE);
    }

    @Override
    public void processed() {
        if (pendingKey != null && !pendingKey.equals(lastKey)) {
            lastKey = pendingKey;
            position.write(Long.toString(lastKey));
        }
    }

    private String origin(long id) {
        return "sql:" + table + "#" + id;
    }

    /** A DATETIME holds the plant's wall-clock time: read in the collector's {@code time.zone}. */
    private Instant time(Object value) {
        if (value instanceof Timestamp timestamp) {
            return timestamp.toLocalDateTime().atZone(zone).toInstant();
        }
        if (value instanceof LocalDateTime local) {
            return local.atZone(zone).toInstant();
        }
        if (value instanceof OffsetDateTime offset) {
            return offset.toInstant();
        }
        return null;
    }

    private void connect() throws SQLException {
        if (connection != null && !connection.isClosed()) {
            return;
        }
        connection = DriverManager.getConnection(machine.connection().get("url"), machine.connection().get("user"),
                password);
        connection.setReadOnly(true);
        select = connection.prepareStatement(query);
        select.setQueryTimeout(30);
    }

    @Override
    public void disconnect() {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // already gone
            }
            connection = null;
        }
    }

    @Override
    public void close() {
        disconnect();
        position.close();
    }
}
