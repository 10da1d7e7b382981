package io.plantstream.events.serde;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.core.util.BufferRecycler;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import io.plantstream.events.EventMeta;
import io.plantstream.events.MachineCounts;
import io.plantstream.events.MachineState;
import io.plantstream.events.MachineTelemetry;
import io.plantstream.events.TagSample;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Writes the events collectors write with every read of a machine (telemetry, counts, states)
 * straight through Jackson's streaming generator: the bytes the contract's mapper writes (same
 * fields in the same order, nulls left out, the same escaping and number forms), without its
 * per-field reflection. Field names, and the texts that repeat from event to event (a machine's
 * id and source, its tag names and units, qualities and states), are written from their encoded
 * form, and the date and time of an event time from that of the second before.
 */
final class StreamingWriter<T> {
    @FunctionalInterface
    private interface Fields<T> {
        void write(JsonGenerator out, T value) throws IOException;
    }

    private static final SerializedString META = new SerializedString("meta");
    private static final SerializedString EVENT_ID = new SerializedString("eventId");
    private static final SerializedString SOURCE = new SerializedString("source");
    private static final SerializedString EVENT_TIME = new SerializedString("eventTime");
    private static final SerializedString SCHEMA_VERSION = new SerializedString("schemaVersion");
    private static final SerializedString MACHINE_ID = new SerializedString("machineId");
    private static final SerializedString SAMPLES = new SerializedString("samples");
    private static final SerializedString TAG = new SerializedString("tag");
    private static final SerializedString VALUE = new SerializedString("value");
    private static final SerializedString UNIT = new SerializedString("unit");
    private static final SerializedString QUALITY = new SerializedString("quality");
    private static final SerializedString STATE = new SerializedString("state");
    /** Texts that repeat, encoded once; beyond this many they are encoded each time. */
    private static final int MAX_ENCODED = 10_000;
    private static final ConcurrentHashMap<String, SerializedString> ENCODED = new ConcurrentHashMap<>();
    /** Marks a text the generator writes each time. */
    private static final SerializedString AS_IT_COMES = new SerializedString("");
    private static volatile Second lastSecond = new Second(Long.MIN_VALUE, "");

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
        // the builder's block goes back to the thread's recycler (closing the builder does not do that)
        BufferRecycler recycler = factory._getBufferRecycler();
        try (ByteArrayBuilder bytes = new ByteArrayBuilder(recycler)) {
            try (JsonGenerator out = factory.createGenerator(bytes)) {
                out.writeStartObject();
                fields.write(out, value);
                out.writeEndObject();
            }
            return bytes.getClearAndRelease();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + value.getClass().getSimpleName(), e);
        } finally {
            recycler.releaseToPool();
        }
    }

    private static void telemetry(JsonGenerator out, MachineTelemetry telemetry) throws IOException {
        meta(out, telemetry.meta());
        repeated(out, MACHINE_ID, telemetry.machineId());
        out.writeFieldName(SAMPLES);
        out.writeStartArray();
        for (TagSample sample : telemetry.samples()) {
            out.writeStartObject();
            repeated(out, TAG, sample.tag());
            out.writeFieldName(VALUE);
            number(out, sample.value());
            if (sample.unit() != null) {
                repeated(out, UNIT, sample.unit());
            }
            repeated(out, QUALITY, sample.quality().name());
            out.writeEndObject();
        }
        out.writeEndArray();
    }

    private static void counts(JsonGenerator out, MachineCounts counts) throws IOException {
        meta(out, counts.meta());
        repeated(out, MACHINE_ID, counts.machineId());
        out.writeNumberField("producedDelta", counts.producedDelta());
        out.writeNumberField("rejectedDelta", counts.rejectedDelta());
        out.writeNumberField("producedCounter", counts.producedCounter());
        out.writeNumberField("rejectedCounter", counts.rejectedCounter());
        out.writeBooleanField("counterReset", counts.counterReset());
        optional(out, "orderNo", counts.orderNo());
    }

    private static void state(JsonGenerator out, MachineState state) throws IOException {
        meta(out, state.meta());
        repeated(out, MACHINE_ID, state.machineId());
        repeated(out, STATE, state.state().name());
        optional(out, "reasonCode", state.reasonCode());
        optional(out, "reasonText", state.reasonText());
    }

    private static void meta(JsonGenerator out, EventMeta meta) throws IOException {
        out.writeFieldName(META);
        out.writeStartObject();
        out.writeFieldName(EVENT_ID);
        out.writeString(meta.eventId());
        repeated(out, SOURCE, meta.source());
        out.writeFieldName(EVENT_TIME);
        out.writeString(isoInstant(meta.eventTime()));
        out.writeFieldName(SCHEMA_VERSION);
        out.writeNumber(meta.schemaVersion());
        out.writeEndObject();
    }

    /**
     * A double as the generator writes it; a whole number below ten million (a register, a count,
     * a set point) without the general conversion: its digits and ".0".
     */
    private static void number(JsonGenerator out, double value) throws IOException {
        long whole = (long) value;
        if (whole == value && whole > -10_000_000L && whole < 10_000_000L && !(whole == 0 && 1 / value < 0)) {
            out.writeNumber(whole + ".0");
        } else {
            out.writeNumber(value);
        }
    }

    /** A field whose text repeats from event to event, written from its encoded form. */
    private static void repeated(JsonGenerator out, SerializableString field, String text) throws IOException {
        out.writeFieldName(field);
        SerializedString encoded = ENCODED.get(text);
        if (encoded == null && ENCODED.size() < MAX_ENCODED) {
            encoded = ENCODED.computeIfAbsent(text, t -> encodedAlike(t) ? new SerializedString(t) : AS_IT_COMES);
        }
        if (encoded == null || encoded == AS_IT_COMES) {
            out.writeString(text);
        } else {
            out.writeString(encoded);
        }
    }

    /**
     * Whether the encoded form is what the generator writes: it escapes the halves of a character
     * beyond the basic plane where the encoded form holds it as UTF-8; quotes, backslashes and
     * control characters are left to the generator too.
     */
    private static boolean encodedAlike(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c == '"' || c == '\\' || Character.isSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    /**
     * What {@link DateTimeFormatter#ISO_INSTANT} writes: the second's date and time as it wrote
     * them for the second before (events of one read share their second), the fraction in groups
     * of three digits as needed.
     */
    static String isoInstant(Instant instant) {
        Second second = lastSecond;
        if (second.epochSecond() != instant.getEpochSecond()) {
            String whole = DateTimeFormatter.ISO_INSTANT.format(Instant.ofEpochSecond(instant.getEpochSecond()));
            second = new Second(instant.getEpochSecond(), whole.substring(0, whole.length() - 1));
            lastSecond = second;
        }
        int nanos = instant.getNano();
        if (nanos == 0) {
            return second.text() + 'Z';
        }
        int digits = nanos % 1_000_000 == 0 ? 3 : nanos % 1_000 == 0 ? 6 : 9;
        String fraction = Integer.toString(digits == 3 ? nanos / 1_000_000 : digits == 6 ? nanos / 1_000 : nanos);
        StringBuilder text = new StringBuilder(second.text().length() + 11).append(second.text()).append('.');
        for (int i = fraction.length(); i < digits; i++) {
            text.append('0');
        }
        return text.append(fraction).append('Z').toString();
    }

    /** A second since the epoch and its date and time as ISO-8601 writes them, without the zone. */
    private record Second(long epochSecond, String text) {
    }

    private static void optional(JsonGenerator out, String field, String value) throws IOException {
        if (value != null) {
            out.writeStringField(field, value);
        }
    }
}
