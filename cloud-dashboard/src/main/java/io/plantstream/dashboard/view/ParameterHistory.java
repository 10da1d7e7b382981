package io.plantstream.dashboard.view;

import io.plantstream.events.Alert;
import io.plantstream.events.MachineParameters;
import io.plantstream.events.ParameterSpec;
import io.plantstream.events.ParameterStats;
import io.plantstream.events.StatsResolution;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * The key parameters of every machine, as the charts need them: what each machine declares (unit,
 * limits), its one-minute aggregates of the last day and its one-hour aggregates of the last 35
 * days, and the parameter alerts. One writer (the feed), many readers (the pages); every method
 * takes the one lock briefly and hands out immutable records.
 */
public final class ParameterHistory {
    /** One-minute aggregates are kept this long: the last hour and the shift are drawn from them. */
    static final Duration MINUTES_KEPT = Duration.ofHours(26);
    /** One-hour aggregates are kept this long: the week and the month are drawn from them. */
    static final Duration HOURS_KEPT = Duration.ofDays(35);
    private static final int ALERTS_KEPT = 200;

    private final Clock clock;
    private final Map<String, Map<String, MachineParameters>> declared = new HashMap<>();
    private final Map<String, Series> series = new HashMap<>();

    public ParameterHistory(Clock clock) {
        this.clock = clock;
    }

    /** The ranges a chart can show, and the resolution each is drawn at. */
    public enum Range {
        HOUR(Duration.ofHours(1), StatsResolution.MINUTE),
        SHIFT(Duration.ofHours(8), StatsResolution.MINUTE),
        DAY(Duration.ofHours(24), StatsResolution.MINUTE),
        WEEK(Duration.ofDays(7), StatsResolution.HOUR),
        MONTH(Duration.ofDays(31), StatsResolution.HOUR);

        final Duration length;
        final StatsResolution resolution;

        Range(Duration length, StatsResolution resolution) {
            this.length = length;
            this.resolution = resolution;
        }

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** A parameter of a machine: unit, limits, the latest one-minute mean and its open alerts. */
    public record ParameterSummary(String name, String unit, Double specLower, Double specUpper, Double controlLower,
            Double controlUpper, boolean learnsControl, Double latestMean, Instant latestAt, int activeAlerts) {
    }

    /** One point of a chart: a window's aggregate. */
    public record Point(Instant start, Instant end, long count, double min, double max, double mean, double stddev) {
    }

    /** A parameter alert, raised or cleared, as the chart marks it. */
    public record ParameterAlert(String alertId, String rule, String kind, String severity, boolean active,
            Instant at, Instant raisedAt, List<Double> values, Double reference, String message) {
    }

    /** What a chart needs: the points of the range at its resolution, the limits and the alerts in it. */
    public record Chart(String site, String machineId, String parameter, String unit, String range, String resolution,
            Instant from, Instant to, Double specLower, Double specUpper, Double controlLower, Double controlUpper,
            List<Point> points, List<ParameterAlert> alerts) {
    }

    /** Takes a record of a site's topic; true when it was a parameter record. */
    public synchronized boolean apply(String site, Object value) {
        if (value instanceof MachineParameters declaration) {
            declared.computeIfAbsent(site, s -> new HashMap<>()).put(declaration.machineId(), declaration);
            return true;
        }
        if (value instanceof ParameterStats stats) {
            Series s = series.computeIfAbsent(key(site, stats.machineId(), stats.parameter()), k -> new Series());
            Instant now = clock.instant();
            if (stats.resolution() == StatsResolution.MINUTE) {
                s.minutes.put(stats.windowStart(), stats);
                s.minutes.headMap(now.minus(MINUTES_KEPT)).clear();
            } else {
                s.hours.put(stats.windowStart(), stats);
                s.hours.headMap(now.minus(HOURS_KEPT)).clear();
            }
            s.latest = stats.resolution() == StatsResolution.MINUTE
                    && (s.latest == null || !stats.windowStart().isBefore(s.latest.windowStart())) ? stats : s.latest;
            return true;
        }
        if (value instanceof Alert alert && alert.finding() != null) {
            Series s = series.computeIfAbsent(key(site, alert.machineId(), alert.finding().parameter()),
                    k -> new Series());
            Instant raisedAt = alert.active() ? alert.finding().at() : s.raised.getOrDefault(alert.alertId(), null);
            if (alert.active()) {
                s.raised.put(alert.alertId(), alert.finding().at());
            } else {
                s.raised.remove(alert.alertId());
            }
            s.alerts.addLast(new ParameterAlert(alert.alertId(), alert.finding().rule(), alert.kind().name(),
                    alert.severity().name(), alert.active(), alert.finding().at(), raisedAt, alert.finding().values(),
                    alert.finding().reference(), alert.message()));
            while (s.alerts.size() > ALERTS_KEPT) {
                s.alerts.removeFirst();
            }
            return true;
        }
        return false;
    }

