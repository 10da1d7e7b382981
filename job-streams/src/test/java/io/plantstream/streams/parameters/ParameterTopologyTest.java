package io.plantstream.streams.parameters;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.plantstream.events.Alert;
import io.plantstream.events.AlertKind;
import io.plantstream.events.EventMeta;
import io.plantstream.events.MachineStatus;
import io.plantstream.events.MachineTelemetry;
import io.plantstream.events.ParameterSpec;
import io.plantstream.events.ParameterStats;
import io.plantstream.events.SampleQuality;
import io.plantstream.events.Severity;
import io.plantstream.events.StatsResolution;
import io.plantstream.events.TagSample;
import io.plantstream.events.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.DoubleStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The parameter stream through its production topology, with explicit event times. */
class ParameterTopologyTest {
    private static final Instant T0 = Instant.parse("2026-03-02T06:00:00Z");
    private static final String M = "M01";
    private static final ParameterSpec CONTROLLED = new ParameterSpec("oilTemp", "degC", null, null, 40.0, 60.0);

    private ParameterDriver plant = new ParameterDriver(ZoneOffset.UTC, T0);

    @AfterEach
    void close() {
        plant.close();
    }

    @Test
    void minuteAndHourAggregatesAreExact() {
        plant.declare(M, T0.minusSeconds(5), ParameterSpec.of("oilTemp", "degC"));
        double[] values = new double[2 * 3600];
        for (int i = 0; i < values.length; i++) {
            values[i] = 40 + (i % 7) * 0.5 + i / 600 + (i % 13) * 0.01;
            plant.sample(M, T0.plusSeconds(i), "oilTemp", values[i], "degC");
        }
        plant.sample(M, T0.plusSeconds(2 * 3600 + 20), "oilTemp", 41, "degC");

        List<ParameterStats> minutes = plant.drainMinutes();
        assertThat(minutes).hasSize(120);
        for (int m = 0; m < 120; m++) {
            assertExact(minutes.get(m), StatsResolution.MINUTE, T0.plusSeconds(60L * m), slice(values, 60 * m, 60));
        }
        List<ParameterStats> hours = plant.hours.readValuesToList();
        assertThat(hours).hasSize(2);
        assertExact(hours.get(0), StatsResolution.HOUR, T0, slice(values, 0, 3600));
        assertExact(hours.get(1), StatsResolution.HOUR, T0.plusSeconds(3600), slice(values, 3600, 3600));
        assertThat(plant.deadLetterReasons()).isEmpty();
    }

