package io.plantstream.config;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How every service reaches Kafka: plaintext for a local plant, or TLS with SCRAM-SHA-512 (the
 * Strimzi path). Passwords come from the environment or from files (mounted Secrets), never
 * from defaults.
 */
public final class KafkaClientSettings {
    public static final Setting<String> BOOTSTRAP = Setting.text("kafka.bootstrap.servers", null,
            "Kafka bootstrap servers, host:port[,host:port]");
    public static final Setting<String> PROTOCOL = new Setting<>("kafka.security.protocol", "PLAINTEXT|SASL_SSL",
            value -> {
                String upper = value.strip().toUpperCase(Locale.ROOT);
                if (!upper.equals("PLAINTEXT") && !upper.equals("SASL_SSL")) {
                    throw new IllegalArgumentException("must be PLAINTEXT or SASL_SSL");
                }
                return upper;
            }, "PLAINTEXT", "PLAINTEXT on a closed local network, SASL_SSL (TLS + SCRAM) everywhere else", false);
    public static final Setting<String> USERNAME = Setting.text("kafka.sasl.username", "",
            "SCRAM user (SASL_SSL only)");
    public static final Setting<String> PASSWORD = new Setting<>("kafka.sasl.password", "secret", v -> v, "",
            "SCRAM password (SASL_SSL only); prefer kafka.sasl.password.file", true);
    public static final Setting<String> PASSWORD_FILE = Setting.text("kafka.sasl.password.file", "",
            "file holding the SCRAM password, e.g. a mounted Secret");
    public static final Setting<String> TRUSTSTORE = Setting.text("kafka.ssl.truststore.location", "",
            "PKCS12 trust store with the cluster CA (SASL_SSL only)");
    public static final Setting<String> TRUSTSTORE_PASSWORD = new Setting<>("kafka.ssl.truststore.password", "secret",
            v -> v, "", "password of the trust store", true);

    /** The settings to add to a module's catalogue. */
    public static final List<Setting<?>> ALL = List.of(BOOTSTRAP, PROTOCOL, USERNAME, PASSWORD, PASSWORD_FILE,
            TRUSTSTORE, TRUSTSTORE_PASSWORD);

    private KafkaClientSettings() {
    }

    /** Client properties from validated configuration; fails with every missing piece named. */
    public static Map<String, Object> clientProperties(Config config) {
        Map<String, Object> props = new HashMap<>();
        props.put("bootstrap.servers", config.get(BOOTSTRAP));
        if (config.get(PROTOCOL).equals("PLAINTEXT")) {
            return props;
        }
        String password = config.secret(PASSWORD, PASSWORD_FILE);
        List<String> missing = new java.util.ArrayList<>();
        if (config.get(USERNAME).isBlank()) {
            missing.add("kafka.sasl.username is required with SASL_SSL");
        }
        if (password.isBlank()) {
            missing.add("kafka.sasl.password or kafka.sasl.password.file is required with SASL_SSL");
        }
        if (!missing.isEmpty()) {
            throw new ConfigException("kafka client", missing);
        }
        props.put("security.protocol", "SASL_SSL");
        props.put("sasl.mechanism", "SCRAM-SHA-512");
        props.put("sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required username=\""
                + config.get(USERNAME) + "\" password=\"" + password.replace("\"", "\\\"") + "\";");
        if (!config.get(TRUSTSTORE).isBlank()) {
            props.put("ssl.truststore.type", "PKCS12");
            props.put("ssl.truststore.location", config.get(TRUSTSTORE));
            props.put("ssl.truststore.password", config.get(TRUSTSTORE_PASSWORD));
        }
        return props;
    }
}
