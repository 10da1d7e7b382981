package io.plantstream.collector.adapter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.plantstream.collector.app.CollectorService;
import io.plantstream.events.EventMeta;
import io.plantstream.events.JobAck;
import io.plantstream.events.JobCommand;
import io.plantstream.events.JobCommandType;
import io.plantstream.events.JobParameters;
import io.plantstream.events.MachineAlarm;
import io.plantstream.events.MachineCounts;
import io.plantstream.events.MachineState;
import io.plantstream.events.MachineStatus;
import io.plantstream.events.MachineTelemetry;
import io.plantstream.events.Topic;
import io.plantstream.events.Topics;
import io.plantstream.events.FactoryEvent;
import io.plantstream.testkit.junit.KafkaClusterExtension;
import io.plantstream.testkit.s7.Snap7Server;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** An S7 machine against a real Snap7 server, through PLC4X, into a real broker. */
class S7MachineIT {
    private static final int DB = 10;
    private static final int JOB_DB = 20;

    @RegisterExtension
    static final KafkaClusterExtension KAFKA = KafkaClusterExtension.singleBroker();

    private static Snap7Server plc;
    private static CollectorService collector;

    @BeforeAll
    static void start() throws Exception {
        plc = Snap7Server.create(Map.of(DB, 64, JOB_DB, 32)).start();
        plc.writeBit(DB, 0, 0, true);
        plc.writeInt32(DB, 2, 1000);
        plc.writeInt32(DB, 6, 10);
        plc.writeReal(DB, 12, 55.5f);
        Path dir = Files.createDirectories(Path.of("target", "s7-" + UUID.randomUUID()));
        // a second PLC that nobody answers for: unreachable from the start
        Files.createDirectories(dir.resolve("machines"));
        Files.writeString(dir.resolve("machines/m02.yaml"), """
                id: M02
                kind: s7
                connection: {url: "s7://127.0.0.1:%d?remote-rack=0&remote-slot=1&controller-type=S7_300", timeout: 1s}
                poll: 200ms
                silence: 2s
                tags: {running: "%%DB10.DBX0.0:BOOL", partCounter: "%%DB10.DBD2:UDINT"}
                """.formatted(io.plantstream.testkit.kafka.FreePorts.next()));
        collector = MachineTestSupport.collector(KAFKA, dir, "m01.yaml", """
                id: M01
                name: Press 1
                kind: s7
                connection: {url: "%s", timeout: 3s}
                poll: 200ms
                silence: 3s
                tags:
                  running: "%%DB10.DBX0.0:BOOL"
                  fault: "%%DB10.DBX0.1:BOOL"
                  partCounter: "%%DB10.DBD2:UDINT"
                  rejectCounter: "%%DB10.DBD6:UDINT"
                  alarmWord: "%%DB10.DBW10:WORD"
                telemetry:
                  - {name: spindleLoad, address: "%%DB10.DBD12:REAL", unit: "%%", min: 0, max: 150}
                alarms:
                  - {bit: 0, code: A100, text: Door open}
                job:
                  orderNo: "%%DB20.DBD0:DINT"
                  targetQuantity: "%%DB20.DBD4:DINT"
                  command: "%%DB20.DBW8:INT"
                """.formatted(plc.plc4xUrl()));
    }

    @AfterAll
    static void stop() throws Exception {
        MachineTestSupport.closeAll(collector, plc);
    }

