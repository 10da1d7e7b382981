package io.plantstream.bridge;

import io.plantstream.config.Config;
import io.plantstream.config.HealthServer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.mirror.MirrorCheckpointConnector;
import org.apache.kafka.connect.mirror.MirrorHeartbeatConnector;
import org.apache.kafka.connect.mirror.MirrorMaker;
import org.apache.kafka.connect.mirror.MirrorSourceConnector;
import org.apache.kafka.connect.mirror.SourceAndTarget;
import org.apache.kafka.connect.runtime.rest.entities.ConnectorStateInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cloud bridge of one site: MirrorMaker 2 in dedicated mode in this process (plant data up
 * to the cloud, job commands down to the edge; see {@link MirrorSettings}), and its probes. It
 * keeps its positions in the clusters themselves, so a restarted bridge continues where the
 * last one stopped; records that were in flight when it died are sent again (consumers
 * deduplicate by event id).
 */
public final class CloudBridge implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CloudBridge.class);
    private static final String RUNNING = "RUNNING";

    private final MirrorMaker mirrorMaker;
    private final SourceAndTarget uplink;
    private final SourceAndTarget downlink;
    private final HealthServer health;

    private CloudBridge(MirrorMaker mirrorMaker, SourceAndTarget uplink, SourceAndTarget downlink, int httpPort) {
        this.mirrorMaker = mirrorMaker;
        this.uplink = uplink;
        this.downlink = downlink;
        this.health = HealthServer.start("cloud-bridge", httpPort,
                () -> new HealthServer.Health(running(), Map.of("flows", status())));
    }

    public static CloudBridge start(Config config) {
        String site = config.get(BridgeConfig.SITE);
        String cloud = config.get(BridgeConfig.CLOUD_ALIAS);
        MirrorMaker mirrorMaker = new MirrorMaker(MirrorSettings.of(config));
        mirrorMaker.start();
        LOG.info("Cloud bridge of site {} started: {} -> {} (plant data), {} -> {} (job commands)", site, site, cloud,
                cloud, site);
        return new CloudBridge(mirrorMaker, new SourceAndTarget(site, cloud), new SourceAndTarget(cloud, site),
                config.get(BridgeConfig.HTTP_PORT));
    }

    /** Whether both flows copy records: their source connectors and all their tasks run. */
    public boolean running() {
        return isRunning(uplink) && isRunning(downlink);
    }

    /** The state of every connector of both flows, with its tasks, e.g. {@code RUNNING (tasks RUNNING)}. */
    public Map<String, String> status() {
        Map<String, String> status = new LinkedHashMap<>();
        for (SourceAndTarget flow : List.of(uplink, downlink)) {
            for (Class<?> connector : List.of(MirrorSourceConnector.class, MirrorCheckpointConnector.class,
                    MirrorHeartbeatConnector.class)) {
                status.put(flow + " " + connector.getSimpleName(), describe(flow, connector.getSimpleName()));
            }
        }
        return status;
    }

    public int healthPort() {
        return health.port();
    }

    private boolean isRunning(SourceAndTarget flow) {
        ConnectorStateInfo info = state(flow, MirrorSourceConnector.class.getSimpleName());
        return info != null && RUNNING.equals(info.connector().state()) && !info.tasks().isEmpty()
                && info.tasks().stream().allMatch(task -> RUNNING.equals(task.state()));
    }

    private String describe(SourceAndTarget flow, String connector) {
        ConnectorStateInfo info = state(flow, connector);
        if (info == null) {
            return "NOT_STARTED";
        }
        return info.connector().state() + " (tasks " + info.tasks().stream().map(ConnectorStateInfo.TaskState::state)
                .toList() + ")";
    }

    private ConnectorStateInfo state(SourceAndTarget flow, String connector) {
        try {
            return mirrorMaker.connectorStatus(flow, connector);
        } catch (RuntimeException notYetConfigured) {
            return null;
        }
    }

    @Override
    public void close() {
        health.close();
        mirrorMaker.stop();
        mirrorMaker.awaitStop();
        LOG.info("Cloud bridge stopped");
    }
}
