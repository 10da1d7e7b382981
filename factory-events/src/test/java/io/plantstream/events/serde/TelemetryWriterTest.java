package io.plantstream.events.serde;

import static org.assertj.core.api.Assertions.assertThat;

import io.plantstream.events.EventMeta;
import io.plantstream.events.MachineTelemetry;
import io.plantstream.events.SampleQuality;
import io.plantstream.events.TagSample;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TelemetryWriterTest {
    private static final TelemetryWriter WRITER = new TelemetryWriter(EventJson.mapper().getFactory());
    private static final String ODD = "aZ09 \"\\/\b\f\n\r\t\u0000\u001f\u007f\u00e9\u00df\u20ac\u2028\ud83d\ude00";

    @Test
    void writesTheBytesTheContractsMapperWrites() throws Exception {
        SplittableRandom random = new SplittableRandom(11);
        for (int i = 0; i < 5_000; i++) {
            MachineTelemetry telemetry = randomTelemetry(random);
            byte[] expected = EventJson.mapper().writerFor(MachineTelemetry.class).writeValueAsBytes(telemetry);
            assertThat(WRITER.write(telemetry)).as(new String(expected, java.nio.charset.StandardCharsets.UTF_8))
                    .isEqualTo(expected);
        }
    }

    @Test
    void theTelemetrySerdeWritesWithItAndReadsItBack() {
        MachineTelemetry telemetry = randomTelemetry(new SplittableRandom(3));
        JsonSerde<MachineTelemetry> serde = new JsonSerde<>(MachineTelemetry.class);
        byte[] bytes = serde.serialize("machine.telemetry.v1", telemetry);
        assertThat(bytes).isEqualTo(WRITER.write(telemetry));
        assertThat(serde.deserialize("machine.telemetry.v1", bytes)).isEqualTo(telemetry);
    }

    private static MachineTelemetry randomTelemetry(SplittableRandom random) {
        Instant time = Instant.ofEpochSecond(random.nextLong(0, 8_000_000_000L),
                random.nextBoolean() ? 0 : random.nextInt(1_000_000_000) / (int) Math.pow(10, random.nextInt(7)));
        EventMeta meta = new EventMeta(random.nextBoolean() ? java.util.UUID.randomUUID().toString()
                : "id-" + text(random), "collector-" + text(random), time, EventMeta.CURRENT_SCHEMA_VERSION);
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
        return switch (random.nextInt(6)) {
            case 0 -> random.nextInt(-1000, 1000);
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
