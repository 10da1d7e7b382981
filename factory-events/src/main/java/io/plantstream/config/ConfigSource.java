package io.plantstream.config;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Raw key/value text plus where each value came from (a file and line, an environment
 * variable, a command-line argument), so problems can say where to look.
 */
public final class ConfigSource {
    private final Map<String, String> values = new LinkedHashMap<>();
    private final Map<String, String> origins = new LinkedHashMap<>();

    public ConfigSource put(String key, String value, String origin) {
        values.put(Objects.requireNonNull(key), Objects.requireNonNull(value));
        origins.put(key, Objects.requireNonNull(origin));
        return this;
    }

    /** Literal values, e.g. in tests. */
    public static ConfigSource of(Map<String, String> literal, String origin) {
        ConfigSource source = new ConfigSource();
        literal.forEach((k, v) -> source.put(k, v, origin));
        return source;
    }

    /**
     * Environment variables for the catalogue's keys (see {@link ConfigCatalogue#environmentName});
     * values given already, e.g. on the command line, win. A variable with the catalogue's prefix
     * that names no setting (a misspelt {@code COLLECTOR_KAFKA_BOOTSTRAP_SERVER}) is kept as an
     * unknown key, so that resolving reports it instead of running on the default.
     */
    public ConfigSource withEnvironment(ConfigCatalogue catalogue, Map<String, String> environment) {
        java.util.Set<String> known = new java.util.HashSet<>();
        for (Setting<?> setting : catalogue.settings()) {
            String variable = catalogue.environmentName(setting.name());
            known.add(variable);
            String value = environment.get(variable);
            if (value != null && !values.containsKey(setting.name())) {
                put(setting.name(), value, "environment variable " + variable);
            }
        }
        String prefix = catalogue.environmentPrefix();
        new java.util.TreeMap<>(environment).forEach((variable, value) -> {
            if (!prefix.isEmpty() && variable.startsWith(prefix) && !known.contains(variable)) {
                String key = variable.substring(prefix.length()).toLowerCase(java.util.Locale.ROOT).replace('_', '.');
                if (!values.containsKey(key)) {
                    put(key, value, "environment variable " + variable);
                }
            }
        });
        return this;
    }

    /** Command-line arguments of the form {@code --key=value}; {@code --flag} alone means true. */
    public ConfigSource withArguments(String[] args) {
        for (String arg : args) {
            if (!arg.startsWith("--")) {
                put("<argument>", arg, "command line");
                continue;
            }
            String body = arg.substring(2);
            int eq = body.indexOf('=');
            String key = eq < 0 ? body : body.substring(0, eq);
            put(key.replace('-', '.'), eq < 0 ? "true" : body.substring(eq + 1), "command line argument " + arg);
        }
        return this;
    }

    Map<String, String> values() {
        return values;
    }

    String origin(String key) {
        return origins.getOrDefault(key, "default");
    }
}