    /** The parameters a machine declared (or, before its declaration arrived, the ones with aggregates). */
    public synchronized List<ParameterSummary> parameters(String site, String machineId) {
        Map<String, ParameterSummary> result = new TreeMap<>();
        MachineParameters declaration = declared.getOrDefault(site, Map.of()).get(machineId);
        if (declaration != null) {
            for (ParameterSpec p : declaration.parameters()) {
                Series s = series.get(key(site, machineId, p.name()));
                result.put(p.name(), new ParameterSummary(p.name(), p.unit(), p.specLower(), p.specUpper(),
                        p.controlLower(), p.controlUpper(), p.learnControl(), latestMean(s), latestAt(s), active(s)));
            }
        }
        String prefix = key(site, machineId, "");
        series.forEach((key, s) -> {
            String name = key.substring(prefix.length());
            if (key.startsWith(prefix) && !result.containsKey(name) && s.latest != null) {
                ParameterStats l = s.latest;
                result.put(name, new ParameterSummary(name, l.unit(), l.specLower(), l.specUpper(), l.controlLower(),
                        l.controlUpper(), false, l.mean(), l.windowEnd(), active(s)));
            }
        });
        return List.copyOf(result.values());
    }

    /** The chart of a parameter over a range ending now; the shift range starts at {@code shiftStart} when known. */
    public synchronized Chart chart(String site, String machineId, String parameter, Range range, Instant shiftStart) {
        Instant to = clock.instant();
        Instant from = range == Range.SHIFT && shiftStart != null && shiftStart.isBefore(to) ? shiftStart
                : to.minus(range.length);
        Series s = series.get(key(site, machineId, parameter));
        ParameterSpec declaredSpec = declared.getOrDefault(site, Map.of()).containsKey(machineId)
                ? declared.get(site).get(machineId).parameter(parameter).orElse(null) : null;
        if (s == null && declaredSpec == null) {
            return null;
        }
        List<Point> points = new ArrayList<>();
        List<ParameterAlert> alerts = new ArrayList<>();
        ParameterStats last = null;
        if (s != null) {
            NavigableMap<Instant, ParameterStats> windows = range.resolution == StatsResolution.MINUTE ? s.minutes
                    : s.hours;
            for (ParameterStats w : windows.subMap(from.minus(range.resolution.length()), false, to, true).values()) {
                if (w.windowEnd().isAfter(from)) {
                    points.add(new Point(w.windowStart(), w.windowEnd(), w.count(), w.min(), w.max(), w.mean(),
                            w.stddev()));
                    last = w;
                }
            }
            s.alerts.stream().filter(a -> !a.at().isBefore(from) && !a.at().isAfter(to)).forEach(alerts::add);
        }
        // the declaration's unit and limits, else those the latest aggregate carried
        Limits limits = declaredSpec != null ? new Limits(declaredSpec.unit(), declaredSpec.specLower(),
                declaredSpec.specUpper(), declaredSpec.controlLower(), declaredSpec.controlUpper())
                : last == null ? new Limits(null, null, null, null, null)
                : new Limits(last.unit(), last.specLower(), last.specUpper(), last.controlLower(), last.controlUpper());
        return new Chart(site, machineId, parameter, limits.unit(), range.label(), range.resolution.name(), from, to,
                limits.specLower(), limits.specUpper(), limits.controlLower(), limits.controlUpper(),
                List.copyOf(points), List.copyOf(alerts));
    }

    private record Limits(String unit, Double specLower, Double specUpper, Double controlLower, Double controlUpper) {
    }

    private static Double latestMean(Series s) {
        return s == null || s.latest == null ? null : s.latest.mean();
    }

    private static Instant latestAt(Series s) {
        return s == null || s.latest == null ? null : s.latest.windowEnd();
    }

    private static int active(Series s) {
        return s == null ? 0 : s.raised.size();
    }

    private static String key(String site, String machineId, String parameter) {
        return site + '\u0000' + machineId + '\u0000' + parameter;
    }

    private static final class Series {
        final TreeMap<Instant, ParameterStats> minutes = new TreeMap<>();
        final TreeMap<Instant, ParameterStats> hours = new TreeMap<>();
        final Deque<ParameterAlert> alerts = new ArrayDeque<>();
        final Map<String, Instant> raised = new HashMap<>();
        ParameterStats latest;
    }
}
