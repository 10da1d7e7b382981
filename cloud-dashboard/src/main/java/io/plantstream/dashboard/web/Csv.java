package io.plantstream.dashboard.web;

import java.util.List;
import java.util.stream.Collectors;

/**
 * CSV lines (RFC 4180: quoted when needed). A text cell that starts like a formula (=, +, -, @)
 * is prefixed with an apostrophe, so plant data opened in a spreadsheet is never executed.
 */
final class Csv {
    private Csv() {
    }

    static String line(List<?> cells) {
        return cells.stream().map(Csv::cell).collect(Collectors.joining(",")) + "\r\n";
    }

    static String cell(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof Number) {
            return value.toString();
        }
        String text = value.toString();
        if (!text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0) {
            text = "'" + text;
        }
        if (text.contains(",") || text.contains("\"") || text.contains("\n") || text.contains("\r")) {
            text = "\"" + text.replace("\"", "\"\"") + "\"";
        }
        return text;
    }
}
