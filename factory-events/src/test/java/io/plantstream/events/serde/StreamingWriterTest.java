package io.plantstream.events.serde;

import static org.assertj.core.api.Assertions.assertThat;

import io.plantstream.events.EventMeta;
import io.plantstream.events.MachineCounts;
import io.plantstream.events.MachineState;
import io.plantstream.events.MachineStatus;
import io.plantstream.events.MachineTelemetry;
import io.plantstream.events.OeeRecord;
import io.plantstream.events.SampleQuality;
import io.plantstream.events.TagSample;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class StreamingWriterTest {
    private static final String ODD = "aZ09 \"\\/\b\f\n\r\t\u0000\u001f\u007f\u00e9\u00df\u20ac\u2028\ud83d\ude00";

    @Test
    void telemetryIsWrittenAsTheContractsMapperWritesIt() throws Exception {
        assertSameBytes(MachineTelemetry.class, StreamingWriterTest::randomTelemetry);
    }

    @Test
    void countsAreWrittenAsTheContractsMapperWritesThem() throws Exception {
        assertSameBytes(MachineCounts.class, random -> new MachineCounts(meta(random), "M" + random.nextInt(1000),
                number(random), number(random), number(random), number(random), random.nextBoolean(),
                random.nextInt(3) == 0 ? null : text(random)));
    }

    @Test
    void statesAreWrittenAsTheContractsMapperWritesThem() throws Exception {
        assertSameBytes(MachineState.class, random -> new MachineState(meta(random), "M" + random.nextInt(1000),
                MachineStatus.values()[random.nextInt(MachineStatus.values().length)],
                random.nextInt(3) == 0 ? null : text(random), random.nextInt(3) == 0 ? null : text(random)));
    }

    @Test
    void eventTimesAreWrittenAsTheIsoFormatterWritesThemInEverySecondAndEveryFractionLength() {
        SplittableRandom random = new SplittableRandom(5);
        for (int i = 0; i < 50_000; i++) {
            long second = i % 3 == 0 ? 1_764_800_000L + random.nextInt(3) : random.nextLong(-62_000_000_000L, 250_000_000_000L);
            int nanos = switch (random.nextInt(4)) {
                case 0 -> 0;
                case 1 -> random.nextInt(1000) * 1_000_000;
                case 2 -> random.nextInt(1_000_000) * 1_000;
                default -> random.nextInt(1_000_000_000);
            };
            Instant instant = Instant.ofEpochSecond(second, nanos);
            assertThat(StreamingWriter.isoInstant(instant)).isEqualTo(DateTimeFormatter.ISO_INSTANT.format(instant));
        }
    }

    @Test
    void otherEventsHaveNoStreamingWriter() {
        assertThat(StreamingWriter.forType(OeeRecord.class, EventJson.mapper().getFactory())).isNull();
    }

    @Test
    void theSerdeWritesWithItAndReadsItBack() {
        MachineTelemetry telemetry = randomTelemetry(new SplittableRandom(3));
        JsonSerde<MachineTelemetry> serde = new JsonSerde<>(MachineTelemetry.class);
        byte[] bytes = serde.serialize("machine.telemetry.v1", telemetry);
        assertThat(bytes).isEqualTo(StreamingWriter.forType(MachineTelemetry.class, EventJson.mapper().getFactory())
                .write(telemetry));
        assertThat(serde.deserialize("machine.telemetry.v1", bytes)).isEqualTo(telemetry);
    }

    private static <T> void assertSameBytes(Class<T> type, Function<SplittableRandom, T> events) throws Exception {
        StreamingWriter<T> writer = StreamingWriter.forType(type, EventJson.mapper().getFactory());
        SplittableRandom random = new SplittableRandom(11);
        for (int i = 0; i < 5_000; i++) {
            T event = events.apply(random);
            byte[] expected = EventJson.mapper().writerFor(type).writeValueAsBytes(event);
            assertThat(writer.write(event)).as(new String(expected, StandardCharsets.UTF_8)).isEqualTo(expected);
        }
    }

    private static long number(SplittableRandom random) {
        return random.nextBoolean() ? random.nextInt(100) : random.nextLong(0, Long.MAX_VALUE);
    }

    private static EventMeta meta(SplittableRandom random) {
        Instant time = Instant.ofEpochSecond(random.nextLong(0, 8_000_000_000L),
                random.nextBoolean() ? 0 : random.nextInt(1_000_000_000) / (int) Math.pow(10, random.nextInt(7)));
        return new EventMeta(random.nextBoolean() ? java.util.UUID.randomUUID().toString() : "id-" + text(random),
                "collector-" + text(random), time, EventMeta.CURRENT_SCHEMA_VERSION);
    }

    private static MachineTelemetry randomTelemetry(SplittableRandom random) {
        EventMeta meta = meta(random);
        List<TagSample> samples = new ArrayList<>();
        int count = 1 + random.nextInt(25);
        for (int i = 0; i < count; i++) {
            samples.add(new TagSample("tag-" + text(random), value(random),
                    random.nextInt(3) == 0 ? null : text(random),
                    SampleQuality.values()[random.nextInt(SampleQuality.values().length)]));
        }
        return new MachineTelemetry(meta, "M" + random.nextInt(1000), samples);
    }

    private static double value(SplittableRandom random) {
        return switch (random.nextInt(7)) {
            case 0 -> random.nextInt(-1000, 1000);
            case 6 -> random.nextLong(-20_000_000L, 20_000_000L) + (random.nextInt(10) == 0 ? 0.5 : 0);
            case 1 -> random.nextDouble() * Math.pow(10, random.nextInt(-12, 20));
            case 2 -> -random.nextDouble();
            case 3 -> Double.longBitsToDouble(random.nextLong() & 0x7fefffffffffffffL);
            case 4 -> random.nextBoolean() ? 0.0 : -0.0;
            default -> Math.round(random.nextDouble() * 100_000) / 100.0;
        };
    }

    /** Mostly plain names, sometimes quotes, control characters, non-ASCII and surrogate pairs. */
    private static String text(SplittableRandom random) {
        if (random.nextInt(4) != 0) {
            return Integer.toString(random.nextInt(100_000));
        }
        StringBuilder text = new StringBuilder();
        int length = 1 + random.nextInt(12);
        for (int i = 0; i < length; i++) {
            int at = random.nextInt(ODD.length());
            char c = ODD.charAt(at);
            if (Character.isHighSurrogate(c) && at + 1 < ODD.length()) {
                text.append(c).append(ODD.charAt(at + 1));
            } else if (!Character.isSurrogate(c)) {
                text.append(c);
            }
        }
        return text.toString();
    }
}
