package io.plantstream.strimzi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The MirrorMaker 2 resources are the cloud bridge's own flows, for the plant's cloud link. */
class MirrorManifestsTest {
    private static final Path OVERLAY = Manifests.module().resolve("overlays/plant");

    @Test
    void theRenderedResourcesAreTheCommittedOnes() throws Exception {
        assertThat(Files.readString(OVERLAY.resolve("mirror-maker-2.yaml")))
                .as("overlays/plant/mirror-maker-2.yaml is out of date: render it again with MirrorManifests")
                .isEqualTo(MirrorManifests.render(MirrorManifests.Site.read(OVERLAY.resolve("cloud.properties"))));
    }

    @Test
    void theDownlinkRunsTheImageWithTheBridgesPolicyTheUplinkStrimzisOwn() {
        Plant plant = Plant.load();
        var down = plant.find("KafkaMirrorMaker2", "downlink").orElseThrow().body().path("spec");
        var up = plant.find("KafkaMirrorMaker2", "uplink").orElseThrow().body().path("spec");
        assertThat(down.path("image").asText()).isEqualTo(MirrorManifests.IMAGE);
        assertThat(down.path("mirrors").get(0).path("sourceConnector").path("config").path("replication.policy.class")
                .asText()).isEqualTo("io.plantstream.bridge.DownlinkReplicationPolicy");
        assertThat(down.path("mirrors").get(0).path("topicsPattern").asText()).isEqualTo("plant-a\\.job\\.commands\\.v1");
        assertThat(down.path("mirrors").get(0).has("checkpointConnector")).isFalse();
        assertThat(up.has("image")).isFalse();
        assertThat(up.path("target").path("groupId").asText()).startsWith("plant-a.");
        assertThat(up.path("mirrors").get(0).path("checkpointConnector").path("config")
                .path("sync.group.offsets.enabled").asText()).isEqualTo("true");
    }

    @Test
    void aCloudLinkWithoutItsLoginIsRefusedNamingTheKey() throws Exception {
        Path broken = Files.createTempFile("cloud", ".properties");
        try {
            Files.writeString(broken, Files.readString(OVERLAY.resolve("cloud.properties")).replaceAll("(?m)^cloud\\.user=.*$", ""));
            assertThatThrownBy(() -> MirrorManifests.Site.read(broken)).hasMessage(broken + ": cloud.user is missing");
        } finally {
            Files.delete(broken);
        }
    }
}
