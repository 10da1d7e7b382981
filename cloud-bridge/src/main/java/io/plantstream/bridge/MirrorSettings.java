package io.plantstream.bridge;

import io.plantstream.config.Config;
import io.plantstream.events.Application;
import io.plantstream.events.Applications;
import io.plantstream.events.CloudTopics;
import io.plantstream.events.Topic;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The MirrorMaker 2 configuration (dedicated mode) of one site: two clusters, the edge under the
 * site alias and the cloud, and two flows.
 * <ul>
 * <li>Uplink, edge to cloud: the topics the cloud bridge may read at the edge
 * ({@link Applications#CLOUD_BRIDGE}), renamed {@code <site>.<topic>} by the default policy;
 * topic settings follow the edge; consumer-group checkpoints and offset sync on, so a consumer
 * can move from the edge copy to the cloud copy.</li>
 * <li>Downlink, cloud to edge: only the site's command topic, written into the edge's own
 * job.commands.v1 by {@link DownlinkReplicationPolicy}; no consumer-group checkpoints. Heartbeats
 * flow both ways as MirrorMaker sends them, so each side can see the link is alive.</li>
 * </ul>
 * No ACLs are copied in either direction: each cluster keeps its own rights.
 */
public final class MirrorSettings {

    /** Consumer group of the bridge's worker on the edge (its KafkaUser may use groups starting like this). */
    static final String EDGE_GROUP = Applications.CLOUD_BRIDGE.groupPrefix() + "-downlink";

    /**
     * The platform's own consumer groups never move to the cloud (their services run at the edge):
     * their positions are not copied. Any other reader of the edge topics, e.g. a plant's MES,
     * gets checkpoints and can continue on the cloud copy.
     */
    static final String PLATFORM_GROUPS = Applications.all().stream().map(Application::groupPrefix)
            .map(prefix -> Pattern.quote(prefix) + ".*").collect(Collectors.joining(", ")) + ", connect-.*, __.*";

    private MirrorSettings() {
    }

    /** Site alias of the edge cluster, cloud alias, and the MirrorMaker 2 properties for both flows. */
    public static Map<String, String> of(Config config) {
        String site = config.get(BridgeConfig.SITE);
        String cloud = config.get(BridgeConfig.CLOUD_ALIAS);
        if (site.equals(cloud)) {
            throw new IllegalArgumentException("site and cloud.alias must differ, both are '" + site + "'");
        }
        String edgeRf = Integer.toString(config.get(BridgeConfig.EDGE_REPLICATION));
        String cloudRf = Integer.toString(config.get(BridgeConfig.CLOUD_REPLICATION));
        String seconds = Long.toString(Math.max(1, config.get(BridgeConfig.SYNC_INTERVAL).toSeconds()));

        Map<String, String> mm2 = new TreeMap<>();
        mm2.put("clusters", site + ", " + cloud);
        cluster(mm2, site, BridgeConfig.EDGE.properties(config), edgeRf);
        cluster(mm2, cloud, BridgeConfig.CLOUD.properties(config), cloudRf);
        // the bridge's Connect worker in each cluster: a group and internal topics its rights cover
        mm2.put(site + ".group.id", EDGE_GROUP);
        mm2.put(cloud + ".group.id", site + ".bridge");
        mm2.put(cloud + ".config.storage.topic", site + ".bridge-configs.internal");
        mm2.put(cloud + ".offset.storage.topic", site + ".bridge-offsets.internal");
        mm2.put(cloud + ".status.storage.topic", site + ".bridge-status.internal");

        String up = site + "->" + cloud + ".";
        mm2.put(up + "enabled", "true");
        mm2.put(up + "topics", names(Applications.CLOUD_BRIDGE.reads().stream().map(Topic::name).toList()));
        mm2.put(up + "replication.factor", cloudRf);
        mm2.put(up + "sync.topic.configs.enabled", "true");
        mm2.put(up + "sync.topic.acls.enabled", "false");
        mm2.put(up + "emit.heartbeats.enabled", "true");
        mm2.put(up + "emit.checkpoints.enabled", "true");
        mm2.put(up + "sync.group.offsets.enabled", "true");
        mm2.put(up + "groups.exclude", PLATFORM_GROUPS);
        mm2.put(up + "heartbeats.topic.replication.factor", cloudRf);
        mm2.put(up + "checkpoints.topic.replication.factor", cloudRf);
        mm2.put(up + "offset-syncs.topic.replication.factor", edgeRf);
        intervals(mm2, up, seconds);

        String down = cloud + "->" + site + ".";
        mm2.put(down + "enabled", "true");
        mm2.put(down + "topics", names(List.of(CloudTopics.commands(site))));
        mm2.put(down + "replication.policy.class", DownlinkReplicationPolicy.class.getName());
        mm2.put(down + "replication.factor", edgeRf);
        mm2.put(down + "sync.topic.configs.enabled", "false");
        mm2.put(down + "sync.topic.acls.enabled", "false");
        // no consumer in the cloud moves to the edge: the checkpoint connector has no group to follow
        mm2.put(down + "groups.exclude", ".*");
        mm2.put(down + "heartbeats.topic.replication.factor", edgeRf);
        mm2.put(down + "checkpoints.topic.replication.factor", edgeRf);
        mm2.put(down + "offset-syncs.topic.replication.factor", cloudRf);
        intervals(mm2, down, seconds);
        return mm2;
    }

    private static void cluster(Map<String, String> mm2, String alias, Map<String, Object> client, String rf) {
        client.forEach((key, value) -> mm2.put(alias + "." + key, String.valueOf(value)));
        mm2.put(alias + ".config.storage.replication.factor", rf);
        mm2.put(alias + ".offset.storage.replication.factor", rf);
        mm2.put(alias + ".status.storage.replication.factor", rf);
        // the worker finds the three mirror connectors through their service manifests: no class-path scan
        mm2.put(alias + ".plugin.discovery", "service_load");
        // one worker per flow: after it lost its group (a long cut link), it takes its tasks back at
        // once instead of waiting five minutes for a worker that will not come
        mm2.put(alias + ".scheduled.rebalance.max.delay.ms", "0");
    }

    private static void intervals(Map<String, String> mm2, String flow, String seconds) {
        // calls to a cluster that is away give up after 15 s, so a flow stops quickly when the link is cut
        mm2.put(flow + "admin.timeout.ms", "15000");
        mm2.put(flow + "refresh.topics.interval.seconds", seconds);
        mm2.put(flow + "refresh.groups.interval.seconds", seconds);
        mm2.put(flow + "emit.checkpoints.interval.seconds", seconds);
        mm2.put(flow + "sync.group.offsets.interval.seconds", seconds);
    }

    /** Exact topic names as MirrorMaker's comma-separated regular expressions. */
    private static String names(List<String> topics) {
        return topics.stream().map(name -> name.replace(".", "\\.")).collect(Collectors.joining(","));
    }
}
