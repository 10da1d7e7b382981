package io.plantstream.erp.app;

import io.plantstream.config.ConfigCatalogue;
import io.plantstream.config.KafkaClientSettings;
import io.plantstream.config.Setting;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Settings of erp-cdc (environment prefix ERP_CDC_). Table and column names are settings because
 * every customer's ERP names them differently; the defaults match the sample ERP schema.
 */
public final class ErpCdcConfig {
    public static final Setting<String> DB_HOST = Setting.text("erp.db.host", null, "host of the ERP database");
    public static final Setting<Integer> DB_PORT = Setting.integer("erp.db.port", 3306, 1, 65535,
            "port of the ERP database");
    public static final Setting<String> DB_NAME = Setting.text("erp.db.name", "erp", "schema (database) of the ERP");
    public static final Setting<String> DB_CONNECTOR = new Setting<>("erp.db.connector", "mariadb|mysql", value -> {
        String lower = value.strip().toLowerCase(Locale.ROOT);
        if (!lower.equals("mariadb") && !lower.equals("mysql")) {
            throw new IllegalArgumentException("must be mariadb or mysql");
        }
        return lower;
    }, "mariadb", "which Debezium connector reads the binary log", false);
    public static final Setting<String> CDC_USER = Setting.text("erp.cdc.user", null,
            "database user that reads the binary log (RELOAD, REPLICATION SLAVE, REPLICATION CLIENT, SELECT on the "
                    + "order table)");
    public static final Setting<String> CDC_PASSWORD_FILE = Setting.text("erp.cdc.password.file", "",
            "file holding that user's password, e.g. a mounted Secret");
    public static final Setting<String> CDC_PASSWORD = new Setting<>("erp.cdc.password", "secret", v -> v, "",
            "that user's password; prefer erp.cdc.password.file", true);
    public static final Setting<String> WRITER_USER = Setting.text("erp.writer.user", null,
            "database user that writes confirmations (INSERT on the confirmation table only)");
    public static final Setting<String> WRITER_PASSWORD_FILE = Setting.text("erp.writer.password.file", "",
            "file holding the writer's password");
    public static final Setting<String> WRITER_PASSWORD = new Setting<>("erp.writer.password", "secret", v -> v, "",
            "the writer's password; prefer erp.writer.password.file", true);
    public static final Setting<ZoneId> ERP_ZONE = new Setting<>("erp.time.zone", "zone id (e.g. Europe/Berlin)",
            value -> ZoneId.of(value.strip()), ZoneId.of("UTC"),
            "time zone of the ERP's dates and times without a zone", false);

    public static final Setting<List<String>> WORK_CENTERS = new Setting<>("work.centers", "comma-separated ids",
            ErpCdcConfig::list, null, "machine ids an order may name as its work center; others go to the DLQ", false);

    public static final Setting<String> ORDER_TABLE = Setting.text("order.table", "production_order",
            "table of production orders (the only captured table)");
    public static final Setting<String> COL_ORDER_NO = column("order.column.order-number", "order_no");
    public static final Setting<String> COL_ARTICLE = column("order.column.article", "article");
    public static final Setting<String> COL_QUANTITY = column("order.column.quantity", "quantity");
    public static final Setting<String> COL_WORK_CENTER = column("order.column.work-center", "work_center");
    public static final Setting<String> COL_IDEAL_CYCLE = column("order.column.ideal-cycle", "ideal_cycle_s");
    public static final Setting<String> COL_DUE_DATE = column("order.column.due-date", "due_date");
    public static final Setting<String> COL_PRIORITY = column("order.column.priority", "priority");
    public static final Setting<String> COL_STATUS = column("order.column.status", "status");
    public static final Setting<String> COL_UPDATED_AT = column("order.column.updated-at", "updated_at");
    public static final Setting<String> IDEAL_CYCLE_UNIT = new Setting<>("order.ideal-cycle.unit",
            "seconds|minutes|milliseconds", ErpCdcConfig::cycleUnit, "seconds",
            "unit of the ideal cycle time column (time per part)", false);
    public static final Setting<String> STATUS_MAP = Setting.text("order.status.map", "",
            "ERP status codes to order states, e.g. 10=PLANNED,20=RELEASED,30=IN_PROGRESS,40=COMPLETED,90=CANCELLED; "
                    + "without it the column holds the state names");

