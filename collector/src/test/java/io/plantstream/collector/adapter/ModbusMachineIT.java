package io.plantstream.collector.adapter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.ghgande.j2mod.modbus.procimg.SimpleDigitalOut;
import com.ghgande.j2mod.modbus.procimg.SimpleProcessImage;
import com.ghgande.j2mod.modbus.procimg.SimpleRegister;
import com.ghgande.j2mod.modbus.slave.ModbusSlave;
import com.ghgande.j2mod.modbus.slave.ModbusSlaveFactory;
import io.plantstream.collector.app.CollectorService;
import io.plantstream.events.FactoryEvent;
import io.plantstream.events.MachineCounts;
import io.plantstream.events.MachineStatus;
import io.plantstream.events.MachineTelemetry;
import io.plantstream.events.Topic;
import io.plantstream.events.Topics;
import io.plantstream.testkit.junit.KafkaClusterExtension;
import io.plantstream.testkit.kafka.FreePorts;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A Modbus TCP machine against an independent Java Modbus server (j2mod), through PLC4X, into
 * a real broker; with an out-of-range value and a counter going backwards on the way; and a
 * second machine counting fast while its collector is stopped and started again.
 */
class ModbusMachineIT {
    @RegisterExtension
    static final KafkaClusterExtension KAFKA = KafkaClusterExtension.singleBroker();

    private static ModbusSlave server;
    private static final SimpleProcessImage IMAGE = new SimpleProcessImage();
    private static CollectorService collector;
    private static int port;

    @BeforeAll
    static void start() throws Exception {
        IMAGE.addDigitalOut(new SimpleDigitalOut(true));   // coil 1: running
        IMAGE.addDigitalOut(new SimpleDigitalOut(false));  // coil 2: fault
        for (int i = 0; i < 8; i++) {
            IMAGE.addRegister(new SimpleRegister(0));
        }
        IMAGE.getRegister(0).setValue(200);  // holding register 1: part counter
        IMAGE.getRegister(1).setValue(4);    // holding register 2: reject counter
        IMAGE.getRegister(2).setValue(215);  // holding register 3: temperature in 0.1 degC
        port = FreePorts.next();
        server = ModbusSlaveFactory.createTCPSlave(InetAddress.getLoopbackAddress(), port, 4, false);
        server.addProcessImage(1, IMAGE);
        server.open();
        Path dir = Files.createDirectories(Path.of("target", "modbus-" + UUID.randomUUID()));
        collector = MachineTestSupport.collector(KAFKA, dir, "m10.yaml", """
                id: M10
                name: Grinder 10
                kind: modbus
                connection: {url: "modbus-tcp://127.0.0.1:%d?default-unit-id=1", timeout: 3s}
                poll: 200ms
                counterMax: 65535
                counterMaxStep: 50
                tags:
                  running: "coil:1"
                  fault: "coil:2"
                  partCounter: "holding-register:1:UINT"
                  rejectCounter: "holding-register:2:UINT"
                telemetry:
                  - {name: coolantTemp, address: "holding-register:3:UINT", scale: 0.1, unit: degC, min: 0, max: 80}
                """.formatted(port));
    }

    @AfterAll
    static void stop() throws Exception {
        MachineTestSupport.closeAll(collector, (server == null ? null : (AutoCloseable) server::close));
    }

