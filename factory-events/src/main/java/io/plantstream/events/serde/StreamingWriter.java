package io.plantstream.events.serde;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import io.plantstream.events.EventMeta;
import io.plantstream.events.MachineCounts;
import io.plantstream.events.MachineState;
import io.plantstream.events.MachineTelemetry;
import io.plantstream.events.TagSample;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.format.DateTimeFormatter;

/**
 * Writes the events collectors write with every read of a machine (telemetry, counts, states)
 * straight through Jackson's streaming generator: the bytes the contract's mapper writes (same
 * fields in the same order, nulls left out, the same escaping and number forms), without its
 * per-field reflection.
 */
final class StreamingWriter<T> {
    @FunctionalInterface
    private interface Fields<T> {
        void write(JsonGenerator out, T value) throws IOException;
    }

    private final JsonFactory factory;
    private final Fields<T> fields;

    private StreamingWriter(JsonFactory factory, Fields<T> fields) {
        this.factory = factory;
        this.fields = fields;
    }

    /** The writer of {@code type}, or null when it has none (the mapper writes it). */
    @SuppressWarnings("unchecked")
    static <T> StreamingWriter<T> forType(Class<T> type, JsonFactory factory) {
        if (type == MachineTelemetry.class) {
            return (StreamingWriter<T>) new StreamingWriter<MachineTelemetry>(factory, StreamingWriter::telemetry);
        }
        if (type == MachineCounts.class) {
            return (StreamingWriter<T>) new StreamingWriter<MachineCounts>(factory, StreamingWriter::counts);
        }
        if (type == MachineState.class) {
            return (StreamingWriter<T>) new StreamingWriter<MachineState>(factory, StreamingWriter::state);
        }
        return null;
    }

    byte[] write(T value) {
        try (ByteArrayBuilder bytes = new ByteArrayBuilder(factory._getBufferRecycler(), 256)) {
            try (JsonGenerator out = factory.createGenerator(bytes)) {
                out.writeStartObject();
                fields.write(out, value);
                out.writeEndObject();
            }
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + value.getClass().getSimpleName(), e);
        }
    }

    private static void telemetry(JsonGenerator out, MachineTelemetry telemetry) throws IOException {
        meta(out, telemetry.meta());
        out.writeStringField("machineId", telemetry.machineId());
        out.writeArrayFieldStart("samples");
        for (TagSample sample : telemetry.samples()) {
            out.writeStartObject();
            out.writeStringField("tag", sample.tag());
            out.writeNumberField("value", sample.value());
            optional(out, "unit", sample.unit());
            out.writeStringField("quality", sample.quality().name());
            out.writeEndObject();
        }
        out.writeEndArray();
    }

    private static void counts(JsonGenerator out, MachineCounts counts) throws IOException {
        meta(out, counts.meta());
        out.writeStringField("machineId", counts.machineId());
        out.writeNumberField("producedDelta", counts.producedDelta());
        out.writeNumberField("rejectedDelta", counts.rejectedDelta());
        out.writeNumberField("producedCounter", counts.producedCounter());
        out.writeNumberField("rejectedCounter", counts.rejectedCounter());
        out.writeBooleanField("counterReset", counts.counterReset());
        optional(out, "orderNo", counts.orderNo());
    }

    private static void state(JsonGenerator out, MachineState state) throws IOException {
        meta(out, state.meta());
        out.writeStringField("machineId", state.machineId());
        out.writeStringField("state", state.state().name());
        optional(out, "reasonCode", state.reasonCode());
        optional(out, "reasonText", state.reasonText());
    }

    private static void meta(JsonGenerator out, EventMeta meta) throws IOException {
        out.writeObjectFieldStart("meta");
        out.writeStringField("eventId", meta.eventId());
        out.writeStringField("source", meta.source());
        out.writeStringField("eventTime", DateTimeFormatter.ISO_INSTANT.format(meta.eventTime()));
        out.writeNumberField("schemaVersion", meta.schemaVersion());
        out.writeEndObject();
    }

    private static void optional(JsonGenerator out, String field, String value) throws IOException {
        if (value != null) {
            out.writeStringField(field, value);
        }
    }
}
