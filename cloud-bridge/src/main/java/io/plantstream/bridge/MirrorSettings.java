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
 * job.commands.v1 by {@link DownlinkReplicationPolicy}; no consumer-group checkpoints. Each flow
 * writes heartbeats into its target ({@code heartbeats} in the cloud, {@code mm2-heartbeats} at
 * the edge), so each side can see the link is alive.</li>
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

        uplink(site, edgeRf, cloudRf, seconds).forEach((key, value) -> mm2.put(site + "->" + cloud + "." + key, value));
        downlink(site, edgeRf, cloudRf, seconds).forEach((key, value) -> mm2.put(cloud + "->" + site + "." + key, value));
        return mm2;
    }

    /**
     * The uplink's connector settings (edge to cloud), without the flow prefix. The Strimzi
     * KafkaMirrorMaker2 resources are rendered from the same settings.
     */
    public static Map<String, String> uplink(String site, String edgeRf, String cloudRf, String seconds) {
        Map<String, String> up = new TreeMap<>();
        up.put("enabled", "true");
        up.put("topics", names(Applications.CLOUD_BRIDGE.reads().stream().map(Topic::name).toList()));
        up.put("replication.factor", cloudRf);
        up.put("sync.topic.configs.enabled", "true");
        up.put("sync.topic.acls.enabled", "false");
        up.put("emit.heartbeats.enabled", "true");
        up.put("emit.checkpoints.enabled", "true");
        up.put("sync.group.offsets.enabled", "true");
        up.put("groups.exclude", PLATFORM_GROUPS);
        up.put("heartbeats.topic.replication.factor", cloudRf);
        up.put("checkpoints.topic.replication.factor", cloudRf);
        up.put("offset-syncs.topic.replication.factor", edgeRf);
        intervals(up, seconds);
        return up;
    }

    /**
     * The downlink's connector settings (cloud to edge), without the flow prefix: the site's
     * command topic only; no consumer moves from the cloud to the edge, so the checkpoint
     * connector follows no group. Its heartbeats, checkpoints and offset syncs are kept at the
     * edge under names starting with {@code mm2-} ({@link DownlinkReplicationPolicy}), so that
     * there it needs nothing beyond the {@code cloud-bridge} KafkaUser's rights.
     */
    public static Map<String, String> downlink(String site, String edgeRf, String cloudRf, String seconds) {
        Map<String, String> down = new TreeMap<>();
        down.put("enabled", "true");
        down.put("topics", names(List.of(CloudTopics.commands(site))));
        down.put("replication.policy.class", DownlinkReplicationPolicy.class.getName());
        down.put("replication.factor", edgeRf);
        down.put("sync.topic.configs.enabled", "false");
        down.put("sync.topic.acls.enabled", "false");
        down.put("sync.group.offsets.enabled", "false");
        down.put("groups.exclude", ".*");
        down.put("offset-syncs.topic.location", "target");
        down.put("offset-syncs.topic.replication.factor", edgeRf);
        down.put("heartbeats.topic.replication.factor", edgeRf);
        down.put("checkpoints.topic.replication.factor", edgeRf);
        intervals(down, seconds);
        return down;
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

    private static void intervals(Map<String, String> flow, String seconds) {
        // calls to a cluster that is away give up after 15 s, so a flow stops quickly when the link is cut
        flow.put("admin.timeout.ms", "15000");
        flow.put("refresh.topics.interval.seconds", seconds);
        flow.put("refresh.groups.interval.seconds", seconds);
        flow.put("emit.checkpoints.interval.seconds", seconds);
        flow.put("sync.group.offsets.interval.seconds", seconds);
    }

    /** Exact topic names as MirrorMaker's comma-separated regular expressions. */
    private static String names(List<String> topics) {
        return topics.stream().map(name -> name.replace(".", "\\.")).collect(Collectors.joining(","));
    }
}
