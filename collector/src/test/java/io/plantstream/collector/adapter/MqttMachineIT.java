package io.plantstream.collector.adapter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.plantstream.collector.app.CollectorService;
import io.plantstream.events.FactoryEvent;
import io.plantstream.events.MachineState;
import io.plantstream.events.MachineStatus;
import io.plantstream.events.MachineTelemetry;
import io.plantstream.events.Topic;
import io.plantstream.events.Topics;
import io.plantstream.testkit.junit.KafkaClusterExtension;
import io.plantstream.testkit.mqtt.MosquittoServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A machine publishing JSON over MQTT to a real Mosquitto broker, read by the collector into a real Kafka. */
class MqttMachineIT {
    private static final String TOPIC = "plant/L3/M11/status";

    @RegisterExtension
    static final KafkaClusterExtension KAFKA = KafkaClusterExtension.singleBroker();

    private static MosquittoServer mqtt;
    private static CollectorService collector;
    private static Path dir;

    @BeforeAll
    static void start() throws Exception {
        dir = Files.createDirectories(Path.of("target", "mqtt-" + UUID.randomUUID()).toAbsolutePath());
        mqtt = MachineTestSupport.mosquitto(dir);
        collector = startCollector();
    }

    private static CollectorService startCollector() throws Exception {
        return MachineTestSupport.collector(KAFKA, dir, "m11.yaml", """
                id: M11
                name: Grinder 11
                kind: mqtt
                connection: {url: "%s", topic: "%s", user: %s, passwordFile: "%s", timeout: 3s}
                poll: 200ms
                silence: 30s
                tags: {time: ts, running: state.running, fault: state.fault, partCounter: counters.good,
                       rejectCounter: counters.scrap}
                telemetry: [{name: spindleLoad, address: "sensors[0].value", unit: "%%", min: 0, max: 150}]
                """.formatted(mqtt.url(), TOPIC, mqtt.user(), dir.resolve("mqtt.password")));
    }

    @AfterAll
    static void stop() throws Exception {
        MachineTestSupport.closeAll(collector, mqtt);
    }

    @Test
    void readsJsonMessagesRefusesBadOnesAndCountsThroughABrokerRestartAndItsOwnAbsence() throws Exception {
        await().atMost(Duration.ofSeconds(30)).until(() -> collector.reading("M11"));
        publish(message(100, 1, true, 40.5));
        publish(message(105, 1, true, 41.0));
        publish("{\"state\": ");
        publish("[1, 2, 3]");
        publish(message(110, 2, false, 0));
        await().atMost(Duration.ofSeconds(30)).until(() -> produced() == 10);
        assertThat(read(Topics.MACHINE_STATE)).extracting(MachineState::state).contains(MachineStatus.RUNNING,
                MachineStatus.IDLE);
        assertThat(read(Topics.MACHINE_TELEMETRY)).flatExtracting(MachineTelemetry::samples).extracting(s -> s.value())
                .contains(40.5, 41.0);
        await().atMost(Duration.ofSeconds(30)).until(() -> reasons().size() == 2);
        assertThat(reasons()).anyMatch(r -> r.startsWith("message is not JSON"))
                .contains("message is not a JSON object");

        // the broker restarts; the collector reconnects by itself and goes on counting
        mqtt.stop();
        mqtt.start();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).until(() -> {
            publish(message(117, 2, true, 42));
            return produced() == 17;
        });

        // the collector is away while the machine goes on publishing: its persistent session keeps
        // every message, and each is read when it returns (not only the counters' last state)
        collector.close();
        List<Double> whileAway = new java.util.ArrayList<>();
        List<byte[]> messages = new java.util.ArrayList<>();
        for (int i = 1; i <= 100; i++) {
            whileAway.add(50.0 + i / 4.0);
            messages.add(message(117 + i, 2, true, 50.0 + i / 4.0).getBytes(StandardCharsets.UTF_8));
        }
        MachineTestSupport.publish(mqtt, TOPIC, messages);
        collector = startCollector();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(produced()).isEqualTo(117));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(read(Topics.MACHINE_TELEMETRY))
                .flatExtracting(MachineTelemetry::samples).extracting(s -> s.value()).containsAll(whileAway));
    }

    private static String message(long good, long scrap, boolean running, double load) {
        return "{\"ts\": \"" + java.time.Instant.now() + "\", \"state\": {\"running\": " + running + ", \"fault\": false},"
                + " \"counters\": {\"good\": " + good + ", \"scrap\": " + scrap + "}, \"sensors\": [{\"value\": " + load
                + "}]}";
    }

    private static void publish(String payload) throws Exception {
        MachineTestSupport.publish(mqtt, TOPIC, payload.getBytes(StandardCharsets.UTF_8));
    }

    private static long produced() {
        return MachineTestSupport.produced(KAFKA);
    }

    private static List<String> reasons() {
        return MachineTestSupport.reasons(KAFKA, Topics.MACHINE_COUNTS);
    }

    private static <V extends FactoryEvent> List<V> read(Topic<String, V> topic) {
        return MachineTestSupport.read(KAFKA, topic);
    }
}
