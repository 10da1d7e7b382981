package io.plantstream.streams.parameters;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class MachineParameterStateSerdeTest {

    @Test
    void aStateComesBackAsItWasWritten() {
        MachineParameterState state = new MachineParameterState();
        state.clockMs = 1_000_000;
        state.closedUntilMs = 960_000;
        state.lastArrivalWallMs = 42;
        state.runningSinceMs = 900_000;
        state.orderNo = "4711";
        ParameterState temp = new ParameterState();
        temp.minutes.put(960_000L, moments(50, 51, 52.5));
        temp.hourStart = 0;
        temp.hour = moments(49, 50);
        temp.hourShown = true;
        temp.recent.addLast(50.5);
        temp.recent.addLast(51.25);
        temp.baseline = moments(50.5, 51.25);
        temp.setActive(Rule.RUN, true);
        state.parameters.put("oilTemp", temp);
        state.parameters.put("pressure", new ParameterState());

        MachineParameterState back = MachineParameterStateSerde.read(MachineParameterStateSerde.write(state));

        assertThat(back).usingRecursiveComparison().isEqualTo(state);
        assertThat(back.parameters.get("oilTemp").isActive(Rule.RUN)).isTrue();
        assertThat(back.parameters.get("oilTemp").isActive(Rule.TREND)).isFalse();
    }

    @Test
    void aStateOfAnotherVersionIsRefused() {
        byte[] bytes = MachineParameterStateSerde.write(new MachineParameterState());
        bytes[0] = 9;
        assertThatThrownBy(() -> MachineParameterStateSerde.read(bytes))
                .hasMessage("parameter state of version 9, this build reads 1");
    }

    @Test
    void mergedMomentsEqualMomentsOfAllValues() {
        Moments first = moments(1, 2, 3, 10);
        Moments second = moments(-4, 7.5);
        first.merge(second);
        Moments all = moments(1, 2, 3, 10, -4, 7.5);
        assertThat(first.count).isEqualTo(all.count);
        assertThat(first.mean).isCloseTo(all.mean, org.assertj.core.api.Assertions.within(1e-12));
        assertThat(first.m2).isCloseTo(all.m2, org.assertj.core.api.Assertions.within(1e-9));
        assertThat(first.min).isEqualTo(-4);
        assertThat(first.max).isEqualTo(10);
    }

    private static Moments moments(double... values) {
        Moments moments = new Moments();
        for (double value : values) {
            moments.add(value);
        }
        return moments;
    }
}
