package io.plantstream.streams.oee;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.plantstream.events.MachineStatus;
import io.plantstream.events.OeeGranularity;
import io.plantstream.events.OeeRecord;
import io.plantstream.streams.calendar.Interval;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The OEE arithmetic on its own, against the Vorne worked example and its edge cases. */
class OeeFiguresTest {
    private static final long MIN = 60_000;
    private static final long T0 = Instant.parse("2026-03-02T06:00:00Z").toEpochMilli();
    private static final Interval SHIFT = new Interval(T0, T0 + 480 * MIN);
    private static final List<Interval> BREAKS = List.of(
            new Interval(T0 + 120 * MIN, T0 + 135 * MIN),
            new Interval(T0 + 240 * MIN, T0 + 270 * MIN),
            new Interval(T0 + 360 * MIN, T0 + 375 * MIN));
    private static final long TIMEOUT = MIN;

    @Test
    void theVorneWorkedExample() {
        MachineTimeline timeline = heartbeatEvery30s(SHIFT);
        timeline.recordState(T0, MachineStatus.RUNNING, null);
        timeline.recordState(T0 + 60 * MIN, MachineStatus.DOWN, "E-104");
        timeline.recordState(T0 + 107 * MIN, MachineStatus.RUNNING, null);
        WindowCounts counts = WindowCounts.NONE.plus(19_271, 423, 1_000_000);

        OeeRecord oee = record(timeline, SHIFT, counts);

        assertThat(oee.plannedSeconds()).isEqualTo(420 * 60.0);
        assertThat(oee.runSeconds()).isEqualTo(373 * 60.0);
        assertThat(oee.availability()).isCloseTo(0.8881, within(0.00005));
        assertThat(oee.performance()).isCloseTo(0.8611, within(0.00005));
        assertThat(oee.quality()).isCloseTo(0.9780, within(0.00005));
        assertThat(oee.oee()).isCloseTo(0.7479, within(0.00005));
        assertThat(oee.availability() * oee.performance() * oee.quality()).isCloseTo(oee.oee(), within(1e-12));
        assertThat(oee.losses().downtimeByReason()).containsEntry("E-104", 47 * 60.0);
        assertThat(oee.losses().plannedStopSeconds()).isEqualTo(60 * 60.0);
        assertThat(oee.dataProblems()).isEmpty();
        double points = oee.lossPoints().values().stream().mapToDouble(Double::doubleValue).sum();
        assertThat(oee.oee() + points).as("OEE plus all loss points is the whole planned time").isCloseTo(1.0, within(1e-9));
    }

    @Test
    void twoJobsWeighByTheirIdealCycleTimes() {
        MachineTimeline timeline = heartbeatEvery30s(SHIFT);
        timeline.recordState(T0, MachineStatus.RUNNING, null);
        WindowCounts counts = WindowCounts.NONE.plus(6_000, 100, 1_000_000).plus(3_000, 50, 2_500_000);

        OeeRecord oee = record(timeline, SHIFT, counts);

        double goodIdeal = (6_000 - 100) * 1.0 + (3_000 - 50) * 2.5;
        assertThat(oee.oee()).isCloseTo(goodIdeal / (420 * 60), within(1e-12));
        assertThat(oee.performance()).isCloseTo((6_000 * 1.0 + 3_000 * 2.5) / (420 * 60), within(1e-12));
        assertThat(oee.availability() * oee.performance() * oee.quality()).isCloseTo(oee.oee(), within(1e-12));
    }

    @Test
    void silenceIsNoSignalFromTheLastSignalOn() {
        MachineTimeline timeline = heartbeatEvery30s(new Interval(T0, T0 + 30 * MIN));
        timeline.recordState(T0, MachineStatus.RUNNING, null);
        heartbeats(timeline, new Interval(T0 + 100 * MIN, T0 + 120 * MIN));

        TimeBreakdown time = TimeAccounting.account(timeline, new Interval(T0, T0 + 120 * MIN), List.of(), TIMEOUT);

        long lastSignal = T0 + 30 * MIN - 30_000;
        assertThat(time.noSignalMs()).isEqualTo(T0 + 100 * MIN - lastSignal);
        assertThat(time.runMs()).isEqualTo(120 * MIN - time.noSignalMs());
    }

    @Test
    void aMachineNeverHeardFromIsNoSignalThroughout() {
        TimeBreakdown time = TimeAccounting.account(new MachineTimeline(), SHIFT, BREAKS, TIMEOUT);
        assertThat(time.noSignalMs()).isEqualTo(420 * MIN);
        assertThat(time.runMs()).isZero();
    }

    @Test
    void aPerformanceAboveOneIsReportedNotClamped() {
        MachineTimeline timeline = heartbeatEvery30s(SHIFT);
        timeline.recordState(T0, MachineStatus.RUNNING, null);
        OeeRecord oee = record(timeline, SHIFT, WindowCounts.NONE.plus(30_000, 0, 1_000_000));
        assertThat(oee.performance()).isCloseTo(30_000 / 25_200.0, within(1e-12));
        assertThat(oee.dataProblems()).anySatisfy(p -> assertThat(p).startsWith("performance 119.05 % is above 100 %"));
    }

    @Test
    void signalsArrivingOutOfOrderCloseTheGapTheyFill() {
        MachineTimeline timeline = new MachineTimeline();
        timeline.recordSignal(T0, TIMEOUT);
        timeline.recordSignal(T0 + 3 * MIN, TIMEOUT);
        assertThat(timeline.silences(T0, T0 + 3 * MIN, TIMEOUT)).hasSize(1);
        timeline.recordSignal(T0 + 2 * MIN, TIMEOUT);
        timeline.recordSignal(T0 + MIN, TIMEOUT);
        assertThat(timeline.silences(T0, T0 + 3 * MIN, TIMEOUT)).isEmpty();
    }

    private static OeeRecord record(MachineTimeline timeline, Interval window, WindowCounts counts) {
        TimeBreakdown time = TimeAccounting.account(timeline, window, BREAKS, TIMEOUT);
        return OeeFigures.record("test", "M01", OeeGranularity.SHIFT, Instant.ofEpochMilli(window.startMs()),
                Instant.ofEpochMilli(window.endMs()), "early", true, time, counts, Instant.ofEpochMilli(window.endMs()));
    }

    private static MachineTimeline heartbeatEvery30s(Interval span) {
        MachineTimeline timeline = new MachineTimeline();
        heartbeats(timeline, span);
        return timeline;
    }

    private static void heartbeats(MachineTimeline timeline, Interval span) {
        for (long t = span.startMs(); t < span.endMs(); t += 30_000) {
            timeline.recordSignal(t, TIMEOUT);
        }
    }
}
