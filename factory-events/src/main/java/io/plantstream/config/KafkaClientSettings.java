package io.plantstream.config;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How a service reaches one Kafka cluster: plaintext for a local plant, or TLS with
 * SCRAM-SHA-512 (the Strimzi path). Passwords come from the environment or from files (mounted
 * Secrets), never from defaults. Most services talk to one cluster under the keys
 * {@code kafka.*} ({@link #BOOTSTRAP} and friends); a service that talks to two (the cloud
 * bridge) declares one set per cluster with {@link #forCluster}.
 */
public final class KafkaClientSettings {
    private static final KafkaClientSettings DEFAULT = new KafkaClientSettings("kafka.", "Kafka");

    public static final Setting<String> BOOTSTRAP = DEFAULT.bootstrap;
    public static final Setting<String> PROTOCOL = DEFAULT.protocol;
    public static final Setting<String> USERNAME = DEFAULT.username;
    public static final Setting<String> PASSWORD = DEFAULT.password;
    public static final Setting<String> PASSWORD_FILE = DEFAULT.passwordFile;
    public static final Setting<String> TRUSTSTORE = DEFAULT.truststore;
    public static final Setting<String> TRUSTSTORE_PASSWORD = DEFAULT.truststorePassword;

    /** The settings to add to a module's catalogue. */
    public static final List<Setting<?>> ALL = DEFAULT.settings();

    private final String cluster;
    private final Setting<String> bootstrap;
    private final Setting<String> protocol;
    private final Setting<String> username;
    private final Setting<String> password;
    private final Setting<String> passwordFile;
    private final Setting<String> truststore;
    private final Setting<String> truststorePassword;

    private KafkaClientSettings(String prefix, String cluster) {
        this.cluster = cluster;
        bootstrap = Setting.text(prefix + "bootstrap.servers", null, cluster + " bootstrap servers, host:port[,host:port]");
        protocol = new Setting<>(prefix + "security.protocol", "PLAINTEXT|SASL_SSL", value -> {
            String upper = value.strip().toUpperCase(Locale.ROOT);
            if (!upper.equals("PLAINTEXT") && !upper.equals("SASL_SSL")) {
                throw new IllegalArgumentException("must be PLAINTEXT or SASL_SSL");
            }
            return upper;
        }, "PLAINTEXT", cluster + ": PLAINTEXT on a closed local network, SASL_SSL (TLS + SCRAM) everywhere else", false);
        username = Setting.text(prefix + "sasl.username", "", cluster + " SCRAM user (SASL_SSL only)");
        password = new Setting<>(prefix + "sasl.password", "secret", v -> v, "",
                cluster + " SCRAM password (SASL_SSL only); prefer " + prefix + "sasl.password.file", true);
        passwordFile = Setting.text(prefix + "sasl.password.file", "",
                "file holding the " + cluster + " SCRAM password, e.g. a mounted Secret");
        truststore = Setting.text(prefix + "ssl.truststore.location", "",
                "PKCS12 trust store with the " + cluster + " cluster CA (SASL_SSL only)");
        truststorePassword = new Setting<>(prefix + "ssl.truststore.password", "secret", v -> v, "",
                "password of the " + cluster + " trust store", true);
    }

    /**
     * The settings of one named cluster, e.g. {@code forCluster("edge")} declares
     * {@code edge.kafka.bootstrap.servers}, {@code edge.kafka.security.protocol} and so on.
     */
    public static KafkaClientSettings forCluster(String name) {
        return new KafkaClientSettings(name + ".kafka.", "the " + name + " Kafka");
    }

    /** This cluster's settings, to add to a module's catalogue. */
    public List<Setting<?>> settings() {
        return List.of(bootstrap, protocol, username, password, passwordFile, truststore, truststorePassword);
    }

    /** Client properties from validated configuration (the {@code kafka.*} keys). */
    public static Map<String, Object> clientProperties(Config config) {
        return DEFAULT.properties(config);
    }

    /** Client properties of this cluster from validated configuration; fails with every missing piece named. */
    public Map<String, Object> properties(Config config) {
        Map<String, Object> props = new HashMap<>();
        props.put("bootstrap.servers", config.get(bootstrap));
        if (config.get(protocol).equals("PLAINTEXT")) {
            return props;
        }
        String secret = config.secret(password, passwordFile);
        List<String> missing = new ArrayList<>();
        if (config.get(username).isBlank()) {
            missing.add(username.name() + " is required with SASL_SSL");
        }
        if (secret.isBlank()) {
            missing.add(password.name() + " or " + passwordFile.name() + " is required with SASL_SSL");
        }
        if (!missing.isEmpty()) {
            throw new ConfigException(cluster + " client", missing);
        }
        props.put("security.protocol", "SASL_SSL");
        props.put("sasl.mechanism", "SCRAM-SHA-512");
        props.put("sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required username=\""
                + config.get(username) + "\" password=\"" + secret.replace("\"", "\\\"") + "\";");
        if (!config.get(truststore).isBlank()) {
            props.put("ssl.truststore.type", "PKCS12");
            props.put("ssl.truststore.location", config.get(truststore));
            props.put("ssl.truststore.password", config.get(truststorePassword));
        }
        return props;
    }
}
