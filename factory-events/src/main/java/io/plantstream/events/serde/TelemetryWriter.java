package io.plantstream.events.serde;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import io.plantstream.events.EventMeta;
import io.plantstream.events.MachineTelemetry;
import io.plantstream.events.TagSample;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.format.DateTimeFormatter;

/**
 * Writes a {@link MachineTelemetry} straight through Jackson's streaming generator, the bytes
 * the contract's mapper writes (same fields in the same order, nulls left out, the same escaping
 * and number forms), without its per-field reflection: telemetry is the event collectors write
 * most, one per read of a machine.
 */
final class TelemetryWriter {
    private final JsonFactory factory;

    TelemetryWriter(JsonFactory factory) {
        this.factory = factory;
    }

    byte[] write(MachineTelemetry telemetry) {
        try (ByteArrayBuilder bytes = new ByteArrayBuilder(factory._getBufferRecycler(), 256)) {
            try (JsonGenerator out = factory.createGenerator(bytes)) {
                out.writeStartObject();
                out.writeFieldName("meta");
                writeMeta(out, telemetry.meta());
                out.writeStringField("machineId", telemetry.machineId());
                out.writeArrayFieldStart("samples");
                for (TagSample sample : telemetry.samples()) {
                    out.writeStartObject();
                    out.writeStringField("tag", sample.tag());
                    out.writeNumberField("value", sample.value());
                    if (sample.unit() != null) {
                        out.writeStringField("unit", sample.unit());
                    }
                    out.writeStringField("quality", sample.quality().name());
                    out.writeEndObject();
                }
                out.writeEndArray();
                out.writeEndObject();
            }
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write telemetry of " + telemetry.machineId(), e);
        }
    }

    private static void writeMeta(JsonGenerator out, EventMeta meta) throws IOException {
        out.writeStartObject();
        out.writeStringField("eventId", meta.eventId());
        out.writeStringField("source", meta.source());
        out.writeStringField("eventTime", DateTimeFormatter.ISO_INSTANT.format(meta.eventTime()));
        out.writeNumberField("schemaVersion", meta.schemaVersion());
        out.writeEndObject();
    }
}
