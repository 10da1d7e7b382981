package io.plantstream.collector.app;

import io.plantstream.collector.publish.StoreAndForward;
import io.plantstream.config.ConfigCatalogue;
import io.plantstream.config.KafkaClientSettings;
import io.plantstream.config.Setting;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/** Settings of a collector process (environment prefix COLLECTOR_). */
public final class CollectorConfig {
    public static final Setting<List<Path>> MACHINES = new Setting<>("machines", "comma-separated files or folders",
            value -> {
                List<Path> paths = new ArrayList<>();
                for (String part : value.split(",")) {
                    if (!part.isBlank()) {
                        paths.add(Path.of(part.strip()));
                    }
                }
                if (paths.isEmpty()) {
                    throw new IllegalArgumentException("names no file");
                }
                return List.copyOf(paths);
            }, null, "machine definitions (YAML): files, or folders of them; one machine or many per process", false);
    public static final Setting<Path> STATE_DIR = Setting.path("state.dir", Path.of("/var/lib/plantstream/collector"),
            "local disk for the store-and-forward journal and read positions");
    public static final Setting<Integer> JOURNAL_MB = Setting.integer("journal.max.mb", 512, 1, 1_000_000,
            "how much unsent data the journal may hold while Kafka is unreachable (MB)");
    public static final Setting<Integer> JOURNAL_LINGER_MS = Setting.integer("journal.linger.ms",
            (int) StoreAndForward.DEFAULT_LINGER.toMillis(), 0, 5_000, "how long events are gathered into one request to "
                    + "Kafka (ms): longer costs collector and broker less CPU per event and delivers that much later");
    public static final Setting<ZoneId> ZONE = new Setting<>("time.zone", "zone id", value -> ZoneId.of(value.strip()),
            ZoneId.systemDefault(), "zone of machine times without one (files, SQL DATETIME)", false);
    public static final Setting<Integer> THREADS = Setting.integer("threads", 4, 1, 256,
            "threads polling the machines and processing what they read");
    public static final Setting<Integer> HTTP_PORT = Setting.integer("http.port", 8082, 0, 65535,
            "port of the health endpoint (0: any free port)");

    public static final Setting<String> AGENT_GROUP = Setting.text("agent.group", "",
            "consumer group of the job agent (must start with collector-); default: derived from the machine ids");

    public static final ConfigCatalogue CATALOGUE = new ConfigCatalogue("collector", "COLLECTOR_", settings());

    private CollectorConfig() {
    }

    private static List<Setting<?>> settings() {
        List<Setting<?>> all = new ArrayList<>(KafkaClientSettings.ALL);
        all.addAll(List.of(MACHINES, STATE_DIR, JOURNAL_MB, JOURNAL_LINGER_MS, ZONE, THREADS, HTTP_PORT, AGENT_GROUP));
        return all;
    }
}
