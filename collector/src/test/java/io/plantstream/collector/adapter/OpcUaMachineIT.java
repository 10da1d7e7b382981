package io.plantstream.collector.adapter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.plantstream.collector.app.CollectorService;
import io.plantstream.events.FactoryEvent;
import io.plantstream.events.MachineCounts;
import io.plantstream.events.MachineState;
import io.plantstream.events.MachineStatus;
import io.plantstream.events.MachineTelemetry;
import io.plantstream.events.Topic;
import io.plantstream.events.Topics;
import io.plantstream.testkit.junit.KafkaClusterExtension;
import io.plantstream.testkit.opcua.OpcUaTestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * OPC UA machines against a real Eclipse Milo server, through PLC4X, into a real broker: M12
 * polled ({@code subscribe: false}), M13 subscribed to the same variables (the default). The
 * subscribed machine also lives through the server stopping and starting again: OFFLINE in
 * between, then subscribed afresh with no part lost or counted twice.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OpcUaMachineIT {
    @RegisterExtension
    static final KafkaClusterExtension KAFKA = KafkaClusterExtension.singleBroker();

    private static OpcUaTestServer plc;
    private static CollectorService collector;

    @BeforeAll
    static void start() throws Exception {
        plc = OpcUaTestServer.create("M12", Map.of("running", true, "fault", false, "good", 300, "scrap", 2,
                "temperature", 61.5)).start();
        Path dir = Files.createDirectories(Path.of("target", "opcua-" + UUID.randomUUID()));
        String tags = """
                tags:
                  running: "%s"
                  fault: "%s"
                  partCounter: "%s"
                  rejectCounter: "%s"
                telemetry:
                  - {name: barrelTemp, address: "%s", unit: degC, min: 0, max: 350}
                """.formatted(plc.address("running"), plc.address("fault"), plc.address("good"), plc.address("scrap"),
                plc.address("temperature"));
        Files.createDirectories(dir.resolve("machines"));
        Files.writeString(dir.resolve("machines").resolve("m13.yaml"), """
                id: M13
                name: Moulding machine 13 (subscribed)
                kind: opcua
                connection: {url: "%s", timeout: 5s}
                poll: 100ms
                silence: 4s
                """.formatted(plc.plc4xUrl()) + tags);
        collector = MachineTestSupport.collector(KAFKA, dir, "m12.yaml", """
                id: M12
                name: Moulding machine 12 (polled)
                kind: opcua
                connection: {url: "%s", timeout: 5s, subscribe: false}
                poll: 200ms
                """.formatted(plc.plc4xUrl()) + tags);
    }

    @AfterAll
    static void stop() throws Exception {
        MachineTestSupport.closeAll(collector, plc);
    }

    @Test
    @Order(1)
    void readsStateCountsAndTelemetryPolledAndSubscribed() throws Exception {
        await().atMost(Duration.ofSeconds(60)).until(() -> collector.reading("M12") && collector.reading("M13"));
        plc.set("good", 306);
        plc.set("scrap", 3);
        await().atMost(Duration.ofSeconds(30)).until(() -> produced("M12") == 6 && produced("M13") == 6);
        plc.set("fault", true);
        for (String machine : List.of("M12", "M13")) {
            await().atMost(Duration.ofSeconds(30)).until(() -> read(Topics.MACHINE_STATE, machine).stream()
                    .anyMatch(s -> s.state() == MachineStatus.DOWN));
            assertThat(read(Topics.MACHINE_STATE, machine).get(0).state()).isEqualTo(MachineStatus.RUNNING);
            assertThat(read(Topics.MACHINE_TELEMETRY, machine)).flatExtracting(MachineTelemetry::samples)
                    .extracting(s -> s.value()).contains(61.5);
        }
        plc.set("fault", false);
        for (int good = 307; good <= 312; good++) {
            plc.set("good", good);
            int expected = good - 300;
            await().atMost(Duration.ofSeconds(30)).until(() -> produced("M13"), n -> n == expected);
        }
        JsonNode m13 = MachineTestSupport.machineHealth(collector, "M13");
        assertThat(m13.get("mode").asText()).isEqualTo("subscription");
        assertThat(m13.get("subscribedTags").asInt()).isEqualTo(5);
        assertThat(m13.get("reports").asLong()).as("every change reported by the server").isGreaterThanOrEqualTo(9);
        assertThat(m13.get("failedReads").asLong()).as("checks of a live server never failed").isZero();
        assertThat(MachineTestSupport.machineHealth(collector, "M12").get("mode").asText()).isEqualTo("poll");
    }

    @Test
    @Order(2)
    void aSubscribedMachineGoesOfflineWhileTheServerIsDownAndIsSubscribedAfreshWhenItReturns() throws Exception {
        long before = produced("M13");
        plc.stop();
        await("M13 OFFLINE while its server is down").atMost(Duration.ofSeconds(60))
                .until(() -> read(Topics.MACHINE_STATE, "M13").stream().anyMatch(s -> s.state() == MachineStatus.OFFLINE));
        plc.set("good", ((Number) plc.get("good")).intValue() + 4);
        plc.start();
        await("M13 running and counting again").atMost(Duration.ofSeconds(90)).until(() -> produced("M13") == before + 4);
        List<MachineState> states = read(Topics.MACHINE_STATE, "M13");
        assertThat(states.get(states.size() - 1).state()).isEqualTo(MachineStatus.RUNNING);
        plc.set("good", ((Number) plc.get("good")).intValue() + 1);
        await().atMost(Duration.ofSeconds(30)).until(() -> produced("M13") == before + 5);
        assertThat(MachineTestSupport.machineHealth(collector, "M13").get("failedReads").asLong())
                .as("the lost server was noticed").isPositive();
    }

    private static long produced(String machine) {
        return MachineTestSupport.produced(KAFKA, machine);
    }

    private static <V extends FactoryEvent> List<V> read(Topic<String, V> topic, String machine) {
        return MachineTestSupport.read(KAFKA, topic).stream().filter(e -> machine.equals(machineOf(e))).toList();
    }

    private static String machineOf(FactoryEvent event) {
        if (event instanceof MachineState state) {
            return state.machineId();
        } else if (event instanceof MachineCounts counts) {
            return counts.machineId();
        } else if (event instanceof MachineTelemetry telemetry) {
            return telemetry.machineId();
        }
        return null;
    }
}