    @Test
    void hoursAreThePlantsHoursInAZoneWithAHalfHourOffset() {
        plant.close();
        plant = new ParameterDriver(ZoneId.of("Asia/Kolkata"), T0);
        plant.declare(M, T0.minusSeconds(5), ParameterSpec.of("oilTemp", "degC"));
        for (int s = 0; s < 100 * 60; s += 10) {
            plant.sample(M, T0.plusSeconds(s), "oilTemp", 50, "degC");
        }
        plant.sample(M, T0.plus(Duration.ofMinutes(100)).plusSeconds(20), "oilTemp", 50, "degC");

        assertThat(plant.hours.readValuesToList()).extracting(ParameterStats::windowStart, ParameterStats::count)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(Instant.parse("2026-03-02T05:30:00Z"), 180L),
                        org.assertj.core.groups.Tuple.tuple(Instant.parse("2026-03-02T06:30:00Z"), 360L));
    }

    @Test
    void aStableProcessRaisesNothing() {
        plant.declare(M, T0.minusSeconds(5), CONTROLLED);
        plant.declare("M02", T0.minusSeconds(5), new ParameterSpec("oilTemp", "degC", null, null, null, null, true));
        double[] wobble = {49.2, 50.9, 49.8, 50.3, 48.7, 51.1, 50.2, 49.6};
        for (int m = 0; m < 60; m++) {
            plant.minuteOf(M, minute(m), "oilTemp", wobble[m % wobble.length], "degC");
            plant.minuteOf("M02", minute(m), "oilTemp", wobble[m % wobble.length], "degC");
        }
        assertThat(plant.drainMinutes()).hasSize(2 * 59);
        assertThat(plant.drainAlerts()).isEmpty();
    }

    @Test
    void aMinuteBeyondThreeSigmaRaisesAnAlertThatClearsWhenBack() {
        plant.declare(M, T0.minusSeconds(5), CONTROLLED);
        int m = alternate(0, 30);
        plant.minuteOf(M, minute(m++), "oilTemp", 61, "degC");
        plant.minuteOf(M, minute(m++), "oilTemp", 49, "degC");
        closeMinutesBefore(m);

        List<Alert> alerts = plant.drainAlerts();
        assertThat(alerts).extracting(Alert::active).containsExactly(true, false);
        Alert raised = alerts.get(0);
        assertThat(raised.alertId()).isEqualTo("M01:oilTemp:beyond-3-sigma");
        assertThat(raised.kind()).isEqualTo(AlertKind.PARAMETER_DRIFT);
        assertThat(raised.message()).isEqualTo("M01 oilTemp: one-minute mean 61 degC beyond three sigma (60)");
        assertThat(raised.finding().values()).containsExactly(61.0);
        assertThat(raised.finding().at()).isEqualTo(minute(30));
        assertThat(raised.finding().reference()).isCloseTo(60.0, within(1e-9));
    }

    @Test
    void eightMinutesOnOneSideOfTheCentreLineAreARun() {
        plant.declare(M, T0.minusSeconds(5), CONTROLLED);
        int m = alternate(0, 11);
        for (int i = 0; i < 8; i++) {
            plant.minuteOf(M, minute(m++), "oilTemp", i % 2 == 0 ? 51 : 52, "degC");
        }
        closeMinutesBefore(m);
        List<Alert> raised = plant.drainAlerts();
        assertThat(raised).singleElement().satisfies(alert -> {
            assertThat(alert.alertId()).isEqualTo("M01:oilTemp:run-of-8");
            assertThat(alert.active()).isTrue();
            assertThat(alert.finding().values()).containsExactly(51.0, 52.0, 51.0, 52.0, 51.0, 52.0, 51.0, 52.0);
            assertThat(alert.finding().reference()).isEqualTo(50.0);
            assertThat(alert.message()).isEqualTo("M01 oilTemp: 8 one-minute means in a row above the centre line 50");
        });

        plant.minuteOf(M, minute(m++), "oilTemp", 48, "degC");
        closeMinutesBefore(m);
        assertThat(plant.drainAlerts()).singleElement().satisfies(alert -> {
            assertThat(alert.alertId()).isEqualTo("M01:oilTemp:run-of-8");
            assertThat(alert.active()).isFalse();
        });
    }

    @Test
    void sixRisingMinutesAreATrend() {
        plant.declare(M, T0.minusSeconds(5), CONTROLLED);
        int m = alternate(0, 8);
        for (double mean : new double[] {50.5, 51, 51.5, 52, 52.5, 53, 49.5}) {
            plant.minuteOf(M, minute(m++), "oilTemp", mean, "degC");
        }
        closeMinutesBefore(m);
        List<Alert> alerts = plant.drainAlerts();
        assertThat(alerts).extracting(Alert::alertId, Alert::active).containsExactly(
                org.assertj.core.groups.Tuple.tuple("M01:oilTemp:trend-of-6", true),
                org.assertj.core.groups.Tuple.tuple("M01:oilTemp:trend-of-6", false));
        assertThat(alerts.get(0).finding().values()).containsExactly(50.5, 51.0, 51.5, 52.0, 52.5, 53.0);
        assertThat(alerts.get(0).message()).isEqualTo("M01 oilTemp: 6 one-minute means in a row rising, now 53 degC");
    }

    @Test
    void aParameterCanLearnItsCentreLineAndSigmaFromItsFirstMinutes() {
        plant.declare(M, T0.minusSeconds(5), new ParameterSpec("oilTemp", "degC", null, null, null, null, true));
        int m = alternate(0, ParameterDriver.LEARN_MINUTES);
        plant.minuteOf(M, minute(m++), "oilTemp", 53, "degC");
        plant.minuteOf(M, minute(m++), "oilTemp", 54, "degC");
        closeMinutesBefore(m);
        double sigma = Math.sqrt(20.0 / 19);
        assertThat(plant.drainAlerts()).singleElement().satisfies(alert -> {
            assertThat(alert.alertId()).isEqualTo("M01:oilTemp:beyond-3-sigma");
            assertThat(alert.finding().values()).containsExactly(54.0);
            assertThat(alert.finding().reference()).isCloseTo(50 + 3 * sigma, within(1e-9));
        });
    }

    @Test
    void aSampleOutOfSpecificationRaisesOneAlertPerExcursion() {
        plant.declare(M, T0.minusSeconds(5), new ParameterSpec("pressure", "bar", 100.0, 250.0, null, null));
        double[] values = {200, 251, 260, 240, 99, 150};
        for (int i = 0; i < values.length; i++) {
            plant.sample(M, T0.plusSeconds(i), "pressure", values[i], "bar");
        }
        List<Alert> alerts = plant.drainAlerts();
        assertThat(alerts).extracting(Alert::active).containsExactly(true, false, true, false);
        assertThat(alerts).extracting(Alert::alertId).containsOnly("M01:pressure:out-of-spec");
        assertThat(alerts.get(0).kind()).isEqualTo(AlertKind.PARAMETER_OUT_OF_SPEC);
        assertThat(alerts.get(0).severity()).isEqualTo(Severity.CRITICAL);
        assertThat(alerts.get(0).message()).isEqualTo("M01 pressure 251 bar above its upper limit 250.0");
        assertThat(alerts.get(0).finding().at()).isEqualTo(T0.plusSeconds(1));
        assertThat(alerts.get(0).finding().reference()).isEqualTo(250.0);
        assertThat(alerts.get(2).message()).isEqualTo("M01 pressure 99 bar below its lower limit 100.0");
        assertThat(alerts.get(2).finding().reference()).isEqualTo(100.0);
    }

    @Test
    void aCycleTimeAboveTheJobsIdealCycleTimeIsSlow() {
        plant.order("4711", M, 10.0, T0.minusSeconds(60));
        plant.declare(M, T0.minusSeconds(5), ParameterSpec.of(ParameterProcessor.CYCLE_TIME, "s"));
        plant.declare("M02", T0.minusSeconds(5), ParameterSpec.of(ParameterProcessor.CYCLE_TIME, "ms"));
        plant.count(M, T0, "4711");
        plant.minuteOf(M, minute(0), "cycleTime", 12.0, "s");
        plant.minuteOf("M02", minute(0), "cycleTime", 9_000, "ms");
        plant.minuteOf(M, minute(1), "cycleTime", 10.5, "s");
        plant.minuteOf("M02", minute(1), "cycleTime", 8_500, "ms");
        plant.sample(M, minute(2).plusSeconds(15), "cycleTime", 10.5, "s");
        plant.sample("M02", minute(2).plusSeconds(15), "cycleTime", 8_500, "ms");

        List<Alert> alerts = plant.drainAlerts();
        assertThat(alerts).extracting(Alert::message).containsExactly(
                "M01 cycle time 12 s is 20 % above the ideal 10 s of order 4711",
                "M02 cycle time 9 s is 13 % above the machine's ideal 8 s",
                "M01 cycle time back at 10.5 s (the ideal 10 s of order 4711)",
                "M02 cycle time back at 8.5 s (the machine's ideal 8 s)");
        assertThat(alerts.get(1).finding().reference()).isEqualTo(8_000.0);
    }

    @Test
    void badTelemetryGoesToTheDeadLetterTopicWithTheReasonAndTheStreamGoesOn() {
        plant.declare(M, T0.minusSeconds(5), ParameterSpec.of("oilTemp", "degC"));
        plant.sample("M09", T0, "oilTemp", 50, "degC");
        plant.samples(M, T0.plusSeconds(1), new TagSample("oilTemp", 50, "degC", SampleQuality.GOOD),
                new TagSample("spindle", 3, "%", SampleQuality.GOOD));
        plant.sample(M, T0.plusSeconds(2), "oilTemp", 122, "degF");
        plant.rawTelemetry.pipeInput(M, raw(T0.plusSeconds(3), "NaN"), T0.plusSeconds(3));
        plant.rawTelemetry.pipeInput(M, raw(T0.plusSeconds(4), "Infinity"), T0.plusSeconds(4));
        plant.rawTelemetry.pipeInput(M, raw(T0.plusSeconds(5), "\"hot\""), T0.plusSeconds(5));
        plant.sample(M, T0.plusSeconds(6), "oilTemp", 52, "degC");
        plant.sample(M, T0.plusSeconds(80), "oilTemp", 51, "degC");
        plant.sample(M, T0.plusSeconds(30), "oilTemp", 51, "degC");

        List<String> reasons = plant.deadLetterReasons();
        assertThat(reasons).hasSize(7);
        assertThat(reasons.get(0)).startsWith("machine M09 declared no parameters");
        assertThat(reasons.get(1)).isEqualTo("'spindle' is not a declared parameter (machine M01 declares oilTemp); "
                + "the record's other samples were used");
        assertThat(reasons.get(2)).startsWith("'oilTemp' reported in degF, declared in degC");
        assertThat(reasons.subList(3, 6)).allSatisfy(reason -> assertThat(reason).contains("field 'samples[0]"));
        assertThat(reasons.get(6)).isEqualTo("late telemetry: 2026-03-02T06:00:30Z is in a minute closed already "
                + "(minutes before 2026-03-02T06:01:00Z are published)");
        assertThat(plant.drainMinutes()).singleElement().satisfies(first -> {
            assertThat(first.count()).isEqualTo(2);
            assertThat(first.mean()).isEqualTo(51.0);
        });
    }

    @Test
    void anIdleMachinesOpenWindowsArePublishedByTheWallClockAndItsHourCompletedLater() {
        plant.declare(M, T0.minusSeconds(5), ParameterSpec.of("oilTemp", "degC"));
        for (int s = 0; s <= 30; s++) {
            plant.sample(M, T0.plusSeconds(s), "oilTemp", 50, "degC");
        }
        assertThat(plant.drainMinutes()).isEmpty();
        plant.driver.advanceWallClockTime(ParameterDriver.IDLE_CLOSE.plusSeconds(10));
        assertThat(plant.drainMinutes()).singleElement().extracting(ParameterStats::count).isEqualTo(31L);
        assertThat(plant.hours.readValuesToList()).singleElement().extracting(ParameterStats::count).isEqualTo(31L);
        plant.driver.advanceWallClockTime(ParameterDriver.IDLE_CLOSE.plusSeconds(10));
        assertThat(plant.hours.isEmpty()).isTrue();

        plant.sample(M, T0.plusSeconds(600), "oilTemp", 56, "degC");
        plant.sample(M, T0.plusSeconds(3600 + 15), "oilTemp", 50, "degC");
        assertThat(plant.hours.readValuesToList()).singleElement().satisfies(hour -> {
            assertThat(hour.windowStart()).isEqualTo(T0);
            assertThat(hour.count()).isEqualTo(32);
            assertThat(hour.max()).isEqualTo(56.0);
        });
    }

    @Test
    void aParameterWithoutControlLimitsIsNotJudgedByTheControlRules() {
        plant.declare(M, T0.minusSeconds(5), ParameterSpec.of("oilTemp", "degC"));
        for (int m = 0; m < 30; m++) {
            plant.minuteOf(M, minute(m), "oilTemp", 40 + m, "degC");
        }
        assertThat(plant.drainMinutes()).hasSize(29);
        assertThat(plant.drainAlerts()).isEmpty();
    }

    @Test
    void onlyProductionMinutesAreJudged() {
        plant.declare(M, T0.minusSeconds(5), CONTROLLED);
        plant.state(M, T0, MachineStatus.RUNNING);
        int m = alternate(0, 10);
        plant.state(M, minute(m).plusSeconds(5), MachineStatus.DOWN);
        for (int i = 0; i < 12; i++) {
            plant.minuteOf(M, minute(m++), "oilTemp", 22, "degC");
        }
        plant.state(M, minute(m).plusSeconds(30), MachineStatus.RUNNING);
        plant.minuteOf(M, minute(m++), "oilTemp", 35, "degC");
        m = alternate(m, 4);
        closeMinutesBefore(m);

        assertThat(plant.drainMinutes()).hasSize(27);
        assertThat(plant.drainAlerts()).isEmpty();
    }

    /** Minutes alternating 49 and 51 from minute {@code from}, {@code count} of them; the next minute index. */
    private int alternate(int from, int count) {
        for (int i = 0; i < count; i++) {
            plant.minuteOf(M, minute(from + i), "oilTemp", i % 2 == 0 ? 49 : 51, "degC");
        }
        return from + count;
    }

    /** A sample past the grace period of minute {@code m - 1}, so it is closed. */
    private void closeMinutesBefore(int m) {
        plant.sample(M, minute(m).plus(ParameterDriver.GRACE).plusSeconds(1), "oilTemp", 50, "degC");
    }

    private static Instant minute(int m) {
        return T0.plusSeconds(60L * m);
    }

    private static byte[] raw(Instant t, String valueToken) {
        MachineTelemetry telemetry = new MachineTelemetry(new EventMeta("raw-" + t, "test", t,
                EventMeta.CURRENT_SCHEMA_VERSION), M, List.of(new TagSample("oilTemp", 12345.5, "degC",
                        SampleQuality.GOOD)));
        String json = new String(Topics.MACHINE_TELEMETRY.valueSerde().serializer()
                .serialize(Topics.MACHINE_TELEMETRY.name(), telemetry), StandardCharsets.UTF_8);
        return json.replace("12345.5", valueToken).getBytes(StandardCharsets.UTF_8);
    }

    private static double[] slice(double[] values, int from, int length) {
        double[] slice = new double[length];
        System.arraycopy(values, from, slice, 0, length);
        return slice;
    }

    private static void assertExact(ParameterStats stats, StatsResolution resolution, Instant start, double[] values) {
        double mean = DoubleStream.of(values).sum() / values.length;
        double variance = DoubleStream.of(values).map(v -> (v - mean) * (v - mean)).sum() / values.length;
        assertThat(stats.resolution()).isEqualTo(resolution);
        assertThat(stats.windowStart()).isEqualTo(start);
        assertThat(stats.windowEnd()).isEqualTo(start.plus(resolution.length()));
        assertThat(stats.count()).isEqualTo(values.length);
        assertThat(stats.min()).isEqualTo(DoubleStream.of(values).min().orElseThrow());
        assertThat(stats.max()).isEqualTo(DoubleStream.of(values).max().orElseThrow());
        assertThat(stats.mean()).isCloseTo(mean, within(1e-9));
        assertThat(stats.stddev()).isCloseTo(Math.sqrt(variance), within(1e-9));
        assertThat(stats.unit()).isEqualTo("degC");
    }
}
