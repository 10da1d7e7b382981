package io.plantstream.erp.cdc;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class CaptureSettingsTest {
    private static final Map<String, Object> SECURED = Map.of("bootstrap.servers", "kafka:9093",
            "security.protocol", "SASL_SSL", "sasl.mechanism", "SCRAM-SHA-512",
            "sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"erp-cdc\" "
                    + "password=\"p\";");

    @Test
    void keepsPositionAndSchemaHistoryInKafkaWithTheServicesOwnCredentials() {
        Properties props = settings("mariadb").engineProperties();
        assertThat(props.getProperty("connector.class")).isEqualTo("io.debezium.connector.mariadb.MariaDbConnector");
        assertThat(props.getProperty("offset.storage")).isEqualTo("org.apache.kafka.connect.storage.KafkaOffsetBackingStore");
        assertThat(props.getProperty("offset.storage.topic")).isEqualTo("erp-cdc.offsets");
        assertThat(props.getProperty("offset.storage.replication.factor")).isEqualTo("3");
        assertThat(props.getProperty("security.protocol")).isEqualTo("SASL_SSL");
        assertThat(props.getProperty("schema.history.internal")).isEqualTo(
                "io.debezium.storage.kafka.history.KafkaSchemaHistory");
        assertThat(props.getProperty("schema.history.internal.kafka.bootstrap.servers")).isEqualTo("kafka:9093");
        assertThat(props.getProperty("schema.history.internal.producer.sasl.jaas.config")).contains("erp-cdc");
        assertThat(props.getProperty("schema.history.internal.consumer.security.protocol")).isEqualTo("SASL_SSL");
    }

    @Test
    void capturesOnlyTheOrderTableAsCleanRowsWithoutTombstones() {
        Properties props = settings("mariadb").engineProperties();
        assertThat(props.getProperty("table.include.list")).isEqualTo("erp.production_order");
        assertThat(props.getProperty("database.include.list")).isEqualTo("erp");
        assertThat(props.getProperty("tombstones.on.delete")).isEqualTo("false");
        assertThat(props.getProperty("decimal.handling.mode")).isEqualTo("string");
        assertThat(props.getProperty("snapshot.mode")).isEqualTo("initial");
        assertThat(props.getProperty("poll.interval.ms")).isEqualTo("50");
    }

    @Test
    void usesTheMySqlConnectorForMySqlErps() {
        assertThat(settings("mysql").engineProperties().getProperty("connector.class"))
                .isEqualTo("io.debezium.connector.mysql.MySqlConnector");
    }

    private static CaptureSettings settings(String connector) {
        return new CaptureSettings("erp-cdc", connector, "erp-db", 3306, "erp", "production_order", "erp_cdc", "secret",
                5401, "initial", Duration.ofMillis(50), "erp-cdc.offsets", "erp-cdc.schema-history", 3, SECURED);
    }
}
