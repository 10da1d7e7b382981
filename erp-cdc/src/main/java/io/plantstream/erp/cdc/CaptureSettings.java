package io.plantstream.erp.cdc;

import java.time.Duration;
import java.util.Map;
import java.util.Properties;

/**
 * The Debezium engine and connector settings for capturing the order table: binary-log position
 * and schema history in Kafka topics (so the capture can restart on another node), an initial
 * snapshot, decimals as text (exact), no tombstones (a deletion is an order record with
 * {@code deleted} set).
 *
 * @param connector mariadb or mysql
 * @param kafka the Kafka client properties (bootstrap servers, TLS and SCRAM) of this service
 */
public record CaptureSettings(String name, String connector, String host, int port, String database, String table,
        String user, String password, int serverId, String snapshotMode, Duration pollInterval, String offsetsTopic,
        String historyTopic, int replication, Map<String, Object> kafka) {

    public Properties engineProperties() {
        Properties props = new Properties();
        props.setProperty("name", name);
        props.setProperty("connector.class", connector.equals("mysql")
                ? "io.debezium.connector.mysql.MySqlConnector"
                : "io.debezium.connector.mariadb.MariaDbConnector");
        props.setProperty("topic.prefix", name);
        props.setProperty("database.hostname", host);
        props.setProperty("database.port", Integer.toString(port));
        props.setProperty("database.user", user);
        props.setProperty("database.password", password);
        props.setProperty("database.server.id", Integer.toString(serverId));
        props.setProperty("database.include.list", database);
        props.setProperty("table.include.list", database + "." + table);
        props.setProperty("snapshot.mode", snapshotMode);
        props.setProperty("include.schema.changes", "false");
        props.setProperty("tombstones.on.delete", "false");
        props.setProperty("decimal.handling.mode", "string");
        props.setProperty("time.precision.mode", "adaptive_time_microseconds");
        props.setProperty("poll.interval.ms", Long.toString(pollInterval.toMillis()));
        props.setProperty("max.batch.size", "2048");
        props.setProperty("max.queue.size", "8192");
        props.setProperty("errors.max.retries", "-1");
        // A database that went away (restart, fail-over) is noticed and reconnected to within seconds.
        props.setProperty("connect.keep.alive", "true");
        props.setProperty("connect.keep.alive.interval.ms", "5000");
        props.setProperty("errors.retry.delay.max.ms", "30000");

        // Position: a compacted Kafka topic, written at most a second after Kafka acknowledged the records.
        props.setProperty("offset.storage", "org.apache.kafka.connect.storage.KafkaOffsetBackingStore");
        props.setProperty("offset.storage.topic", offsetsTopic);
        props.setProperty("offset.storage.partitions", "1");
        props.setProperty("offset.storage.replication.factor", Integer.toString(replication));
        props.setProperty("offset.flush.interval.ms", "1000");
        kafka.forEach((key, value) -> props.setProperty(key, String.valueOf(value)));

        // Schema history of the captured table only, in Kafka as well.
        props.setProperty("schema.history.internal", "io.debezium.storage.kafka.history.KafkaSchemaHistory");
        props.setProperty("schema.history.internal.kafka.topic", historyTopic);
        props.setProperty("schema.history.internal.kafka.bootstrap.servers", String.valueOf(kafka.get("bootstrap.servers")));
        props.setProperty("schema.history.internal.store.only.captured.tables.ddl", "true");
        props.setProperty("schema.history.internal.store.only.captured.databases.ddl", "true");
        kafka.forEach((key, value) -> {
            if (!key.equals("bootstrap.servers")) {
                props.setProperty("schema.history.internal.producer." + key, String.valueOf(value));
                props.setProperty("schema.history.internal.consumer." + key, String.valueOf(value));
            }
        });
        return props;
    }
}
