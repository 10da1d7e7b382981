package io.plantstream.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/** Validated, typed configuration. Showing it masks secrets. */
public final class Config {
    private final Map<String, Setting<?>> settings;
    private final Map<String, Object> values;
    private final Map<String, String> origins;

    Config(Map<String, Setting<?>> settings, Map<String, Object> values, Map<String, String> origins) {
        this.settings = Map.copyOf(settings);
        this.values = new java.util.HashMap<>(values);
        this.origins = Map.copyOf(origins);
    }

    @SuppressWarnings("unchecked")
    public <T> T get(Setting<T> setting) {
        if (!settings.containsKey(setting.name())) {
            throw new IllegalArgumentException("setting " + setting.name() + " is not in this catalogue");
        }
        return (T) values.get(setting.name());
    }

    /**
     * A secret given either as a file (a mounted Secret; preferred) or literally; blank when
     * neither is set.
     */
    public String secret(Setting<String> literal, Setting<String> file) {
        String path = get(file);
        if (path == null || path.isBlank()) {
            String value = get(literal);
            return value == null ? "" : value;
        }
        try {
            return Files.readString(Path.of(path), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new ConfigException("secret", List.of(file.name() + ": cannot read " + path + ": "
                    + e.getMessage()));
        }
    }

    /** The effective configuration, one key per line with its origin; secrets masked. */
    public String describe() {
        StringJoiner lines = new StringJoiner(System.lineSeparator());
        settings.keySet().stream().sorted().forEach(name -> {
            Setting<?> setting = settings.get(name);
            Object value = values.get(name);
            lines.add("  " + name + " = " + (setting.secret() && value != null ? "****" : value)
                    + "  (" + origins.get(name) + ")");
        });
        return lines.toString();
    }
}