    @Test
    void readsTheMachineAndRefusesImplausibleValues() {
        await().atMost(Duration.ofSeconds(30)).until(() -> read(Topics.MACHINE_STATE).stream()
                .anyMatch(s -> s.state() == MachineStatus.RUNNING));
        IMAGE.getRegister(0).setValue(212);
        IMAGE.getRegister(1).setValue(5);
        await().atMost(Duration.ofSeconds(30)).until(() -> produced() == 12);
        assertThat(read(Topics.MACHINE_TELEMETRY)).flatExtracting(MachineTelemetry::samples)
                .extracting(s -> s.value()).contains(21.5);

        IMAGE.getRegister(2).setValue(950);                      // 95.0 degC: out of range
        IMAGE.getRegister(0).setValue(100);                      // backwards, but neither reset nor wrap
        IMAGE.getDigitalOut(1).set(true);
        await().atMost(Duration.ofSeconds(30)).until(() -> read(Topics.MACHINE_STATE).stream()
                .anyMatch(s -> s.state() == MachineStatus.DOWN));
        await().atMost(Duration.ofSeconds(30)).until(() -> reasons().contains("coolantTemp = 95.0 is above its maximum "
                + "80.0") && reasons().stream().anyMatch(r -> r.startsWith("counter went back from 212 to 100")));
        IMAGE.getRegister(0).setValue(104);
        await().atMost(Duration.ofSeconds(30)).until(() -> produced() == 16);
        assertThat(MachineTestSupport.counts(KAFKA, "M10")).allSatisfy(c -> assertThat(c.producedDelta()).isBetween(0L, 12L));
    }

    /**
     * M17 makes a part every 5 ms and is read every 20 ms, its reads processed on the collector's
     * pool behind the reads; its collector is stopped and started again while it goes on. Every
     * part is counted once: none lost, none counted twice.
     */
    @Test
    void aMachineCountingFastThroughACollectorRestartHasEveryPartCountedOnce() throws Exception {
        IMAGE.getRegister(4).setValue(1000); // holding register 5: M17's part counter
        Path dir = Files.createDirectories(Path.of("target", "modbus-restart-" + UUID.randomUUID()));
        String definition = """
                id: M17
                kind: modbus
                connection: {url: "modbus-tcp://127.0.0.1:%d?default-unit-id=1", timeout: 3s}
                poll: 20ms
                counterMax: 65535
                counterMaxStep: 60000
                tags:
                  running: "coil:1"
                  partCounter: "holding-register:5:UINT"
                """.formatted(port);
        java.util.concurrent.ScheduledExecutorService machine = java.util.concurrent.Executors
                .newSingleThreadScheduledExecutor();
        try {
            try (CollectorService first = MachineTestSupport.collector(KAFKA, dir, "m17.yaml", definition)) {
                await().atMost(Duration.ofSeconds(30)).until(() -> first.reading("M17"));
                machine.scheduleAtFixedRate(() -> IMAGE.getRegister(4).setValue(IMAGE.getRegister(4).getValue() + 1),
                        5, 5, java.util.concurrent.TimeUnit.MILLISECONDS);
                await().atMost(Duration.ofSeconds(30)).until(() -> produced("M17") >= 100);
            }
            long whileStopped = IMAGE.getRegister(4).getValue() - 1000L;
            try (CollectorService second = MachineTestSupport.collector(KAFKA, dir, "m17.yaml", definition)) {
                await().atMost(Duration.ofSeconds(30)).until(() -> produced("M17") >= whileStopped + 100);
                machine.shutdown();
                assertThat(machine.awaitTermination(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
                long made = IMAGE.getRegister(4).getValue() - 1000L;
                await().atMost(Duration.ofSeconds(30)).until(() -> produced("M17") >= made);
                assertThat(produced("M17")).as("parts counted of %d made", made).isEqualTo(made);
                assertThat(MachineTestSupport.counts(KAFKA, "M17")).extracting(MachineCounts::producedCounter).isSorted()
                        .doesNotHaveDuplicates();
                com.fasterxml.jackson.databind.JsonNode health = MachineTestSupport.machineHealth(second, "M17");
                assertThat(health.get("backlog").isInt()).as("the backlog is on the health page").isTrue();
                assertThat(health.get("skippedPolls").asLong()).isZero();
            }
        } finally {
            machine.shutdownNow();
        }
    }

    private static long produced() {
        return produced("M10");
    }

    private static long produced(String machine) {
        return MachineTestSupport.produced(KAFKA, machine);
    }

    private static List<String> reasons() {
        return MachineTestSupport.reasons(KAFKA, Topics.MACHINE_TELEMETRY, Topics.MACHINE_COUNTS);
    }

    private static <V extends FactoryEvent> List<V> read(Topic<String, V> topic) {
        return MachineTestSupport.read(KAFKA, topic);
    }

}
