package io.plantstream.bridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.plantstream.config.Config;
import io.plantstream.config.ConfigException;
import io.plantstream.config.ConfigSource;
import io.plantstream.events.Applications;
import io.plantstream.events.Topic;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MirrorSettingsTest {

    private static Config config(Map<String, String> extra) {
        Map<String, String> values = new HashMap<>(Map.of(
                "site", "plant-a",
                "edge.kafka.bootstrap.servers", "edge:9093",
                "cloud.kafka.bootstrap.servers", "cloud:9093"));
        values.putAll(extra);
        return BridgeConfig.CATALOGUE.resolve(ConfigSource.of(values, "test"));
    }

    @Test
    void uplinkCarriesExactlyWhatTheBridgeMayReadAtTheEdge() {
        Map<String, String> mm2 = MirrorSettings.of(config(Map.of()));
        List<String> patterns = Arrays.asList(mm2.get("plant-a->cloud.topics").split(","));
        List<String> expected = Applications.CLOUD_BRIDGE.reads().stream().map(Topic::name)
                .map(name -> name.replace(".", "\\.")).toList();
        assertThat(patterns).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(mm2).containsEntry("plant-a->cloud.enabled", "true")
                .containsEntry("plant-a->cloud.emit.checkpoints.enabled", "true")
                .containsEntry("plant-a->cloud.sync.group.offsets.enabled", "true")
                .containsEntry("plant-a->cloud.sync.topic.acls.enabled", "false");
    }

    @Test
    void aWorkerThatLostItsGroupTakesItsTasksBackAtOnce() {
        Map<String, String> mm2 = MirrorSettings.of(config(Map.of()));
        assertThat(mm2).containsEntry("plant-a.scheduled.rebalance.max.delay.ms", "0")
                .containsEntry("cloud.scheduled.rebalance.max.delay.ms", "0")
                .containsEntry("plant-a->cloud.admin.timeout.ms", "15000");
    }

    @Test
    void downlinkCarriesOnlyTheSitesCommandsIntoTheEdgeCommandTopic() {
        Map<String, String> mm2 = MirrorSettings.of(config(Map.of()));
        assertThat(mm2).containsEntry("cloud->plant-a.topics", "plant-a\\.job\\.commands\\.v1")
                .containsEntry("cloud->plant-a.replication.policy.class", DownlinkReplicationPolicy.class.getName())
                .containsEntry("cloud->plant-a.groups.exclude", ".*")
                .containsEntry("cloud->plant-a.sync.topic.configs.enabled", "false")
                .containsEntry("cloud->plant-a.sync.group.offsets.enabled", "false")
                .containsEntry("cloud->plant-a.offset-syncs.topic.location", "target");
    }

    @Test
    void eachClusterGetsItsOwnCredentialsAndTheBridgesNamesInTheCloudStartWithTheSite() throws Exception {
        java.nio.file.Path secret = java.nio.file.Files.createTempFile("cloud", ".password");
        java.nio.file.Files.writeString(secret, "s3cret\n");
        Map<String, String> mm2 = MirrorSettings.of(config(Map.of(
                "cloud.kafka.security.protocol", "SASL_SSL",
                "cloud.kafka.sasl.username", "plant-a-bridge",
                "cloud.kafka.sasl.password.file", secret.toString())));
        assertThat(mm2).containsEntry("cloud.security.protocol", "SASL_SSL")
                .containsEntry("cloud.sasl.mechanism", "SCRAM-SHA-512")
                .doesNotContainKey("plant-a.security.protocol");
        assertThat(mm2.get("cloud.sasl.jaas.config")).contains("username=\"plant-a-bridge\"", "password=\"s3cret\"");
        assertThat(List.of(mm2.get("cloud.group.id"), mm2.get("cloud.config.storage.topic"),
                mm2.get("cloud.offset.storage.topic"), mm2.get("cloud.status.storage.topic")))
                .allMatch(name -> name.startsWith("plant-a."));
        assertThat(mm2.get("plant-a.group.id")).startsWith(Applications.CLOUD_BRIDGE.groupPrefix());
    }

    @Test
    void aSiteAliasThatCannotPrefixTopicsIsRefusedBeforeAnythingStarts() {
        assertThatThrownBy(() -> config(Map.of("site", "Plant.A")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("site")
                .hasMessageContaining("no dots");
    }

    @Test
    void theSiteAndTheCloudNeedDifferentAliases() {
        assertThatThrownBy(() -> MirrorSettings.of(config(Map.of("cloud.alias", "plant-a"))))
                .hasMessageContaining("must differ");
    }

    @Test
    void aSecuredClusterWithoutPasswordIsNamedInTheError() {
        assertThatThrownBy(() -> MirrorSettings.of(config(Map.of("edge.kafka.security.protocol", "SASL_SSL",
                "edge.kafka.sasl.username", "cloud-bridge"))))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("edge.kafka.sasl.password");
    }
}
