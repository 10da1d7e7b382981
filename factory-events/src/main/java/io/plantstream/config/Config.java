package io.plantstream.config;

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
