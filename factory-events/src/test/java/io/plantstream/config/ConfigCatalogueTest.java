package io.plantstream.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigCatalogueTest {

    private static final Setting<Integer> PORT = Setting.integer("edge.port", 9092, 1, 65535, "edge broker port");
    private static final Setting<Duration> TIMEOUT = Setting.duration("offline.after", Duration.ofSeconds(30),
            "silence before a machine is OFFLINE");
    private static final Setting<String> PASSWORD = Setting.secret("kafka.password", "SCRAM password");
    private static final Setting<Boolean> RESET = Setting.flag("reset", false, "start from empty data");
    private static final ConfigCatalogue CATALOGUE = new ConfigCatalogue("test", "TEST_", List.of(PORT, TIMEOUT, PASSWORD, RESET));

    @Test
    void readsTypedValuesAndDefaults() {
        Config config = CATALOGUE.resolve(ConfigSource.of(Map.of("kafka.password", "s3cret", "offline.after", "5m"),
                "test"));
        assertThat(config.get(PORT)).isEqualTo(9092);
        assertThat(config.get(TIMEOUT)).isEqualTo(Duration.ofMinutes(5));
        assertThat(config.get(PASSWORD)).isEqualTo("s3cret");
        assertThat(config.get(RESET)).isFalse();
    }

    @Test
    void reportsEveryProblemAtOnceWithItsOrigin() {
        ConfigSource source = new ConfigSource()
                .put("edge.port", "99999", "plant.properties line 3")
                .put("offline.after", "soon", "plant.properties line 4")
                .put("port", "9092", "plant.properties line 5");
        assertThatThrownBy(() -> CATALOGUE.resolve(source))
                .isInstanceOf(ConfigException.class)
                .satisfies(e -> assertThat(((ConfigException) e).problems()).containsExactly(
                        "plant.properties line 3: edge.port = '99999' must be between 1 and 65535 (expected integer 1..65535)",
                        "plant.properties line 4: offline.after = 'soon' is not a duration such as 30s, 5m or PT30S "
                                + "(expected duration (ISO-8601 like PT30S, or 500ms, 30s, 5m, 2h))",
                        "plant.properties line 5: unknown setting 'port' (did you mean 'edge.port'?)",
                        "missing required setting 'kafka.password' (SCRAM password; environment variable TEST_KAFKA_PASSWORD)"));
    }

    @Test
    void secretsAreMaskedWhenShownAndInErrors() {
        Config config = CATALOGUE.resolve(ConfigSource.of(Map.of("kafka.password", "s3cret"), "test"));
        assertThat(config.describe()).contains("kafka.password = ****").doesNotContain("s3cret");
    }

    @Test
    void argumentsAndEnvironmentAreSources() {
        ConfigSource source = new ConfigSource()
                .withArguments(new String[] {"--reset", "--edge-port=19092"})
                .withEnvironment(CATALOGUE, Map.of("TEST_KAFKA_PASSWORD", "x", "TEST_EDGE_PORT", "1"));
        Config config = CATALOGUE.resolve(source);
        assertThat(config.get(RESET)).isTrue();
        assertThat(config.get(PORT)).as("the command line wins over the environment").isEqualTo(19092);
        assertThat(config.describe()).contains("(environment variable TEST_KAFKA_PASSWORD)");
    }

    @Test
    void aMisspeltEnvironmentVariableIsReportedNotIgnored() {
        ConfigSource source = new ConfigSource().withEnvironment(CATALOGUE, Map.of("TEST_KAFKA_PASSWORD", "x",
                "TEST_EDGE_PORTS", "19092", "OTHER_EDGE_PORTS", "1"));
        assertThatThrownBy(() -> CATALOGUE.resolve(source))
                .isInstanceOf(ConfigException.class)
                .satisfies(e -> assertThat(((ConfigException) e).problems()).containsExactly(
                        "environment variable TEST_EDGE_PORTS: unknown setting 'edge.ports' (did you mean 'edge.port'?)"));
    }
}
