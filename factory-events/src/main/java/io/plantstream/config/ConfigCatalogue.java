package io.plantstream.config;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The settings a module understands. {@link #resolve} checks a source against all of them at
 * once: unknown keys, missing required keys and unparsable values are reported together, with
 * where each came from, before anything connects anywhere.
 */
public final class ConfigCatalogue {
    private final String module;
    private final String environmentPrefix;
    private final Map<String, Setting<?>> settings = new LinkedHashMap<>();

    /**
     * @param environmentPrefix prefix of the environment variables, e.g. {@code PLANT_} makes
     *     {@code data.dir} readable from {@code PLANT_DATA_DIR}
     */
    public ConfigCatalogue(String module, String environmentPrefix, List<Setting<?>> settings) {
        this.module = module;
        this.environmentPrefix = environmentPrefix;
        for (Setting<?> setting : settings) {
            if (this.settings.put(setting.name(), setting) != null) {
                throw new IllegalArgumentException(module + ": setting " + setting.name() + " declared twice");
            }
        }
    }

    public Iterable<Setting<?>> settings() {
        return settings.values();
    }

    /** What the names of the module's environment variables start with, e.g. {@code COLLECTOR_}. */
    public String environmentPrefix() {
        return environmentPrefix;
    }

    /** The environment variable that sets a key. */
    public String environmentName(String key) {
        return environmentPrefix + key.toUpperCase(java.util.Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    public Config resolve(ConfigSource source) {
        List<String> problems = new ArrayList<>();
        Map<String, Object> values = new HashMap<>();
        Map<String, String> origins = new HashMap<>();
        source.values().forEach((key, raw) -> {
            Setting<?> setting = settings.get(key);
            if (setting == null) {
                problems.add(source.origin(key) + ": unknown setting '" + key + "'" + suggestion(key));
                return;
            }
            try {
                values.put(key, setting.parser().apply(raw));
                origins.put(key, source.origin(key));
            } catch (RuntimeException e) {
                problems.add(source.origin(key) + ": " + key + " = '" + (setting.secret() ? "****" : raw)
                        + "' " + reason(e) + " (expected " + setting.type() + ")");
            }
        });
        for (Setting<?> setting : settings.values()) {
            if (!values.containsKey(setting.name()) && !source.values().containsKey(setting.name())) {
                if (setting.required()) {
                    problems.add("missing required setting '" + setting.name() + "' (" + setting.doc()
                            + "; environment variable " + environmentName(setting.name()) + ")");
                } else {
                    values.put(setting.name(), setting.defaultValue());
                    origins.put(setting.name(), "default");
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(module, problems);
        }
        return new Config(settings, values, origins);
    }

    /** One line per setting: name, type, default, doc. For --help. */
    public String help() {
        StringBuilder text = new StringBuilder();
        for (Setting<?> s : settings.values()) {
            text.append("  --").append(s.name()).append("=<").append(s.type()).append(">")
                    .append(System.lineSeparator()).append("      ").append(s.doc())
                    .append(" [").append(s.required() ? "required" : "default: " + s.defaultValue())
                    .append("; env ").append(environmentName(s.name())).append("]")
                    .append(System.lineSeparator());
        }
        return text.toString();
    }

    private String suggestion(String key) {
        return settings.keySet().stream()
                .filter(name -> name.endsWith(key) || key.endsWith(name) || name.replace(".", "").equals(key.replace(".", ""))
                        || distance(name, key) <= Math.min(2, key.length() / 5))
                .findFirst().map(name -> " (did you mean '" + name + "'?)").orElse("");
    }

    /** Edits (insert, delete, replace one character) between two keys: a plural, a swapped letter. */
    private static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int replace = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(replace, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }

    private static String reason(RuntimeException e) {
        if (e instanceof NumberFormatException) {
            return "is not a number";
        }
        return e.getMessage() == null ? "is not valid" : e.getMessage();
    }
}
