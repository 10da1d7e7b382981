package io.plantstream.dashboard.web;

import io.plantstream.events.CloudTopics;
import java.util.Locale;
import java.util.regex.Pattern;

/** Checks of what arrives in paths, parameters and bodies: a bad value is a 400 with the reason. */
final class Inputs {
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    private Inputs() {
    }

    static String site(String site) {
        try {
            return CloudTopics.checkSite(site);
        } catch (IllegalArgumentException e) {
            throw new BadInput("unknown site '" + shorten(site) + "'");
        }
    }

    static String id(String value, String what) {
        if (value == null || !ID.matcher(value).matches()) {
            throw new BadInput(what + " must be 1-64 letters, digits, '.', '_' or '-'");
        }
        return value;
    }

    static int range(int value, int min, int max, String what) {
        if (value < min || value > max) {
            throw new BadInput(what + " must be between " + min + " and " + max);
        }
        return value;
    }

    static <E extends Enum<E>> E enumValue(Class<E> type, String value, String what) {
        try {
            return Enum.valueOf(type, value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new BadInput("unknown " + what + " '" + shorten(value) + "'");
        }
    }

    private static String shorten(String value) {
        return value == null ? "" : value.length() > 40 ? value.substring(0, 40) + "..." : value;
    }

    /** A request the dashboard cannot take as it is. */
    static final class BadInput extends RuntimeException {
        private static final long serialVersionUID = 1L;

        BadInput(String message) {
            super(message);
        }
    }
}
