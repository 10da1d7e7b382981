package io.plantstream.events;

import java.util.Collection;

/** Field checks used by the records' constructors; each failure names the field. */
public final class Check {
    private static final int MAX_ID_LENGTH = 128;

    private Check() {
    }

    public static <T> T required(T value, String field) {
        if (value == null) {
            throw new InvalidFieldException(field, "is required");
        }
        return value;
    }

    public static String id(String value, String field) {
        required(value, field);
        if (value.isBlank()) {
            throw new InvalidFieldException(field, "must not be blank");
        }
        if (value.length() > MAX_ID_LENGTH) {
            throw new InvalidFieldException(field, "is longer than " + MAX_ID_LENGTH + " characters");
        }
        return value;
    }

    public static long nonNegative(long value, String field) {
        if (value < 0) {
            throw new InvalidFieldException(field, "must not be negative, was " + value);
        }
        return value;
    }

    public static double nonNegative(double value, String field) {
        finite(value, field);
        if (value < 0) {
            throw new InvalidFieldException(field, "must not be negative, was " + value);
        }
        return value;
    }

    public static double positive(double value, String field) {
        finite(value, field);
        if (value <= 0) {
            throw new InvalidFieldException(field, "must be positive, was " + value);
        }
        return value;
    }

    public static double finite(double value, String field) {
        if (!Double.isFinite(value)) {
            throw new InvalidFieldException(field, "must be a finite number, was " + value);
        }
        return value;
    }

    public static <C extends Collection<?>> C notEmpty(C value, String field) {
        required(value, field);
        if (value.isEmpty()) {
            throw new InvalidFieldException(field, "must not be empty");
        }
        return value;
    }
}
