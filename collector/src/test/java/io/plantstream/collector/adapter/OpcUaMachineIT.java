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
import io.plantstream.testkit.opcua.OpcUaTestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** An OPC UA machine against a real Eclipse Milo server, through PLC4X, into a real broker. */
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
        collector = MachineTestSupport.collector(KAFKA, dir, "m12.yaml", """
                id: M12
                name: Moulding machine 12
                kind: opcua
                connection: {url: "%s", timeout: 5s}
                poll: 200ms
                tags:
                  running: "%s"
                  fault: "%s"
                  partCounter: "%s"
                  rejectCounter: "%s"
                telemetry:
                  - {name: barrelTemp, address: "%s", unit: degC, min: 0, max: 350}
                """.formatted(plc.plc4xUrl(), plc.address("running"), plc.address("fault"), plc.address("good"),
                plc.address("scrap"), plc.address("temperature")));
    }

    @AfterAll
    static void stop() throws Exception {
        MachineTestSupport.closeAll(collector, plc);
    }

    @Test
    void readsStateCountsAndTelemetry() {
        await().atMost(Duration.ofSeconds(60)).until(() -> collector.reading("M12"));
        plc.set("good", 306);
        plc.set("scrap", 3);
        await().atMost(Duration.ofSeconds(30)).until(() -> MachineTestSupport.produced(KAFKA) == 6);
        plc.set("fault", true);
        await().atMost(Duration.ofSeconds(30)).until(() -> read(Topics.MACHINE_STATE).stream()
                .anyMatch(s -> s.state() == MachineStatus.DOWN));
        assertThat(read(Topics.MACHINE_STATE).get(0).state()).isEqualTo(MachineStatus.RUNNING);
        assertThat(read(Topics.MACHINE_TELEMETRY)).flatExtracting(MachineTelemetry::samples)
                .extracting(s -> s.value()).contains(61.5);
    }

    private static <V extends FactoryEvent> List<V> read(Topic<String, V> topic) {
        return MachineTestSupport.read(KAFKA, topic);
    }

}
