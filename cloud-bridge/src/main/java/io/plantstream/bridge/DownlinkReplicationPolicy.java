package io.plantstream.bridge;

import java.util.Map;
import org.apache.kafka.connect.mirror.IdentityReplicationPolicy;

/**
 * Names on the way down, cloud to edge: the cloud's per-site command topic
 * ({@code <site>.job.commands.v1}) is written into the edge's own {@code job.commands.v1}, so
 * the job agent and the job-state topology read cloud commands beside the local ones without
 * knowing where they came from. The site is the flow's target cluster alias. Other topics keep
 * their names (the identity policy); heartbeats are named as MirrorMaker names them.
 * Loops cannot form: the edge's command topic is never mirrored up.
 *
 * <p>The flow's own topics at the edge (heartbeats, checkpoints, offset syncs) are named inside
 * the bridge's internal-topic rights there ({@code mm2-}), and apart from the uplink's. The class needs nothing but Kafka's own jars, so it can be added
 * to a Strimzi MirrorMaker 2 image as this one jar.
 */
public final class DownlinkReplicationPolicy extends IdentityReplicationPolicy {
    static final String TARGET_ALIAS = "target.cluster.alias";
    static final String INTERNAL = "mm2-";
    static final String HEARTBEATS = INTERNAL + "heartbeats";

    private String sitePrefix;

    @Override
    public void configure(Map<String, ?> props) {
        super.configure(props);
        Object target = props.get(TARGET_ALIAS);
        // as CloudTopics.prefix names a site's cloud topics, without needing the events module here
        sitePrefix = target == null ? null : target + ".";
    }

    @Override
    public String heartbeatsTopic() {
        return HEARTBEATS;
    }

    @Override
    public String checkpointsTopic(String clusterAlias) {
        return INTERNAL + clusterAlias + ".checkpoints.internal";
    }

    /** Not the uplink's {@code mm2-offset-syncs.cloud.internal}, which lives at the edge too. */
    @Override
    public String offsetSyncsTopic(String clusterAlias) {
        return INTERNAL + "downlink-offset-syncs." + clusterAlias + ".internal";
    }

    @Override
    public String formatRemoteTopic(String sourceClusterAlias, String topic) {
        if (sitePrefix != null && topic.startsWith(sitePrefix) && !looksLikeHeartbeats(topic)) {
            return topic.substring(sitePrefix.length());
        }
        return super.formatRemoteTopic(sourceClusterAlias, topic);
    }

    @Override
    public String upstreamTopic(String topic) {
        if (sitePrefix == null || looksLikeHeartbeats(topic) || topic.startsWith(sitePrefix)) {
            return super.upstreamTopic(topic);
        }
        return sitePrefix + topic;
    }

    /** As the identity policy tells heartbeats; the interface's own test goes through upstreamTopic and would recurse. */
    private boolean looksLikeHeartbeats(String topic) {
        return topic.endsWith(heartbeatsTopic());
    }
}
