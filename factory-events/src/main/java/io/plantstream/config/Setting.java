package io.plantstream.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Function;

/**
 * One configuration key, declared once: name, type (as a parser), default, one line of
 * documentation, and whether it is a secret (masked whenever configuration is shown).
 *
 * @param defaultValue null for a required key
 */
public record Setting<T>(String name, String type, Function<String, T> parser, T defaultValue, String doc,
        boolean secret) {

    public Setting {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(parser, "parser");
        Objects.requireNonNull(doc, "doc");
    }

    public static Setting<String> text(String name, String defaultValue, String doc) {
        return new Setting<>(name, "text", value -> value, defaultValue, doc, false);
    }

    /** A secret: never logged, never defaulted. */
    public static Setting<String> secret(String name, String doc) {
        return new Setting<>(name, "secret", value -> value, null, doc, true);
    }

    public static Setting<Integer> integer(String name, Integer defaultValue, int min, int max, String doc) {
        return new Setting<>(name, "integer " + min + ".." + max, value -> {
            int parsed = Integer.parseInt(value.strip());
            if (parsed < min || parsed > max) {
                throw new IllegalArgumentException("must be between " + min + " and " + max);
            }
            return parsed;
        }, defaultValue, doc, false);
    }

    public static Setting<Boolean> flag(String name, boolean defaultValue, String doc) {
        return new Setting<>(name, "true|false", value -> switch (value.strip().toLowerCase(java.util.Locale.ROOT)) {
            case "true", "yes", "1" -> true;
            case "false", "no", "0" -> false;
            default -> throw new IllegalArgumentException("must be true or false");
        }, defaultValue, doc, false);
    }

    public static Setting<Duration> duration(String name, Duration defaultValue, String doc) {
        return new Setting<>(name, "duration (ISO-8601 like PT30S, or 500ms, 30s, 5m, 2h)", Durations::parse,
                defaultValue, doc, false);
    }

    public static Setting<Path> path(String name, Path defaultValue, String doc) {
        return new Setting<>(name, "path", Path::of, defaultValue, doc, false);
    }

    public boolean required() {
        return defaultValue == null;
    }
}