    @Test
    void readsStateCountsAlarmsAndTelemetryAndSurvivesAPlcRestart() {
        await().atMost(Duration.ofSeconds(30)).until(() -> states().contains(MachineStatus.RUNNING));
        plc.writeInt32(DB, 2, 1007);
        plc.writeInt32(DB, 6, 11);
        await().atMost(Duration.ofSeconds(30)).until(() -> produced() == 7);
        plc.writeBit(DB, 0, 1, true);
        plc.writeInt16(DB, 10, (short) 1);
        await().atMost(Duration.ofSeconds(30)).until(() -> states().contains(MachineStatus.DOWN));
        assertThat(read(Topics.MACHINE_ALARMS)).extracting(MachineAlarm::alarmCode).contains("A100");
        assertThat(read(Topics.MACHINE_TELEMETRY)).flatExtracting(MachineTelemetry::samples)
                .extracting(s -> s.value()).contains(55.5);
        assertThat(read(Topics.MACHINE_COUNTS)).extracting(MachineCounts::rejectedDelta).contains(1L);

        // the PLC restarts: unreachable for a while (OFFLINE), then back with its counters at zero
        plc.stop();
        await().atMost(Duration.ofSeconds(30)).until(() -> states().contains(MachineStatus.OFFLINE));
        plc.start();
        plc.writeBit(DB, 0, 0, true);
        plc.writeInt32(DB, 2, 3);
        await().atMost(Duration.ofSeconds(90)).until(() -> produced() == 10);
        List<MachineCounts> counts = read(Topics.MACHINE_COUNTS);
        assertThat(counts).as("the reset counted the 3 parts since, never a negative or huge count")
                .anySatisfy(c -> {
                    assertThat(c.counterReset()).isTrue();
                    assertThat(c.producedDelta()).isEqualTo(3);
                });
        assertThat(states()).endsWith(MachineStatus.RUNNING);
    }

    @Test
    void writesADispatchedJobIntoThePlcAndAcknowledgesIt() throws Exception {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(KAFKA.clientProperties(), new StringSerializer(),
                new ByteArraySerializer())) {
            send(producer, new JobCommand(EventMeta.of("planner", Instant.now()), "s7-c1", "M01", JobCommandType.DISPATCH,
                    "4711", "planner", Instant.now(), new JobParameters("BRACKET-7", 500, 12.5, null)));
            send(producer, new JobCommand(EventMeta.of("planner", Instant.now()), "s7-c2", "M01", JobCommandType.DISPATCH,
                    "A-17", "planner", Instant.now(), new JobParameters("BRACKET-7", 20, 12.5, null)));
        }
        List<JobAck> acks = await().atMost(Duration.ofSeconds(60)).until(() -> read(Topics.JOB_ACKS), a -> a.size() >= 2);
        assertThat(acks).extracting(a -> a.commandId() + " " + a.result()).containsExactly("s7-c1 APPLIED",
                "s7-c2 REJECTED");
        assertThat(acks.get(1).reason()).isEqualTo("order number 'A-17' does not fit the PLC's %DB20.DBD0:DINT");
        assertThat(plc.readInt32(JOB_DB, 0)).as("order number in the PLC").isEqualTo(4711);
        assertThat(plc.readInt32(JOB_DB, 4)).as("target quantity in the PLC").isEqualTo(500);
        assertThat(plc.readInt16(JOB_DB, 8)).as("command code DISPATCH").isEqualTo((short) 1);
    }

    @Test
    void aPlcUnreachableFromTheStartIsOfflineWhileTheOthersRunOn() {
        await().atMost(Duration.ofSeconds(30)).until(() -> read(Topics.MACHINE_STATE).stream()
                .anyMatch(s -> s.machineId().equals("M02") && s.state() == MachineStatus.OFFLINE));
        assertThat(collector.status().get("M02")).contains("cannot connect to s7://127.0.0.1");
        assertThat(collector.reading("M01")).isTrue();
        assertThat(collector.reading("M02")).isFalse();
    }

    private static void send(KafkaProducer<String, byte[]> producer, JobCommand command) throws Exception {
        producer.send(new ProducerRecord<>(Topics.JOB_COMMANDS.name(), command.machineId(),
                Topics.JOB_COMMANDS.valueSerde().serializer().serialize(Topics.JOB_COMMANDS.name(), command))).get();
    }

    private static long produced() {
        return MachineTestSupport.produced(KAFKA);
    }

    private static List<MachineStatus> states() {
        return read(Topics.MACHINE_STATE).stream().filter(s -> s.machineId().equals("M01")).map(MachineState::state)
                .toList();
    }

    private static <V extends FactoryEvent> List<V> read(Topic<String, V> topic) {
        return MachineTestSupport.read(KAFKA, topic);
    }
}
