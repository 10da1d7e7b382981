package io.plantstream.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EventRecordsTest {

    @Test
    void aNonFiniteSampleValueIsRefusedAtTheSource() {
        assertThatThrownBy(() -> new TagSample("temperature", Double.NaN, "degC", SampleQuality.GOOD))
                .isInstanceOf(InvalidFieldException.class)
                .hasMessage("field 'value' must be a finite number, was NaN");
    }

    @Test
    void aDispatchNeedsItsJobParameters() {
        assertThatThrownBy(() -> new JobCommand(EventMeta.of("dashboard", Instant.now()), "c1", "M01",
                JobCommandType.DISPATCH, "4711", "anna", Instant.now(), null))
                .isInstanceOf(InvalidFieldException.class)
                .hasMessage("field 'parameters' is required for a DISPATCH command");
    }

    @Test
    void aRejectionNeedsAReason() {
        assertThatThrownBy(() -> new JobAck(EventMeta.of("M01", Instant.now()), "c1", "M01", "4711",
                JobCommandType.START, AckResult.REJECTED, " "))
                .hasMessage("field 'reason' is required when the command was REJECTED");
    }

    @Test
    void anOeeAboveOneIsKeptAsComputed() {
        OeeRecord sample = SampleEvents.oeeRecord();
        OeeRecord high = new OeeRecord(sample.meta(), "M01", OeeGranularity.HOUR, sample.windowStart(),
                sample.windowStart().plusSeconds(3600), null, false, 3600, 3600, 4000, 4000, 4000, 1.0, 1.111, 1.0,
                1.111, sample.losses(), Map.of(), List.of("performance 111.1 % > 100 %: ideal cycle time too long?"));
        assertThat(high.performance()).isEqualTo(1.111);
        assertThat(high.dataProblems()).hasSize(1);
    }

    @Test
    void derivedIdsAreStableForTheSameFact() {
        Instant t = Instant.parse("2026-03-02T06:00:00Z");
        assertThat(EventMeta.derived("collector-M01", t, "counter:40012").eventId())
                .isEqualTo(EventMeta.derived("collector-M01", t, "counter:40012").eventId())
                .isNotEqualTo(EventMeta.derived("collector-M01", t, "counter:40013").eventId());
    }

    @Test
    void parameterLimitsMustBeOrderedAndControlLimitsComeInPairs() {
        assertThatThrownBy(() -> new ParameterSpec("temp", "degC", 80.0, 20.0, null, null))
                .hasMessage("field 'specLower' is 80.0, not below specUpper 20.0");
        assertThatThrownBy(() -> new ParameterSpec("temp", "degC", null, null, 40.0, null))
                .hasMessage("field 'controlUpper' is missing; control limits come in pairs");
        assertThat(new ParameterSpec("temp", "degC", 20.0, 80.0, null, null).outOfSpec(80.5))
                .isEqualTo("above its upper limit 80.0");
        assertThat(new ParameterSpec("temp", "degC", 20.0, null, null, null).outOfSpec(1e9)).isNull();
    }

    @Test
    void aMachineDeclaresEachParameterOnce() {
        assertThatThrownBy(() -> new MachineParameters(SampleEvents.meta("collector-M01"), "M01",
                List.of(ParameterSpec.of("temp", "degC"), ParameterSpec.of("temp", "K"))))
                .hasMessage("field 'parameters' declares 'temp' twice");
    }
}
