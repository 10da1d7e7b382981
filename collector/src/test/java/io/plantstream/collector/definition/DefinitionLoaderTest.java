package io.plantstream.collector.definition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.plantstream.config.ConfigException;
import io.plantstream.events.MachineStatus;
import io.plantstream.events.Severity;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DefinitionLoaderTest {
    private static final String PRESS = """
            id: M07
            name: Press 7
            line: L2
            kind: s7
            connection: {url: "s7://10.0.2.7?remote-rack=0&remote-slot=1"}
            poll: 500ms
            tags:
              running: "%DB10.DBX0.0:BOOL"
              fault: "%DB10.DBX0.1:BOOL"
              partCounter: {address: "%DB10.DBD2:UDINT"}
              rejectCounter: "%DB10.DBD6:UDINT"
              alarmWord: "%DB10.DBW10:WORD"
              cycleTime: {address: "%DB10.DBD14:REAL", scale: 0.001, unit: s}
            telemetry:
              - {name: spindleLoad, address: "%DB10.DBD12:REAL", unit: "%", min: 0, max: 150}
            stateRules:
              - {when: fault, state: DOWN, reason: PLC-FAULT}
              - {when: spindleLoad > 140, state: DOWN, reason: OVERLOAD}
              - {when: running, state: RUNNING}
              - {otherwise: IDLE}
            alarms:
              - {bit: 0, code: A100, text: Door open, severity: WARNING}
              - {bit: 3, code: A103, text: Oil pressure low, severity: CRITICAL}
            """;

    @Test
    void readsACompleteDefinition() {
        MachineDefinition press = DefinitionLoader.parse("M07.yaml", PRESS).get(0);
        assertThat(press.id()).isEqualTo("M07");
        assertThat(press.line()).isEqualTo("L2");
        assertThat(press.kind()).isEqualTo(MachineKind.S7);
        assertThat(press.poll()).isEqualTo(Duration.ofMillis(500));
        assertThat(press.silence()).isEqualTo(Duration.ofSeconds(10));
        assertThat(press.tag(Meaning.PART_COUNTER).address()).isEqualTo("%DB10.DBD2:UDINT");
        assertThat(press.tag(Meaning.CYCLE_TIME).scaled(1500)).isEqualTo(1.5);
        assertThat(press.telemetry()).singleElement().satisfies(t -> {
            assertThat(t.unit()).isEqualTo("%");
            assertThat(t.checkRange(151)).isEqualTo("spindleLoad = 151.0 is above its maximum 150.0");
        });
        assertThat(press.stateRules()).extracting(StateRule::state).containsExactly(MachineStatus.DOWN,
                MachineStatus.DOWN, MachineStatus.RUNNING, MachineStatus.IDLE);
        assertThat(press.stateRules().get(1).matches(Map.of("spindleLoad", 141.0))).isTrue();
        assertThat(press.alarms()).extracting(AlarmBit::severity).containsExactly(Severity.WARNING, Severity.CRITICAL);
        assertThat(press.where()).isEqualTo("M07.yaml:1 (document)");
    }

    @Test
    void derivesStateRulesFromStateBitsWhenNoneAreGiven() {
        MachineDefinition machine = DefinitionLoader.parse("m.yaml", """
                id: M01
                kind: simulated
                tags: {running: running, fault: fault, partCounter: partCounter}
                """).get(0);
        assertThat(machine.stateRules()).extracting(Object::toString)
                .containsExactly("fault -> DOWN (FAULT)", "running -> RUNNING", "otherwise -> IDLE");
    }

    @Test
    void reportsEveryProblemAtOnceWithFileLineAndKey() {
        assertThatThrownBy(() -> DefinitionLoader.parse("plant.yaml", """
                machines:
                  - id: M01
                    kind: robot
                    tags: {partCounter: x}
                  - id: M02
                    kind: s7
                    connection: {url: "s7://10.0.0.2"}
                    tags:
                      running: "DB10.X0"
                      rejectCounter: "%DB10.DBD6:UDINT"
                  - id: M03
                    kind: modbus
                    connection: {url: "tcp://10.0.0.3", colour: blue}
                    tags: {partCounter: "holding-register:1:UINT", stateWord: "holding-register:2"}
                    stateRules:
                      - {when: temperature > 80, state: DOWN}
                      - {when: running, state: EXPLODED}
                  - id: M03
                    kind: sql
                    connection: {url: "jdbc:mariadb://db/m", user: m, resultTable: "results; drop"}
                    tags: {partCounter: good, running: run}
                    alarms: [{bit: 70, code: X}]
                """))
                .isInstanceOf(ConfigException.class)
                .satisfies(e -> assertThat(((ConfigException) e).problems()).containsExactlyInAnyOrder(
                        "plant.yaml:3 (machines[0].kind): 'robot' is not a machine kind (s7, modbus, opcua, sql, file, "
                                + "mqtt, simulated)",
                        "plant.yaml:4 (machines[0].tags): a state needs a running, fault, setup or plannedStop tag, or a "
                                + "stateWord with stateRules",
                        "plant.yaml:9 (machines[1].tags.running): 'DB10.X0' is not a s7 address (e.g. %DB10.DBD2:UDINT,"
                                + " %DB10.DBX0.0:BOOL or %MW20:INT)",
                        "plant.yaml:9 (machines[1].tags): partCounter is required (the machine's absolute part counter)",
                        "plant.yaml:9 (machines[1].tags): a state needs a running, fault, setup or plannedStop tag, or a "
                                + "stateWord with stateRules",
                        "plant.yaml:13 (machines[2].connection.colour): unknown key 'colour' (known: url, timeout)",
                        "plant.yaml:13 (machines[2].connection.url): 'tcp://10.0.0.3' must start with modbus-tcp://",
                        "plant.yaml:16 (machines[2].stateRules[0].when): the condition names 'temperature', which is no "
                                + "tag of this machine (known: partCounter, stateWord)",
                        "plant.yaml:17 (machines[2].stateRules[1].state): 'EXPLODED' is not a machine state (RUNNING, "
                                + "IDLE, DOWN, SETUP, PLANNED_STOP)",
                        "plant.yaml:20 (machines[3].connection): passwordFile or passwordEnv is required (no passwords "
                                + "in definitions)",
                        "plant.yaml:20 (machines[3].connection.resultTable): 'results; drop' is not a plain table or "
                                + "column name",
                        "plant.yaml:22 (machines[3].alarms[0].bit): bit 70 is outside 0..63",
                        "plant.yaml:22 (machines[3].alarms): alarms need an alarmWord tag"));
    }

    @Test
    void refusesTheSameMachineIdInTwoFiles(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("a.yaml"), "id: M01\nkind: simulated\ntags: {running: running, partCounter: partCounter}\n");
        Files.writeString(dir.resolve("b.yaml"), "\n\nid: M01\nkind: simulated\ntags: {running: running, partCounter: partCounter}\n");
        assertThatThrownBy(() -> DefinitionLoader.load(List.of(dir)))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("b.yaml:3 (document): machine id 'M01' is already defined at " + dir.resolve("a.yaml")
                        + ":1 (document)");
    }

    @Test
    void readsAFolderOfMachineFiles(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("m01.yaml"), "id: M01\nkind: simulated\ntags: {running: running, partCounter: partCounter}\n");
        Files.writeString(dir.resolve("m02.yml"), "id: M02\nkind: file\nconnection: {outbox: /data/m02/out}\n"
                + "tags: {partCounter: good, running: run, time: timestamp}\n");
        Files.writeString(dir.resolve("notes.txt"), "not a definition");
        assertThat(DefinitionLoader.load(List.of(dir))).extracting(MachineDefinition::id).containsExactly("M01", "M02");
    }

    @Test
    void telemetryTagsDeclareKeyParametersWithSpecificationAndControlLimits() {
        MachineDefinition machine = DefinitionLoader.parse("m.yaml", """
                id: M01
                kind: simulated
                tags: {running: running, partCounter: partCounter, cycleTime: {address: telemetry1, unit: s}}
                telemetry:
                  - {name: oilTemp, address: telemetry2, unit: degC, spec: {lower: 20, upper: 80},
                     control: {lower: 40, upper: 60}}
                  - {name: pressure, address: telemetry3, unit: bar, spec: {upper: 250}}
                  - {name: speed, address: telemetry4, unit: rpm, control: learn}
                """).get(0);
        assertThat(machine.parameters()).containsExactly(
                io.plantstream.events.ParameterSpec.of("cycleTime", "s"),
                new io.plantstream.events.ParameterSpec("oilTemp", "degC", 20.0, 80.0, 40.0, 60.0),
                new io.plantstream.events.ParameterSpec("pressure", "bar", null, 250.0, null, null),
                new io.plantstream.events.ParameterSpec("speed", "rpm", null, null, null, null, true));
    }

    @Test
    void reportsLimitsThatCannotHold() {
        assertThatThrownBy(() -> DefinitionLoader.parse("m.yaml", """
                id: M01
                kind: simulated
                tags: {running: running, partCounter: partCounter}
                telemetry:
                  - {name: oilTemp, address: telemetry2, spec: {lower: 80, upper: 20}}
                  - {name: pressure, address: telemetry3, control: {lower: 1}}
                  - {name: speed, address: telemetry4, spec: {below: 3}}
                  - {name: torque, address: telemetry5, control: guess}
                """))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("limits of 'oilTemp': field 'specLower' is 80.0, not below specUpper 20.0")
                .hasMessageContaining("limits of 'pressure': field 'controlUpper' is missing; control limits come in pairs")
                .hasMessageContaining("m.yaml:7 (telemetry[2].spec.below): unknown key 'below'")
                .hasMessageContaining("m.yaml:8 (telemetry[3].control): limits are {lower: ..., upper: ...} or learn");
    }

    @Test
    void anOpcUaMachinesSecurityIsCheckedBeforeAnythingConnects() {
        String head = "id: M20\nkind: opcua\npoll: 1s\ntags: {running: \"ns=2;s=M20/running\", partCounter: "
                + "\"ns=2;s=M20/good\"}\nconnection:\n  url: \"opcua:tcp://10.0.3.20:4840\"\n";
        assertThat(DefinitionLoader.parse("ok.yaml", head + "  securityPolicy: Basic256Sha256\n  keyStoreFile: c.p12\n"
                + "  keyStorePasswordEnv: KS\n  serverCertificateFile: s.der\n  user: op\n  passwordFile: op.pw\n"))
                .singleElement().satisfies(m -> assertThat(m.connection()).containsEntry("securityPolicy", "Basic256Sha256"));
        assertThatThrownBy(() -> DefinitionLoader.parse("a.yaml", head + "  securityPolicy: Basic256Sha256\n"
                + "  user: op\n"))
                .isInstanceOf(ConfigException.class)
                .satisfies(e -> assertThat(((ConfigException) e).problems()).hasSize(4).anySatisfy(p -> assertThat(p)
                        .contains("keyStoreFile").contains("required with securityPolicy Basic256Sha256"))
                        .anySatisfy(p -> assertThat(p).contains("serverCertificateFile"))
                        .anySatisfy(p -> assertThat(p).contains("keyStorePasswordFile or keyStorePasswordEnv"))
                        .anySatisfy(p -> assertThat(p).contains("passwordFile or passwordEnv is required with user")));
        assertThatThrownBy(() -> DefinitionLoader.parse("b.yaml", head + "  user: op\n  passwordFile: op.pw\n"
                + "  keyStoreFile: c.p12\n"))
                .isInstanceOf(ConfigException.class)
                .satisfies(e -> assertThat(((ConfigException) e).problems()).hasSize(2)
                        .anySatisfy(p -> assertThat(p).contains("b.yaml").contains("a password is sent only over a "
                                + "secured connection"))
                        .anySatisfy(p -> assertThat(p).contains("keyStoreFile").contains("needs a securityPolicy")));
        assertThatThrownBy(() -> DefinitionLoader.parse("c.yaml", head + "  securityPolicy: Basic256\n"))
                .hasMessageContaining("Basic256 is deprecated (SHA-1)");
        assertThatThrownBy(() -> DefinitionLoader.parse("d.yaml", head + "  securityPolicy: Basic256Sha256\n"
                + "  messageSecurity: ENCRYPT\n  keyStoreFile: c.p12\n  keyStorePasswordEnv: KS\n"
                + "  serverCertificateFile: s.der\n"))
                .hasMessageContaining("'ENCRYPT' is not SIGN or SIGN_ENCRYPT");
        assertThatThrownBy(() -> DefinitionLoader.parse("e.yaml", head.replace("4840\"",
                "4840?security-policy=Basic256Sha256&key-store-password=secret\"")))
                .hasMessageContaining("not as url parameters");
    }
}
