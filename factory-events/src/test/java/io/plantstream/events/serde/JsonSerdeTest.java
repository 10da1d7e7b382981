package io.plantstream.events.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.plantstream.events.MachineCounts;
import io.plantstream.events.MachineState;
import io.plantstream.events.MachineTelemetry;
import io.plantstream.events.OeeKey;
import io.plantstream.events.SampleEvents;
import io.plantstream.events.Topic;
import io.plantstream.events.Topics;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JsonSerdeTest {

    private static final String STATE_TOPIC = Topics.MACHINE_STATE.name();
    private static final String VALID_STATE = """
            {"meta":{"eventId":"e1","source":"collector-M01","eventTime":"2026-03-02T06:00:00Z","schemaVersion":1},
             "machineId":"M01","state":"DOWN","reasonCode":"E-104"}""";

    @Test
    void everySampleSurvivesTheRoundTrip() {
        SampleEvents.byTopic().forEach((topic, event) -> assertThat(roundTrip(topic, event))
                .as(topic.name())
                .isEqualTo(event));
    }

    @Test
    void oeeKeysRoundTrip() {
        OeeKey key = SampleEvents.oeeRecord().key();
        byte[] bytes = Topics.OEE.keySerde().serializer().serialize(Topics.OEE.name(), key);
        assertThat(Topics.OEE.keySerde().deserializer().deserialize(Topics.OEE.name(), bytes)).isEqualTo(key);
    }

    @Test
    void optionalFieldsMayBeAbsent() {
        MachineState state = decodeState(VALID_STATE);
        assertThat(state.reasonText()).isNull();
        assertThat(state.reasonCode()).isEqualTo("E-104");
    }

    @Test
    void aTombstoneReadsAsNull() {
        assertThat(stateSerde().deserialize(STATE_TOPIC, null)).isNull();
    }

    @Test
    void malformedJsonNamesTopicAndPosition() {
        assertThatThrownBy(() -> decodeState("{\"meta\": {\"eventId\": \"e1\", "))
                .isInstanceOf(EventDecodingException.class)
                .hasMessageStartingWith("machine.state.v1: payload is not valid JSON: it ends early at line 1, column");
        assertThatThrownBy(() -> decodeState("{\"meta\": nope}"))
                .isInstanceOf(EventDecodingException.class)
                .hasMessageStartingWith("machine.state.v1: payload is not valid JSON at line 1, column 10: "
                        + "Unrecognized token 'nope'");
    }

    @Test
    void anEmptyPayloadIsRefused() {
        assertThatThrownBy(() -> stateSerde().deserialize(STATE_TOPIC, new byte[0]))
                .isInstanceOf(EventDecodingException.class)
                .hasMessage("machine.state.v1: payload is empty");
    }

    @Test
    void aMissingRequiredFieldIsNamed() {
        String json = VALID_STATE.replace("\"machineId\":\"M01\",", "");
        assertThatThrownBy(() -> decodeState(json))
                .isInstanceOf(EventDecodingException.class)
                .hasMessage("machine.state.v1: field 'machineId' is missing")
                .satisfies(e -> assertThat(((EventDecodingException) e).field()).isEqualTo("machineId"));
    }

    @Test
    void aMissingNestedFieldIsNamedWithItsPath() {
        String json = VALID_STATE.replace("\"source\":\"collector-M01\",", "");
        assertThatThrownBy(() -> decodeState(json))
                .isInstanceOf(EventDecodingException.class)
                .hasMessage("machine.state.v1: field 'meta.source' is missing");
    }

    @Test
    void anExplicitNullForARequiredFieldIsRefused() {
        String json = VALID_STATE.replace("\"state\":\"DOWN\"", "\"state\":null");
        assertThatThrownBy(() -> decodeState(json))
                .isInstanceOf(EventDecodingException.class)
                .hasMessage("machine.state.v1: field 'state' is required");
    }

    @Test
    void anUnknownEnumValueListsTheAllowedOnes() {
        String json = VALID_STATE.replace("\"DOWN\"", "\"EXPLODED\"");
        assertThatThrownBy(() -> decodeState(json))
                .isInstanceOf(EventDecodingException.class)
                .hasMessage("machine.state.v1: field 'state' has the value \"EXPLODED\", which is not a valid "
                        + "MachineStatus (one of RUNNING, IDLE, DOWN, SETUP, PLANNED_STOP, OFFLINE)");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "a string for a number      | \"producedDelta\":12          | \"producedDelta\":\"12\"    | producedDelta",
        "a fraction for a whole     | \"producedDelta\":12          | \"producedDelta\":12.5      | producedDelta",
        "a number for a text        | \"machineId\":\"M01\"         | \"machineId\":17            | machineId",
        "a boolean for a number     | \"rejectedDelta\":1           | \"rejectedDelta\":true      | rejectedDelta",
        "a number for a boolean     | \"counterReset\":false        | \"counterReset\":0          | counterReset",
        "an object for a number     | \"producedCounter\":40012     | \"producedCounter\":{}      | producedCounter"})
    void aWrongTypeIsNamed(String description, String valid, String wrong, String field) {
        String json = new String(Topics.MACHINE_COUNTS.valueSerde().serializer()
                .serialize(Topics.MACHINE_COUNTS.name(), SampleEvents.machineCounts()), StandardCharsets.UTF_8);
        assertThat(json).contains(valid);
        JsonSerde<MachineCounts> serde = new JsonSerde<>(MachineCounts.class);
        assertThatThrownBy(() -> serde.deserialize("machine.counts.v1", json.replace(valid, wrong)
                        .getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(EventDecodingException.class)
                .hasMessageStartingWith("machine.counts.v1: field '" + field + "' ")
                .satisfies(e -> assertThat(((EventDecodingException) e).field()).isEqualTo(field));
    }

    @Test
    void anUnknownSchemaVersionIsRefused() {
        String json = VALID_STATE.replace("\"schemaVersion\":1", "\"schemaVersion\":7");
        assertThatThrownBy(() -> decodeState(json))
                .isInstanceOf(EventDecodingException.class)
                .hasMessage("machine.state.v1: field 'meta.schemaVersion' is 7, this build reads version 1");
    }

    @Test
    void aBrokenValueInsideAListIsNamedWithItsIndex() {
        String json = """
                {"meta":{"eventId":"e1","source":"c","eventTime":"2026-03-02T06:00:00Z","schemaVersion":1},
                 "machineId":"M01","samples":[{"tag":"a","value":1.0,"quality":"GOOD"},{"tag":" ","value":2.0,"quality":"GOOD"}]}""";
        JsonSerde<MachineTelemetry> serde = new JsonSerde<>(MachineTelemetry.class);
        assertThatThrownBy(() -> serde.deserialize("machine.telemetry.v1", json.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(EventDecodingException.class)
                .hasMessage("machine.telemetry.v1: field 'samples[1].tag' must not be blank");
    }

    @Test
    void negativeCountsAreRefused() {
        String json = new String(Topics.MACHINE_COUNTS.valueSerde().serializer()
                .serialize("t", SampleEvents.machineCounts()), StandardCharsets.UTF_8)
                .replace("\"producedDelta\":12", "\"producedDelta\":-3");
        assertThatThrownBy(() -> new JsonSerde<>(MachineCounts.class).deserialize("machine.counts.v1",
                json.getBytes(StandardCharsets.UTF_8)))
                .hasMessage("machine.counts.v1: field 'producedDelta' must not be negative, was -3");
    }

    @Test
    void trailingGarbageIsRefused() {
        assertThatThrownBy(() -> decodeState(VALID_STATE + " {}"))
                .isInstanceOf(EventDecodingException.class)
                .hasMessageStartingWith("machine.state.v1: ");
    }

    private static MachineState decodeState(String json) {
        return stateSerde().deserialize(STATE_TOPIC, json.getBytes(StandardCharsets.UTF_8));
    }

    private static JsonSerde<MachineState> stateSerde() {
        return new JsonSerde<>(MachineState.class);
    }

    @SuppressWarnings("unchecked")
    private static <V> Object roundTrip(Topic<?, V> topic, Object event) {
        byte[] bytes = topic.valueSerde().serializer().serialize(topic.name(), (V) event);
        return topic.valueSerde().deserializer().deserialize(topic.name(), bytes);
    }
}
