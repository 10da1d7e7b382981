package io.plantstream.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class DownlinkReplicationPolicyTest {

    private static DownlinkReplicationPolicy policy() {
        DownlinkReplicationPolicy policy = new DownlinkReplicationPolicy();
        policy.configure(Map.of("source.cluster.alias", "cloud", "target.cluster.alias", "plant-a"));
        return policy;
    }

    @Test
    void theSitesCommandTopicArrivesAsTheEdgesOwnCommandTopic() {
        assertThat(policy().formatRemoteTopic("cloud", "plant-a.job.commands.v1")).isEqualTo("job.commands.v1");
    }

    @Test
    void anotherSitesTopicKeepsItsName() {
        assertThat(policy().formatRemoteTopic("cloud", "plant-b.job.commands.v1")).isEqualTo("plant-b.job.commands.v1");
    }

    @Test
    void heartbeatsAreNamedAsMirrorMakerNamesThem() {
        assertThat(policy().formatRemoteTopic("cloud", "heartbeats")).isEqualTo("cloud.heartbeats");
    }

    @Test
    void theEdgeCommandTopicComesFromTheCloudAndIsNoCycle() {
        DownlinkReplicationPolicy policy = policy();
        // MirrorMaker calls a topic a cycle when its source is the target cluster: here it is the cloud
        assertThat(policy.topicSource("plant-a.job.commands.v1")).isEqualTo("cloud");
        assertThat(policy.upstreamTopic("job.commands.v1")).isEqualTo("plant-a.job.commands.v1");
        assertThat(policy.upstreamTopic("plant-a.job.commands.v1")).isEqualTo("plant-a.job.commands.v1");
    }

    @Test
    void withoutATargetAliasItIsTheIdentityPolicy() {
        DownlinkReplicationPolicy policy = new DownlinkReplicationPolicy();
        policy.configure(Map.of());
        assertThat(policy.formatRemoteTopic("cloud", "plant-a.job.commands.v1")).isEqualTo("plant-a.job.commands.v1");
        assertThat(policy.upstreamTopic("job.commands.v1")).isEqualTo("job.commands.v1");
    }
}
