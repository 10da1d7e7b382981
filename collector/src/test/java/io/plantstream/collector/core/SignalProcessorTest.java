package io.plantstream.collector.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.plantstream.collector.definition.DefinitionLoader;
import io.plantstream.collector.definition.MachineDefinition;
import io.plantstream.events.AlarmAction;
import io.plantstream.events.MachineAlarm;
import io.plantstream.events.MachineCounts;
import io.plantstream.events.MachineState;
import io.plantstream.events.MachineStatus;
import io.plantstream.events.MachineTelemetry;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SignalProcessorTest {
    private static final Instant T0 = Instant.parse("2026-11-25T06:00:00Z");
    private static final MachineDefinition MACHINE = DefinitionLoader.parse("m07.yaml", """
            id: M07
            kind: sql
            connection: {url: "jdbc:mariadb://db/m07", user: m07, passwordEnv: M07_PASSWORD, resultTable: results}
            silence: 30s
            heartbeat: 10s
            tags:
              running: run
              fault: fault
              partCounter: good
              rejectCounter: scrap
              alarmWord: alarms
              alarmText: message
              activeJob: job
            telemetry:
              - {name: spindleLoad, address: load, unit: "%", min: 0, max: 150}
              - {name: oilTemp, address: oil_temp, scale: 0.1, unit: "degC"}
            alarms:
              - {bit: 0, code: A100, text: Door open}
              - {bit: 2, code: A102, text: Oil pressure low, severity: CRITICAL}
            """).get(0);

    private final RecordingSink sink = new RecordingSink();
    private final SignalProcessor processor = new SignalProcessor(MACHINE, sink);

    @Test
    void declaresItsTelemetryAsKeyParametersWithUnits() {
        processor.declareParameters(T0);
        assertThat(sink.of(io.plantstream.events.MachineParameters.class)).singleElement().satisfies(declaration -> {
            assertThat(declaration.machineId()).isEqualTo("M07");
            assertThat(declaration.parameters()).extracting(p -> p.name() + " " + p.unit())
                    .containsExactly("spindleLoad %", "oilTemp degC");
        });
    }

    @Test
    void statesFollowTheRulesAndAreReannouncedAsAHeartbeat() {
        accept(0, Map.of("running", 1, "fault", 0, "partCounter", 10));
        accept(1, Map.of("running", 1, "fault", 0, "partCounter", 11));
        accept(2, Map.of("running", 1, "fault", 1, "partCounter", 11));
        accept(13, Map.of("running", 0, "fault", 1, "partCounter", 11));
        accept(14, Map.of("running", 0, "fault", 0, "partCounter", 11));
        assertThat(sink.of(MachineState.class)).extracting(MachineState::state, MachineState::reasonCode)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(MachineStatus.RUNNING, null),
                        org.assertj.core.groups.Tuple.tuple(MachineStatus.DOWN, "FAULT"),
                        org.assertj.core.groups.Tuple.tuple(MachineStatus.DOWN, "FAULT"),
                        org.assertj.core.groups.Tuple.tuple(MachineStatus.IDLE, null));
    }

    @Test
    void countsComeFromTheAbsoluteCountersAndCarryTheJob() {
        accept(0, Map.of("partCounter", 100, "rejectCounter", 4, "activeJob", 4711.0));
        accept(1, Map.of("partCounter", 103, "rejectCounter", 5, "activeJob", 4711.0));
        accept(2, Map.of("partCounter", 2, "rejectCounter", 0, "activeJob", 4711.0));
        assertThat(sink.of(MachineCounts.class)).extracting(MachineCounts::producedDelta, MachineCounts::rejectedDelta,
                        MachineCounts::counterReset, MachineCounts::orderNo)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(3L, 1L, false, "4711"),
                        org.assertj.core.groups.Tuple.tuple(2L, 0L, true, "4711"));
    }

    @Test
    void badValuesGoToTheDeadLetterTopicAndNeverBecomeEvents() {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("partCounter", null);
        values.put("spindleLoad", Double.NaN);
        values.put("oilTemp", "hot");
        values.put("running", 1);
        accept(0, values);
        accept(1, Map.of("partCounter", 5, "spindleLoad", 180.0, "running", 1));
        accept(2, Map.of("partCounter", 4.5, "running", 1));
        assertThat(sink.deadLetters).containsExactly(
                "machine.counts.v1: partCounter (good) is null",
                "machine.telemetry.v1: spindleLoad (load) = NaN is not a finite number; oilTemp (oil_temp) = 'hot' is "
                        + "not a number",
                "machine.telemetry.v1: spindleLoad = 180.0 is above its maximum 150.0",
                "machine.counts.v1: partCounter = 4.5 is not a whole number");
        assertThat(sink.contents.get(1)).as("the dead letter carries the raw values")
                .contains("\"spindleLoad\":\"NaN\"", "\"oilTemp\":\"hot\"", "\"machineId\":\"M07\"");
        assertThat(sink.of(MachineTelemetry.class)).isEmpty();
        assertThat(sink.of(MachineCounts.class)).isEmpty();
    }

    @Test
    void telemetryIsScaledWithItsUnits() {
        accept(0, Map.of("spindleLoad", 42.5, "oilTemp", 655));
        assertThat(sink.of(MachineTelemetry.class)).singleElement().satisfies(t -> assertThat(t.samples())
                .extracting(s -> s.tag() + "=" + s.value() + s.unit()).containsExactly("spindleLoad=42.5%",
                        "oilTemp=65.5degC"));
    }

    @Test
    void alarmBitsAndTextsAreRaisedAndCleared() {
        accept(0, Map.of("alarmWord", 0, "alarmText", ""));
        accept(1, Map.of("alarmWord", 5, "alarmText", "E-Stop pressed"));
        accept(2, Map.of("alarmWord", 4, "alarmText", ""));
        assertThat(sink.of(MachineAlarm.class)).extracting(a -> a.alarmCode() + " " + a.action() + " " + a.severity())
                .containsExactly("A100 RAISED WARNING", "A102 RAISED CRITICAL", "TEXT RAISED WARNING",
                        "A100 CLEARED WARNING", "TEXT CLEARED WARNING");
        assertThat(sink.of(MachineAlarm.class).get(0).action()).isEqualTo(AlarmAction.RAISED);
    }

    @Test
    void aSilentMachineTurnsOfflineOnceAndBackOnWithItsNextSignal() {
        accept(0, Map.of("running", 1, "partCounter", 1));
        processor.tick(T0.plusSeconds(29));
        processor.tick(T0.plusSeconds(31));
        processor.tick(T0.plusSeconds(40));
        accept(41, Map.of("running", 1, "partCounter", 1));
        assertThat(sink.of(MachineState.class)).extracting(MachineState::state).containsExactly(MachineStatus.RUNNING,
                MachineStatus.OFFLINE, MachineStatus.RUNNING);
        assertThat(sink.of(MachineState.class).get(1).reasonCode()).isEqualTo("NO_SIGNAL");
    }

    @Test
    void silenceCountsFromWhenASampleArrivedNotFromTheTimeItCarries() {
        processor.accept(new RawSample(T0.minusSeconds(3600), Map.of("running", 1, "partCounter", 1), "file:a.csv#2",
                "M07/a.csv#2", T0));
        processor.tick(T0.plusSeconds(29));
        assertThat(sink.of(MachineState.class)).extracting(MachineState::state).containsExactly(MachineStatus.RUNNING);
        processor.tick(T0.plusSeconds(31));
        assertThat(sink.of(MachineState.class)).extracting(MachineState::state).containsExactly(MachineStatus.RUNNING,
                MachineStatus.OFFLINE);
    }

    @Test
    void aMachineNeverReachedTurnsOfflineAfterItsSilenceTimeout() {
        processor.tick(T0);
        processor.tick(T0.plusSeconds(31));
        assertThat(sink.of(MachineState.class)).extracting(MachineState::state).containsExactly(MachineStatus.OFFLINE);
    }

    @Test
    void samplesWithAStableIdentityYieldStableEventIds() {
        RecordingSink again = new RecordingSink();
        SignalProcessor replay = new SignalProcessor(MACHINE, again);
        for (SignalProcessor p : List.of(processor, replay)) {
            p.accept(new RawSample(T0, Map.of("partCounter", 1), "sql:results#1", "M07/results/1"));
            p.accept(new RawSample(T0.plusSeconds(1), Map.of("partCounter", 2), "sql:results#2", "M07/results/2"));
        }
        assertThat(again.of(MachineCounts.class).get(0).meta().eventId())
                .isEqualTo(sink.of(MachineCounts.class).get(0).meta().eventId());
    }

    private void accept(int second, Map<String, Object> values) {
        processor.accept(new RawSample(T0.plusSeconds(second), values, "test", null));
    }
}