    public static final Setting<String> CONFIRM_TABLE = Setting.text("confirm.table", "production_confirmation",
            "insert-only table the confirmations are written to");
    public static final Setting<String> COL_C_ORDER_NO = column("confirm.column.order-number", "order_no");
    public static final Setting<String> COL_C_MACHINE = column("confirm.column.machine", "machine_id");
    public static final Setting<String> COL_C_AT = column("confirm.column.confirmed-at", "confirmed_at");
    public static final Setting<String> COL_C_GOOD = column("confirm.column.good", "good_qty");
    public static final Setting<String> COL_C_SCRAP = column("confirm.column.scrap", "scrap_qty");
    public static final Setting<String> COL_C_STATUS = column("confirm.column.status", "status");
    public static final Setting<String> COL_C_SOURCE_ID = column("confirm.column.source-event-id", "source_event_id");
    public static final Setting<Integer> PARTIAL_STEP = Setting.integer("confirm.partial.step.percent", 25, 0, 100,
            "a PARTIAL confirmation each time a running job's good count passes another step of its target (0: none)");
    public static final Setting<Duration> RETRY_MAX = Setting.duration("confirm.retry.max", Duration.ofSeconds(30),
            "longest wait between attempts while the ERP database is unreachable");
    public static final Setting<Boolean> CONFIRM_ENABLED = Setting.flag("confirm.enabled", true,
            "write confirmations back to the ERP");

    public static final Setting<Integer> SERVER_ID = Setting.integer("cdc.server.id", 5401, 1, Integer.MAX_VALUE,
            "replication client id towards the database; unique among its replicas and readers");
    public static final Setting<String> SNAPSHOT_MODE = Setting.text("cdc.snapshot.mode", "initial",
            "Debezium snapshot.mode: initial (all orders on first start), no_data, when_needed");
    public static final Setting<Duration> POLL_INTERVAL = Setting.duration("cdc.poll.interval", Duration.ofMillis(50),
            "how often the engine hands captured changes over (latency)");
    public static final Setting<String> OFFSETS_TOPIC = Setting.text("cdc.offsets.topic", "erp-cdc.offsets",
            "Kafka topic holding the binary-log position (survives moving to another node)");
    public static final Setting<String> HISTORY_TOPIC = Setting.text("cdc.history.topic", "erp-cdc.schema-history",
            "Kafka topic holding the captured table's schema history");
    public static final Setting<Integer> REPLICATION = Setting.integer("cdc.topic.replication", 3, 1, 5,
            "replication of the offsets and history topics (1 for a single broker)");
    public static final Setting<String> ENGINE_NAME = Setting.text("cdc.name", "erp-cdc",
            "name of this capture; also the client id prefix and consumer group prefix");
    public static final Setting<Integer> HTTP_PORT = Setting.integer("http.port", 8083, 0, 65535,
            "port of /health (liveness) and /ready (this instance captures); 0: any free port");

    public static final ConfigCatalogue CATALOGUE = new ConfigCatalogue("erp-cdc", "ERP_CDC_", settings());

    private ErpCdcConfig() {
    }

    private static Setting<String> column(String name, String defaultValue) {
        return Setting.text(name, defaultValue, "column name (" + name.substring(name.lastIndexOf('.') + 1) + ")");
    }

    private static List<String> list(String value) {
        List<String> items = new ArrayList<>();
        for (String item : value.split(",")) {
            if (!item.isBlank()) {
                items.add(item.strip());
            }
        }
        if (items.isEmpty()) {
            throw new IllegalArgumentException("names no work center");
        }
        return List.copyOf(items);
    }

    private static String cycleUnit(String value) {
        String lower = value.strip().toLowerCase(Locale.ROOT);
        if (!List.of("seconds", "minutes", "milliseconds").contains(lower)) {
            throw new IllegalArgumentException("must be seconds, minutes or milliseconds");
        }
        return lower;
    }

    private static List<Setting<?>> settings() {
        List<Setting<?>> all = new ArrayList<>(KafkaClientSettings.ALL);
        all.addAll(List.of(DB_HOST, DB_PORT, DB_NAME, DB_CONNECTOR, CDC_USER, CDC_PASSWORD_FILE, CDC_PASSWORD,
                WRITER_USER, WRITER_PASSWORD_FILE, WRITER_PASSWORD, ERP_ZONE, WORK_CENTERS, ORDER_TABLE, COL_ORDER_NO,
                COL_ARTICLE, COL_QUANTITY, COL_WORK_CENTER, COL_IDEAL_CYCLE, COL_DUE_DATE, COL_PRIORITY, COL_STATUS,
                COL_UPDATED_AT, IDEAL_CYCLE_UNIT, STATUS_MAP, CONFIRM_TABLE, COL_C_ORDER_NO, COL_C_MACHINE, COL_C_AT,
                COL_C_GOOD, COL_C_SCRAP, COL_C_STATUS, COL_C_SOURCE_ID, PARTIAL_STEP, RETRY_MAX, CONFIRM_ENABLED,
                SERVER_ID, SNAPSHOT_MODE, POLL_INTERVAL, OFFSETS_TOPIC, HISTORY_TOPIC, REPLICATION, ENGINE_NAME,
                HTTP_PORT));
        return all;
    }
}
