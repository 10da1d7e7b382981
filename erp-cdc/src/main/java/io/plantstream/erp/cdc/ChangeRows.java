package io.plantstream.erp.cdc;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Struct;

/**
 * Reads a captured row (a Kafka Connect struct as Debezium emits it) into plain Java values:
 * text, numbers, and java.time values for the date and time columns, so the mapping never sees
 * Debezium's encodings (days since the epoch, milli- or microseconds).
 */
final class ChangeRows {
    private ChangeRows() {
    }

    static Map<String, Object> values(Struct row) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (Field field : row.schema().fields()) {
            values.put(field.name(), plain(row.get(field), field.schema().name()));
        }
        return values;
    }

    private static Object plain(Object value, String semanticType) {
        if (value == null || semanticType == null) {
            return value;
        }
        return switch (semanticType) {
            // DATE: days since the epoch
            case "io.debezium.time.Date" -> LocalDate.ofEpochDay(((Number) value).longValue());
            // DATETIME: the wall-clock time, encoded as if it were UTC
            case "io.debezium.time.Timestamp" -> LocalDateTime.ofInstant(
                    Instant.ofEpochMilli(((Number) value).longValue()), ZoneOffset.UTC);
            case "io.debezium.time.MicroTimestamp" -> LocalDateTime.ofInstant(
                    micros(((Number) value).longValue()), ZoneOffset.UTC);
            case "io.debezium.time.NanoTimestamp" -> LocalDateTime.ofInstant(
                    Instant.ofEpochSecond(0, ((Number) value).longValue()), ZoneOffset.UTC);
            // TIMESTAMP: a real instant
            case "io.debezium.time.ZonedTimestamp" -> OffsetDateTime.parse(value.toString()).toInstant();
            case "org.apache.kafka.connect.data.Decimal" -> (BigDecimal) value;
            default -> value;
        };
    }

    private static Instant micros(long micros) {
        return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1000L);
    }
}
