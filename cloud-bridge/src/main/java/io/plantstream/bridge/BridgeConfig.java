package io.plantstream.bridge;

import io.plantstream.config.ConfigCatalogue;
import io.plantstream.config.KafkaClientSettings;
import io.plantstream.config.Setting;
import io.plantstream.events.CloudTopics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Settings of the cloud bridge (environment prefix {@code BRIDGE_}). */
public final class BridgeConfig {

    public static final Setting<String> SITE = new Setting<>("site", "site alias", CloudTopics::checkSite, null,
            "alias of this plant; its topics arrive in the cloud as <site>.<topic>", false);
    public static final Setting<String> CLOUD_ALIAS = new Setting<>("cloud.alias", "cluster alias",
            CloudTopics::checkSite, "cloud", "alias of the cloud cluster (names the bridge's internal topics at the edge)",
            false);
    public static final KafkaClientSettings EDGE = KafkaClientSettings.forCluster("edge");
    public static final KafkaClientSettings CLOUD = KafkaClientSettings.forCluster("cloud");
    public static final Setting<Integer> EDGE_REPLICATION = Setting.integer("edge.replication.factor", 3, 1, 7,
            "replication of the bridge's internal topics on the edge cluster");
    public static final Setting<Integer> CLOUD_REPLICATION = Setting.integer("cloud.replication.factor", 3, 1, 7,
            "replication of the site's topics and the bridge's internal topics in the cloud");
    public static final Setting<Duration> SYNC_INTERVAL = Setting.duration("sync.interval", Duration.ofSeconds(10),
            "how often new topics, consumer-group checkpoints and offsets are synchronised");
    public static final Setting<Integer> HTTP_PORT = Setting.integer("http.port", 8084, 0, 65535,
            "port of the /health endpoint (0: any free port)");

    public static final ConfigCatalogue CATALOGUE = catalogue();

    private BridgeConfig() {
    }

    private static ConfigCatalogue catalogue() {
        List<Setting<?>> all = new ArrayList<>(List.of(SITE, CLOUD_ALIAS));
        all.addAll(EDGE.settings());
        all.addAll(CLOUD.settings());
        all.addAll(List.of(EDGE_REPLICATION, CLOUD_REPLICATION, SYNC_INTERVAL, HTTP_PORT));
        return new ConfigCatalogue("cloud-bridge", "BRIDGE_", all);
    }
}
