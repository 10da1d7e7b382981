package io.plantstream.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.plantstream.config.ConfigSource;
import io.plantstream.events.Topics;
import io.plantstream.testkit.kafka.FreePorts;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The local plant starts its edge broker with every catalogue topic, and keeps its data across restarts. */
class LocalPlantIT {

    @TempDir
    Path dataDir;

    @Test
    void startsWithEveryTopicAndKeepsThemAcrossARestart() throws Exception {
        Map<String, String> settings = Map.of("data.dir", dataDir.toString(),
                "edge.port", Integer.toString(FreePorts.next()));

        try (LocalPlant plant = LocalPlant.start(LocalPlantConfig.CATALOGUE.resolve(ConfigSource.of(settings, "test")))) {
            assertThat(topics(plant)).containsAll(Topics.names());
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                    plant.edgeBootstrapServers()))) {
                admin.deleteTopics(Set.of(Topics.ALERTS.name())).all().get(30, TimeUnit.SECONDS);
            }
        }
        try (LocalPlant plant = LocalPlant.start(LocalPlantConfig.CATALOGUE.resolve(ConfigSource.of(settings, "test")))) {
            assertThat(topics(plant)).as("the deleted topic is back, the others kept").containsAll(Topics.names());
        }
    }

    private static Set<String> topics(LocalPlant plant) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, plant.edgeBootstrapServers()))) {
            return admin.listTopics().names().get(30, TimeUnit.SECONDS);
        }
    }
}
