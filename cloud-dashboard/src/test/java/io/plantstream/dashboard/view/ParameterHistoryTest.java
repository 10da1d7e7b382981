package io.plantstream.dashboard.view;

import static org.assertj.core.api.Assertions.assertThat;

import io.plantstream.dashboard.view.ParameterHistory.Chart;
import io.plantstream.dashboard.view.ParameterHistory.Range;
import io.plantstream.events.Alert;
import io.plantstream.events.AlertKind;
import io.plantstream.events.EventMeta;
import io.plantstream.events.MachineParameters;
import io.plantstream.events.ParameterFinding;
import io.plantstream.events.ParameterSpec;
import io.plantstream.events.ParameterStats;
import io.plantstream.events.Severity;
import io.plantstream.events.StatsResolution;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class ParameterHistoryTest {
    private static final Instant NOW = Instant.parse("2026-03-10T12:00:00Z");
    private final ParameterHistory history = new ParameterHistory(Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void eachRangeIsDrawnFromItsResolution() {
        for (int m = 1; m <= 30 * 60; m++) {
            history.apply("plant-a", stats(StatsResolution.MINUTE, NOW.minus(Duration.ofMinutes(m)), 50));
        }
        for (int h = 1; h <= 40 * 24; h++) {
            history.apply("plant-a", stats(StatsResolution.HOUR, NOW.minus(Duration.ofHours(h)), 50));
        }
        assertThat(history.chart("plant-a", "M01", "oilTemp", Range.HOUR, null).points()).hasSize(60);
        assertThat(history.chart("plant-a", "M01", "oilTemp", Range.SHIFT, null).points()).hasSize(8 * 60);
        assertThat(history.chart("plant-a", "M01", "oilTemp", Range.SHIFT, NOW.minus(Duration.ofMinutes(90)))
                .points()).hasSize(90);
        assertThat(history.chart("plant-a", "M01", "oilTemp", Range.DAY, null).points()).hasSize(24 * 60);
        assertThat(history.chart("plant-a", "M01", "oilTemp", Range.WEEK, null).points()).hasSize(7 * 24);
        // one-hour aggregates older than 35 days and one-minute ones older than 26 hours are not kept
        assertThat(history.chart("plant-a", "M01", "oilTemp", Range.MONTH, null).points()).hasSize(31 * 24);
        assertThat(history.chart("plant-a", "M01", "oilTemp", Range.DAY, null).from()).isEqualTo(NOW.minus(Duration.ofDays(1)));
    }

    @Test
    void theDeclarationGivesUnitAndLimitsAndTheAlertsAreMarked() {
        history.apply("plant-a", new MachineParameters(EventMeta.of("c", NOW), "M01",
                List.of(new ParameterSpec("oilTemp", "degC", 20.0, 80.0, 40.0, 60.0), ParameterSpec.of("speed", "rpm"))));
        history.apply("plant-a", stats(StatsResolution.MINUTE, NOW.minus(Duration.ofMinutes(5)), 51.5));
        Instant at = NOW.minus(Duration.ofMinutes(3));
        history.apply("plant-a", alert(true, at));
        history.apply("plant-a", alert(false, at.plusSeconds(30)));
        history.apply("plant-a", alert(true, at.plusSeconds(90)));

        assertThat(history.parameters("plant-a", "M01")).extracting(p -> p.name() + " " + p.unit() + " "
                + p.latestMean() + " " + p.activeAlerts()).containsExactly("oilTemp degC 51.5 1", "speed rpm null 0");
        Chart chart = history.chart("plant-a", "M01", "oilTemp", Range.HOUR, null);
        assertThat(chart.specUpper()).isEqualTo(80.0);
        assertThat(chart.controlLower()).isEqualTo(40.0);
        assertThat(chart.alerts()).extracting(a -> a.active() + " " + a.raisedAt()).containsExactly(
                "true " + at, "false " + at, "true " + at.plusSeconds(90));
        assertThat(history.chart("plant-a", "M01", "nothing", Range.HOUR, null)).isNull();
        assertThat(history.apply("plant-a", new Alert(EventMeta.of("j", NOW), "M01:down", "M01", AlertKind.MACHINE_DOWN,
                Severity.CRITICAL, true, "down", null))).isFalse();
    }

    private static ParameterStats stats(StatsResolution resolution, Instant start, double mean) {
        return new ParameterStats(EventMeta.of("job-streams", start), "M01", "oilTemp", "degC", resolution, start,
                start.plus(resolution.length()), 60, mean - 1, mean + 1, mean, 0.5, null, null, null, null);
    }

    private static Alert alert(boolean active, Instant at) {
        return new Alert(EventMeta.of("job-streams", at), "M01:oilTemp:out-of-spec", "M01",
                AlertKind.PARAMETER_OUT_OF_SPEC, Severity.CRITICAL, active, "oilTemp", null,
                new ParameterFinding("oilTemp", "out-of-spec", at, List.of(81.0), 80.0));
    }
}
