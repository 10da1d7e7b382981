package io.plantstream.events.serde;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class InstantTextTest {
    /** The contract's mapper with the standard instant reader alone, as before. */
    private static final ObjectMapper STANDARD = EventJson.create(false);

    @Test
    void theQuickPathReadsWhatTheIsoParserReadsForEveryFractionLength() {
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 20_000; i++) {
            Instant instant = Instant.ofEpochSecond(random.nextLong(-62_000_000_000L, 250_000_000_000L),
                    random.nextInt(1_000_000_000));
            String full = DateTimeFormatter.ISO_INSTANT.format(instant);
            for (String text : List.of(full, trimFraction(full, i % 10))) {
                Instant expected = Instant.parse(text);
                assertThat(InstantText.parse(text)).as(text).isEqualTo(expected);
            }
        }
        assertThat(InstantText.parse("2024-02-29T23:59:59.999999999Z"))
                .isEqualTo(Instant.parse("2024-02-29T23:59:59.999999999Z"));
    }

    @Test
    void everyOtherShapeIsLeftToTheStandardReaderWithTheSameOutcome() throws Exception {
        List<String> odd = List.of("\"2026-03-29T01:30:00+01:00\"", "\"2026-02-30T06:00:00Z\"",
                "\"2025-02-29T06:00:00Z\"", "\"2026-03-02T24:00:00Z\"", "\"2016-12-31T23:59:60Z\"",
                "\"2026-03-02T06:00:00.Z\"", "\"2026-03-02T06:00:00.1234567890Z\"", "\"2026-03-02 06:00:00Z\"",
                "\"2026-3-02T06:00:00Z\"", "\"+12026-03-02T06:00:00Z\"", "\"2026-03-02T06:00:00z\"", "\"\"",
                "\"yesterday\"", "null", "\"2026-03-02T06:00:00.5Z\"", "1700000000", "1700000000.5",
                "\"2026-03-02T06:00:0aZ\"", "\"2026-13-02T06:00:00Z\"", "\"2026-00-02T06:00:00Z\"",
                "\"2026-03-00T06:00:00Z\"");
        ObjectMapper contract = EventJson.mapper();
        for (String json : odd) {
            assertThat(outcome(contract, json)).as(json).isEqualTo(outcome(STANDARD, json));
        }
        assertThat(InstantText.parse("2026-02-30T06:00:00Z")).isNull();
        assertThat(InstantText.parse("2016-12-31T23:59:60Z")).isNull();
    }

    private static String outcome(ObjectMapper mapper, String json) {
        try {
            return "value " + mapper.readValue(json, Instant.class);
        } catch (Exception e) {
            return "refused";
        }
    }

    private static String trimFraction(String iso, int digits) {
        int dot = iso.indexOf('.');
        String base = dot < 0 ? iso.substring(0, iso.length() - 1) : iso.substring(0, dot);
        String fraction = dot < 0 ? "" : iso.substring(dot + 1, iso.length() - 1);
        fraction = (fraction + "000000000").substring(0, digits);
        return base + (digits == 0 ? "" : "." + fraction) + "Z";
    }
}
