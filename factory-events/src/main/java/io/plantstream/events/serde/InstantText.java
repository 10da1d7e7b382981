package io.plantstream.events.serde;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.datatype.jsr310.deser.InstantDeserializer;
import java.io.IOException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;

/**
 * Reads event times. Every event carries at least one, and the general ISO-8601 parser was a
 * tenth of the stream threads' time; the shape the platform writes ({@code
 * 2026-03-02T06:00:00Z}, with zero to nine fraction digits) is read directly, anything else (an
 * offset, a leap second, a number, a bad date) goes to the standard reader, so what is accepted
 * and what is refused stays exactly as before.
 */
final class InstantText extends StdScalarDeserializer<Instant> {
    private static final long serialVersionUID = 1L;
    private static final int[] DIGIT_AT = {0, 1, 2, 3, 5, 6, 8, 9, 11, 12, 14, 15, 17, 18};

    InstantText() {
        super(Instant.class);
    }

    @Override
    public Instant deserialize(JsonParser parser, DeserializationContext context) throws IOException {
        if (parser.currentToken() == JsonToken.VALUE_STRING) {
            Instant quick = parse(parser.getText());
            if (quick != null) {
                return quick;
            }
        }
        return InstantDeserializer.INSTANT.deserialize(parser, context);
    }

    /** The instant of {@code yyyy-MM-ddTHH:mm:ss[.f{1,9}]Z}, or null for any other text. */
    static Instant parse(String text) {
        int length = text.length();
        if (length < 20 || length > 30 || length == 21 || text.charAt(length - 1) != 'Z'
                || text.charAt(4) != '-' || text.charAt(7) != '-' || text.charAt(10) != 'T'
                || text.charAt(13) != ':' || text.charAt(16) != ':') {
            return null;
        }
        for (int at : DIGIT_AT) {
            if (!digit(text.charAt(at))) {
                return null;
            }
        }
        int nanos = 0;
        if (length > 20) {
            if (text.charAt(19) != '.') {
                return null;
            }
            for (int i = 20; i < 29; i++) {
                int d = 0;
                if (i < length - 1) {
                    char c = text.charAt(i);
                    if (!digit(c)) {
                        return null;
                    }
                    d = c - '0';
                }
                nanos = nanos * 10 + d;
            }
        }
        int year = number(text, 0, 4);
        int month = number(text, 5, 2);
        int day = number(text, 8, 2);
        int hour = number(text, 11, 2);
        int minute = number(text, 14, 2);
        int second = number(text, 17, 2);
        if (hour > 23 || minute > 59 || second > 59) {
            return null;
        }
        long epochDay;
        try {
            epochDay = LocalDate.of(year, month, day).toEpochDay();
        } catch (DateTimeException e) {
            // no such month or day: the standard reader refuses it with its own words
            return null;
        }
        return Instant.ofEpochSecond(epochDay * 86_400 + hour * 3_600L + minute * 60L + second, nanos);
    }

    private static boolean digit(char c) {
        return c >= '0' && c <= '9';
    }

    private static int number(String text, int from, int digits) {
        int value = 0;
        for (int i = from; i < from + digits; i++) {
            value = value * 10 + (text.charAt(i) - '0');
        }
        return value;
    }
}
