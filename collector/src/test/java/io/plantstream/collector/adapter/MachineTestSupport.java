package io.plantstream.collector.adapter;

import io.plantstream.collector.app.CollectorConfig;
import io.plantstream.collector.app.CollectorService;
import io.plantstream.config.ConfigSource;
import io.plantstream.events.FactoryEvent;
import io.plantstream.events.MachineCounts;
import io.plantstream.events.Topic;
import io.plantstream.events.Topics;
import io.plantstream.events.admin.TopicProvisioner;
import io.plantstream.events.dlq.DeadLetters;
import io.plantstream.testkit.junit.KafkaClusterExtension;
import io.plantstream.testkit.kafka.TopicReader;
import io.plantstream.testkit.mqtt.MosquittoServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/** What the machine ITs share: a collector for one definition on the test broker, and reading back what it published. */
final class MachineTestSupport {
    private MachineTestSupport() {
    }

    /**
     * Creates the catalogue topics, writes the definition into {@code dir/machines/} (beside any
     * written there before) and starts a collector for that folder.
     */
    static CollectorService collector(KafkaClusterExtension kafka, Path dir, String file, String definition)
            throws Exception {
        try (Admin admin = kafka.admin()) {
            new TopicProvisioner(admin, (short) 1, Duration.ofSeconds(30)).ensure(Topics.all());
        }
        Files.createDirectories(dir.resolve("machines"));
        Files.writeString(dir.resolve("machines").resolve(file), definition);
        return CollectorService.start(CollectorConfig.CATALOGUE.resolve(ConfigSource.of(Map.of(
                "kafka.bootstrap.servers", kafka.bootstrapServers(),
                "machines", dir.resolve("machines").toString(),
                "state.dir", dir.resolve("state").toString(),
                "http.port", "0"), "test")));
    }

    static <V extends FactoryEvent> List<V> read(KafkaClusterExtension kafka, Topic<String, V> topic) {
        return TopicReader.read(kafka.clientProperties(), topic.name(), "check-" + UUID.randomUUID(),
                        new StringDeserializer(), topic.valueSerde().deserializer(), Integer.MAX_VALUE,
                        Duration.ofSeconds(1)).stream()
                .map(r -> r.value()).toList();
    }

    /** A Mosquitto broker in {@code dir/mosquitto}, its password written to {@code dir/mqtt.password}. */
    static MosquittoServer mosquitto(Path dir) throws Exception {
        MosquittoServer mqtt = MosquittoServer
                .create(dir.resolve("mosquitto")).start();
        Files.writeString(dir.resolve("mqtt.password"), mqtt.password());
        return mqtt;
    }

    /** Publishes one message as a machine would: its own connection, QoS 1. */
    static void publish(MosquittoServer mqtt, String topic, byte[] payload) throws Exception {
        publish(mqtt, topic, List.of(payload));
    }

    /** Publishes messages in order over one connection, QoS 1. */
    static void publish(MosquittoServer mqtt, String topic, List<byte[]> payloads) throws Exception {
        MqttClient client = new MqttClient(mqtt.url(),
                "machine-" + UUID.randomUUID(), new MemoryPersistence());
        MqttConnectOptions options = new MqttConnectOptions();
        options.setUserName(mqtt.user());
        options.setPassword(mqtt.password().toCharArray());
        // Paho completes a QoS 1 publish before it frees the in-flight slot, so back-to-back
        // publishes can briefly exceed the default window of 10: give room for all of them
        options.setMaxInflight(Math.max(10, payloads.size()));
        client.connect(options);
        for (byte[] payload : payloads) {
            client.publish(topic, payload, 1, false);
        }
        client.disconnect();
        client.close();
    }

    /** Closes what a test class started, in order, skipping what never started. */
    static void closeAll(AutoCloseable... resources) throws Exception {
        for (AutoCloseable resource : resources) {
            if (resource != null) {
                resource.close();
            }
        }
    }

    /** One machine's counts events so far. */
    static List<MachineCounts> counts(KafkaClusterExtension kafka, String machineId) {
        return read(kafka, Topics.MACHINE_COUNTS).stream().filter(c -> c.machineId().equals(machineId)).toList();
    }

    /** Parts counted so far on one machine. */
    static long produced(KafkaClusterExtension kafka, String machineId) {
        return counts(kafka, machineId).stream().mapToLong(MachineCounts::producedDelta).sum();
    }

    /** Parts counted so far, over every counts event. */
    static long produced(KafkaClusterExtension kafka) {
        return read(kafka, Topics.MACHINE_COUNTS).stream().mapToLong(MachineCounts::producedDelta).sum();
    }

    /** The reasons on the dead-letter topics of the given topics. */
    static List<String> reasons(KafkaClusterExtension kafka, Topic<?, ?>... topics) {
        List<String> reasons = new ArrayList<>();
        for (Topic<?, ?> topic : topics) {
            TopicReader.read(kafka.clientProperties(), topic.deadLetter().name(), "dlq-" + UUID.randomUUID(),
                            new StringDeserializer(), new StringDeserializer(), Integer.MAX_VALUE, Duration.ofSeconds(1))
                    .forEach(r -> reasons.add(DeadLetters.header(r.headers(), DeadLetters.REASON)));
        }
        return reasons;
    }

    /** The collector's health page, as served. */
    static String healthPage(CollectorService collector) throws Exception {
        return java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(
                "http://localhost:" + collector.healthPort() + "/health")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString()).body();
    }

    /** One machine's entry on the collector's health page. */
    static com.fasterxml.jackson.databind.JsonNode machineHealth(CollectorService collector, String machine)
            throws Exception {
        com.fasterxml.jackson.databind.JsonNode health = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(healthPage(collector));
        for (com.fasterxml.jackson.databind.JsonNode node : health.get("machines")) {
            if (node.get("id").asText().equals(machine)) {
                return node;
            }
        }
        throw new AssertionError(machine + " is not on the health page: " + health);
    }
}
