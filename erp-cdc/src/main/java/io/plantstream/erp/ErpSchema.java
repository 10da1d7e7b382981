package io.plantstream.erp;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The sample ERP schema and the database grants erp-cdc needs, as SQL. The grants are the
 * documented minimum: the capture user reads the binary log and the order table, the writer
 * user may only insert confirmations.
 */
public final class ErpSchema {
    private ErpSchema() {
    }

    /** The statements creating the sample schema's tables (in the current database). */
    public static List<String> sampleTables() {
        try (InputStream in = ErpSchema.class.getResourceAsStream("/erp/sample-schema.sql")) {
            if (in == null) {
                throw new IllegalStateException("erp/sample-schema.sql is missing from the class path");
            }
            String script = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            List<String> statements = new ArrayList<>();
            StringBuilder current = new StringBuilder();
            for (String line : script.split("\n")) {
                if (line.strip().startsWith("--")) {
                    continue;
                }
                current.append(line).append('\n');
                if (line.strip().endsWith(";")) {
                    String statement = current.toString().strip();
                    statements.add(statement.substring(0, statement.length() - 1));
                    current.setLength(0);
                }
            }
            return List.copyOf(statements);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Creates the sample tables on a connection to the ERP database. */
    public static void createSampleTables(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            for (String sql : sampleTables()) {
                statement.execute(sql);
            }
        }
    }

    /** Grants of the capture user: binary log and snapshot, and reading the order table only. */
    public static List<String> captureGrants(String database, String orderTable) {
        return List.of("RELOAD, REPLICATION SLAVE, REPLICATION CLIENT ON *.*",
                "SELECT ON `" + database + "`.`" + orderTable + "`");
    }

    /** Grants of the writer user: inserting confirmations, nothing else. */
    public static List<String> writerGrants(String database, String confirmationTable) {
        return List.of("INSERT ON `" + database + "`.`" + confirmationTable + "`");
    }
}
