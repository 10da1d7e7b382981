package io.plantstream.sim;

import io.plantstream.config.ConfigCatalogue;
import io.plantstream.config.Setting;
import java.nio.file.Path;
import java.util.List;

/** Settings of the local plant. */
final class LocalPlantConfig {
    static final Setting<Path> DATA_DIR = Setting.path("data.dir", Path.of(".plant"),
            "where the local plant keeps its data between runs");
    static final Setting<Integer> EDGE_PORT = Setting.integer("edge.port", 9092, 1024, 65000,
            "client port of the edge Kafka broker (its controller uses this port + 100)");
    static final Setting<Boolean> RESET = Setting.flag("reset", false,
            "delete all local plant data before starting");
    static final Setting<Integer> QUERY_PORT = Setting.integer("query.port", 8081, 0, 65000,
            "port of job-streams' query endpoints (0: any free port)");
    static final Setting<Integer> ERP_PORT = Setting.integer("erp.port", 3307, 0, 65000,
            "port of the sample ERP database (MariaDB; 0: any free port)");
    static final Setting<Integer> CLOUD_PORT = Setting.integer("cloud.port", 9093, 1024, 65000,
            "client port of the cloud Kafka broker (its controller uses this port + 100)");
    static final Setting<Integer> DASHBOARD_PORT = Setting.integer("dashboard.port", 8080, 0, 65000,
            "port of the cloud dashboard on 127.0.0.1 (0: any free port)");
    static final Setting<String> SITE = new Setting<>("site", "site alias", io.plantstream.events.CloudTopics::checkSite,
            "plant-a", "alias of this plant in the cloud (its topics arrive there as <site>.<topic>)", false);
    static final Setting<String> ANDON = new Setting<>("andon", "auto|on|off", value -> switch (value.strip()) {
        case "auto", "on", "off" -> value.strip();
        default -> throw new IllegalArgumentException("must be auto, on or off");
    }, "auto", "the Andon board in a window: auto shows it when a display is present", false);
    static final Setting<Boolean> HELP = Setting.flag("help", false, "print the settings and exit");

    static final ConfigCatalogue CATALOGUE = new ConfigCatalogue("local plant", "PLANT_",
            List.of(DATA_DIR, EDGE_PORT, QUERY_PORT, ERP_PORT, CLOUD_PORT, DASHBOARD_PORT, SITE, ANDON, RESET, HELP));

    private LocalPlantConfig() {
    }
}
