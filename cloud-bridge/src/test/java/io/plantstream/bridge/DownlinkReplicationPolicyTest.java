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
    void theDownlinksHeartbeatsStayInsideTheBridgesInternalTopicsAtTheEdge() {
        DownlinkReplicationPolicy policy = policy();
        assertThat(policy.heartbeatsTopic()).isEqualTo("mm2-heartbeats")
                .startsWith(io.plantstream.events.Applications.CLOUD_BRIDGE.internalPrefix());
        assertThat(policy.isHeartbeatsTopic("mm2-heartbeats")).isTrue();
        assertThat(policy.isHeartbeatsTopic("heartbeats")).as("the cloud's own heartbeats are not carried down").isFalse();
        assertThat(policy.checkpointsTopic("cloud")).isEqualTo("mm2-cloud.checkpoints.internal");
        assertThat(policy.offsetSyncsTopic("cloud")).as("apart from the uplink's mm2-offset-syncs.cloud.internal")
                .isEqualTo("mm2-downlink-offset-syncs.cloud.internal");
        assertThat(policy.isInternalTopic("mm2-downlink-offset-syncs.cloud.internal")).isTrue();
        assertThat(policy.isCheckpointsTopic("mm2-cloud.checkpoints.internal")).isTrue();
    }

    @Test
    void theClassNeedsNothingButKafkasOwnJars() throws Exception {
        // as in a Strimzi MirrorMaker 2 image: Kafka's jars (and their logging API) plus this module's jar
        java.net.URL kafkaMirrorClient = location(org.apache.kafka.connect.mirror.ReplicationPolicy.class);
        java.net.URL kafkaClients = location(org.apache.kafka.common.Configurable.class);
        java.net.URL logging = location(org.slf4j.Logger.class);
        java.net.URL bridge = location(DownlinkReplicationPolicy.class);
        try (java.net.URLClassLoader kafka = new java.net.URLClassLoader(new java.net.URL[] {kafkaMirrorClient,
                kafkaClients, logging}, ClassLoader.getPlatformClassLoader());
                java.net.URLClassLoader image = new java.net.URLClassLoader(new java.net.URL[] {bridge}, kafka)) {
            Class<?> type = image.loadClass(DownlinkReplicationPolicy.class.getName());
            Object policy = type.getConstructor().newInstance();
            type.getMethod("configure", Map.class).invoke(policy, Map.of("target.cluster.alias", "plant-a"));
            assertThat(type.getMethod("formatRemoteTopic", String.class, String.class)
                    .invoke(policy, "cloud", "plant-a.job.commands.v1")).isEqualTo("job.commands.v1");
        }
    }

    private static java.net.URL location(Class<?> type) {
        return type.getProtectionDomain().getCodeSource().getLocation();
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
