package io.plantstream.streams.parameters;

import io.plantstream.events.Alert;
import io.plantstream.events.EventMeta;
import io.plantstream.events.InvalidFieldException;
import io.plantstream.events.MachineCounts;
import io.plantstream.events.MachineParameters;
import io.plantstream.events.MachineState;
import io.plantstream.events.MachineStatus;
import io.plantstream.events.MachineTelemetry;
import io.plantstream.events.ParameterFinding;
import io.plantstream.events.ParameterSpec;
import io.plantstream.events.ParameterStats;
import io.plantstream.events.SampleQuality;
import io.plantstream.events.StatsResolution;
import io.plantstream.events.TagSample;
import io.plantstream.streams.support.Decoded;
import io.plantstream.streams.support.DecodedStore;
import io.plantstream.streams.support.DeadLetterSupport;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns each machine's telemetry into one-minute and one-hour aggregates per declared parameter,
 * and checks every sample against the specification limits and every one-minute mean against the
 * control rules (beyond three sigma, a run of eight on one side, a trend of six) and, for the
 * cycle time, against the job's ideal cycle time. Alerts are raised when a rule starts to hold and
 * cleared when it stops.
 *
 * <p>Time is the machine's own event time: a minute is published once the machine's latest sample
 * is the grace period past its end, an hour once its last minute is. A machine that sends nothing
 * for the idle period has its open windows published by the wall clock (its hour again, complete,
 * once the hour is over).
 *
 * <p>The control rules and the cycle time judge production minutes only: minutes the machine ran
 * through from their start (a machine that never reported a state has every minute judged), so a
 * stop, a set-up or a warm-up does not read as a drifting process.
 *
 * <p>Dead letters: telemetry of a machine that declared no parameters; samples of undeclared
 * parameters or in another unit (the record's other samples are used); samples for a minute
 * already closed. Samples the source marked BAD are not aggregated.
 */
final class ParameterProcessor implements Processor<String, Decoded<?>, Object, Object> {
    private static final Logger LOG = LoggerFactory.getLogger(ParameterProcessor.class);
    private static final long MINUTE_MS = 60_000;
    private static final long HOUR_MS = 3_600_000;
    private static final int MAX_ID_LENGTH = 128;
    static final String CYCLE_TIME = "cycleTime";

    private final ParameterSettings settings;
    private final Map<String, String> deadLetterSinks;
    private ProcessorContext<Object, Object> context;
    private KeyValueStore<String, MachineParameters> declarations;
    private DecodedStore<MachineParameterState> states;
    private KeyValueStore<String, Long> orderCycleTimes;
    private Map<String, Map<String, ParameterSpec>> specCache;

    ParameterProcessor(ParameterSettings settings, Map<String, String> deadLetterSinks) {
        this.settings = settings;
        this.deadLetterSinks = Map.copyOf(deadLetterSinks);
    }

    @Override
    public void init(ProcessorContext<Object, Object> context) {
        this.context = context;
        this.declarations = context.getStateStore(ParameterTopology.DECLARATIONS);
        this.states = new DecodedStore<>(context.getStateStore(ParameterTopology.STATES));
        this.orderCycleTimes = context.getStateStore(ParameterTopology.ORDERS);
        this.specCache = new HashMap<>();
        Duration tick = settings.idleClose().dividedBy(4);
        context.schedule(tick.compareTo(Duration.ofSeconds(10)) > 0 ? Duration.ofSeconds(10) : tick,
                PunctuationType.WALL_CLOCK_TIME, this::closeIdleMachines);
    }

    @Override
    public void process(Record<String, Decoded<?>> record) {
        Object event = record.value().value();
        String machineId = record.key();
        if (event instanceof MachineParameters declaration) {
            declarations.put(machineId, declaration);
            specCache.put(machineId, index(declaration));
        } else if (event instanceof MachineCounts counts) {
            MachineParameterState state = state(machineId);
            if (counts.orderNo() != null && !counts.orderNo().equals(state.orderNo)) {
                state.orderNo = counts.orderNo();
                states.put(machineId, state);
            }
        } else if (event instanceof MachineState machineState) {
            MachineParameterState state = state(machineId);
            long since = state.runningSinceMs;
            if (machineState.state() != MachineStatus.RUNNING) {
                state.runningSinceMs = MachineParameterState.NOT_RUNNING;
            } else if (since == MachineParameterState.NOT_RUNNING || since == MachineParameterState.NEVER_HEARD) {
                state.runningSinceMs = machineState.meta().eventTime().toEpochMilli();
            }
            if (since != state.runningSinceMs) {
                states.put(machineId, state);
            }
        } else if (event instanceof MachineTelemetry telemetry) {
            telemetry(record, machineId, telemetry);
        }
    }

    private void telemetry(Record<String, Decoded<?>> record, String machineId, MachineTelemetry telemetry) {
        Map<String, ParameterSpec> specs = specs(machineId);
        if (specs == null) {
            deadLetter(record, "machine " + machineId + " declared no parameters: no record on "
                    + "machine.parameters.v1 (its collector publishes one when it starts)");
            return;
        }
        MachineParameterState state = state(machineId);
        long t = telemetry.meta().eventTime().toEpochMilli();
        if (t < state.closedUntilMs) {
            deadLetter(record, "late telemetry: " + Instant.ofEpochMilli(t) + " is in a minute closed already "
                    + "(minutes before " + Instant.ofEpochMilli(state.closedUntilMs) + " are published)");
            return;
        }
        state.lastArrivalWallMs = context.currentSystemTimeMs();
        long minuteStart = t - Math.floorMod(t, MINUTE_MS);
        List<String> refused = null;
        for (TagSample sample : telemetry.samples()) {
            ParameterSpec spec = specs.get(sample.tag());
            String problem = spec == null ? "'" + sample.tag() + "' is not a declared parameter"
                    : unitProblem(spec, sample);
            if (problem != null) {
                refused = refused == null ? new ArrayList<>() : refused;
                refused.add(problem);
                continue;
            }
            if (sample.quality() == SampleQuality.BAD) {
                continue;
            }
            ParameterState parameter = state.parameters.computeIfAbsent(sample.tag(), k -> new ParameterState());
            parameter.minutes.computeIfAbsent(minuteStart, k -> new Moments()).add(sample.value());
            checkSpec(machineId, spec, parameter, sample.value(), t);
        }
        if (t > state.clockMs) {
            state.clockMs = t;
        }
        close(machineId, state, specs, state.clockMs - settings.grace().toMillis(), false);
        states.put(machineId, state);
        if (refused != null) {
            deadLetter(record, String.join("; ", refused) + " (machine " + machineId + " declares "
                    + String.join(", ", specs.keySet()) + "); the record's other samples were used");
        }
    }

    private static String unitProblem(ParameterSpec spec, TagSample sample) {
        if (spec.unit() != null && sample.unit() != null && !spec.unit().equals(sample.unit())) {
            return "'" + sample.tag() + "' reported in " + sample.unit() + ", declared in " + spec.unit();
        }
        return null;
    }

    /** Publishes the minutes (and hours) the horizon has passed; when idle, everything open. */
    private void close(String machineId, MachineParameterState state, Map<String, ParameterSpec> specs, long horizon,
            boolean idle) {
        long closedUntil = idle ? Math.max(state.closedUntilMs, lastOpenMinuteEnd(state))
                : Math.max(state.closedUntilMs, horizon - Math.floorMod(horizon, MINUTE_MS));
        for (Map.Entry<String, ParameterState> entry : state.parameters.entrySet()) {
            ParameterSpec spec = specs.get(entry.getKey());
            if (spec == null) {
                continue;
            }
            ParameterState parameter = entry.getValue();
            Iterator<Map.Entry<Long, Moments>> minutes = parameter.minutes.entrySet().iterator();
            while (minutes.hasNext()) {
                Map.Entry<Long, Moments> minute = minutes.next();
                if (minute.getKey() + MINUTE_MS > closedUntil) {
                    break;
                }
                closeMinute(machineId, state, spec, parameter, minute.getKey(), minute.getValue());
                minutes.remove();
            }
            if (parameter.hourStart >= 0 && (parameter.hourStart + HOUR_MS <= closedUntil)) {
                publish(machineId, spec, StatsResolution.HOUR, parameter.hourStart, parameter.hour);
                parameter.hourStart = -1;
                parameter.hour = new Moments();
                parameter.hourShown = false;
            } else if (idle && parameter.hourStart >= 0 && !parameter.hourShown) {
                // the hour so far; should more of it come, it is published again when it closes
                publish(machineId, spec, StatsResolution.HOUR, parameter.hourStart, parameter.hour);
                parameter.hourShown = true;
            }
        }
        state.closedUntilMs = closedUntil;
    }

    private static long lastOpenMinuteEnd(MachineParameterState state) {
        long end = Long.MIN_VALUE;
        for (ParameterState parameter : state.parameters.values()) {
            if (!parameter.minutes.isEmpty()) {
                end = Math.max(end, parameter.minutes.lastKey() + MINUTE_MS);
            }
        }
        return end;
    }

    private void closeMinute(String machineId, MachineParameterState state, ParameterSpec spec,
            ParameterState parameter, long start, Moments minute) {
        publish(machineId, spec, StatsResolution.MINUTE, start, minute);
        long hourStart = hourStart(start);
        if (parameter.hourStart >= 0 && parameter.hourStart != hourStart) {
            publish(machineId, spec, StatsResolution.HOUR, parameter.hourStart, parameter.hour);
            parameter.hour = new Moments();
            parameter.hourShown = false;
        }
        parameter.hourStart = hourStart;
        parameter.hour.merge(minute);
        long end = start + MINUTE_MS;
        if (state.producedThrough(start)) {
            controlRules(machineId, spec, parameter, minute.mean, end);
            if (spec.name().equals(CYCLE_TIME)) {
                cycleRule(machineId, state, spec, parameter, minute.mean, end);
            }
        }
    }

    private long hourStart(long t) {
        return ZonedDateTime.ofInstant(Instant.ofEpochMilli(t), settings.zone()).truncatedTo(ChronoUnit.HOURS)
                .toInstant().toEpochMilli();
    }

    private void checkSpec(String machineId, ParameterSpec spec, ParameterState parameter, double value, long t) {
        String outside = spec.outOfSpec(value);
        if ((outside != null) == parameter.isActive(Rule.OUT_OF_SPEC)) {
            return;
        }
        Double limit = spec.nearestSpecLimit(value);
        String message = outside != null
                ? machineId + " " + spec.name() + " " + format(value, spec.unit()) + " " + outside
                : machineId + " " + spec.name() + " back within its limits (" + format(value, spec.unit()) + ")";
        raise(machineId, parameter, Rule.OUT_OF_SPEC, outside != null, message,
                new ParameterFinding(spec.name(), Rule.OUT_OF_SPEC.id(), Instant.ofEpochMilli(t), List.of(value), limit),
                t);
    }

    /** The Western Electric / Nelson rules on the one-minute means, against declared or learned limits. */
    private void controlRules(String machineId, ParameterSpec spec, ParameterState parameter, double mean, long end) {
        if (!spec.isControlled()) {
            return;
        }
        parameter.recent.addLast(mean);
        if (parameter.recent.size() > ParameterSettings.RUN_LENGTH) {
            parameter.recent.removeFirst();
        }
        double centre;
        double sigma;
        if (spec.hasControlLimits()) {
            centre = (spec.controlLower() + spec.controlUpper()) / 2;
            sigma = (spec.controlUpper() - spec.controlLower()) / 6;
        } else if (parameter.baseline.count < settings.learnMinutes()) {
            parameter.baseline.add(mean);
            return;
        } else {
            centre = parameter.baseline.mean;
            sigma = parameter.baseline.sampleStddev();
        }
        Instant at = Instant.ofEpochMilli(end - MINUTE_MS);
        if (sigma > 0 || parameter.isActive(Rule.BEYOND_3_SIGMA)) {
            boolean beyond = sigma > 0 && Math.abs(mean - centre) > 3 * sigma;
            double limit = mean >= centre ? centre + 3 * sigma : centre - 3 * sigma;
            raise(machineId, parameter, Rule.BEYOND_3_SIGMA, beyond, beyond
                    ? String.format(Locale.ROOT, "%s %s: one-minute mean %s beyond three sigma (%s)", machineId,
                            spec.name(), format(mean, spec.unit()), number(limit))
                    : machineId + " " + spec.name() + " back within three sigma (" + format(mean, spec.unit()) + ")",
                    new ParameterFinding(spec.name(), Rule.BEYOND_3_SIGMA.id(), at, List.of(mean), limit), end);
        }
        List<Double> recent = new ArrayList<>(parameter.recent);
        boolean run = recent.size() == ParameterSettings.RUN_LENGTH
                && (recent.stream().allMatch(v -> v > centre) || recent.stream().allMatch(v -> v < centre));
        raise(machineId, parameter, Rule.RUN, run, run
                ? String.format(Locale.ROOT, "%s %s: %d one-minute means in a row %s the centre line %s", machineId,
                        spec.name(), recent.size(), mean > centre ? "above" : "below", number(centre))
                : machineId + " " + spec.name() + " crossed its centre line again",
                new ParameterFinding(spec.name(), Rule.RUN.id(), at, recent, centre), end);
        List<Double> last = recent.subList(Math.max(0, recent.size() - ParameterSettings.TREND_LENGTH), recent.size());
        int direction = trend(last);
        raise(machineId, parameter, Rule.TREND, direction != 0, direction != 0
                ? String.format(Locale.ROOT, "%s %s: %d one-minute means in a row %s, now %s", machineId, spec.name(),
                        last.size(), direction > 0 ? "rising" : "falling", format(mean, spec.unit()))
                : machineId + " " + spec.name() + " trend ended",
                new ParameterFinding(spec.name(), Rule.TREND.id(), at, List.copyOf(last), centre), end);
    }

    /** +1 for a full-length strictly rising series, -1 for a falling one, else 0. */
    private static int trend(List<Double> values) {
        if (values.size() < ParameterSettings.TREND_LENGTH) {
            return 0;
        }
        boolean rising = true;
        boolean falling = true;
        for (int i = 1; i < values.size(); i++) {
            rising &= values.get(i) > values.get(i - 1);
            falling &= values.get(i) < values.get(i - 1);
        }
        return rising ? 1 : falling ? -1 : 0;
    }

    private void cycleRule(String machineId, MachineParameterState state, ParameterSpec spec, ParameterState parameter,
            double mean, long end) {
        double factor = secondsPer(spec.unit());
        if (Double.isNaN(factor)) {
            return;
        }
        Long fromOrder = state.orderNo == null ? null : orderCycleTimes.get(state.orderNo);
        long idealMicros = fromOrder != null ? fromOrder : settings.idealCycleMicros(machineId);
        if (idealMicros <= 0) {
            return;
        }
        double ideal = idealMicros / 1_000_000.0;
        double seconds = mean * factor;
        boolean slow = seconds > ideal * (1 + settings.cycleTolerance());
        String against = fromOrder != null ? "the ideal " + number(ideal) + " s of order " + state.orderNo
                : "the machine's ideal " + number(ideal) + " s";
        raise(machineId, parameter, Rule.SLOW_CYCLE, slow, slow
                ? String.format(Locale.ROOT, "%s cycle time %s s is %.0f %% above %s", machineId, number(seconds),
                        (seconds / ideal - 1) * 100, against)
                : machineId + " cycle time back at " + number(seconds) + " s (" + against + ")",
                new ParameterFinding(spec.name(), Rule.SLOW_CYCLE.id(), Instant.ofEpochMilli(end - MINUTE_MS),
                        List.of(mean), ideal / factor), end);
    }

    /** Seconds per unit of a cycle time; NaN for a unit that is no time. */
    private static double secondsPer(String unit) {
        if (unit == null) {
            return 1;
        }
        return switch (unit) {
            case "s", "sec", "seconds" -> 1;
            case "ms" -> 0.001;
            case "min" -> 60;
            default -> Double.NaN;
        };
    }

    private void raise(String machineId, ParameterState parameter, Rule rule, boolean holds, String message,
            ParameterFinding finding, long t) {
        if (holds == parameter.isActive(rule)) {
            return;
        }
        parameter.setActive(rule, holds);
        String alertId = alertId(machineId, finding.parameter(), rule);
        Alert alert = new Alert(EventMeta.derived(settings.source(), Instant.ofEpochMilli(t),
                alertId + ":" + holds + ":" + t), alertId, machineId, rule.kind(), rule.severity(), holds, message,
                null, finding);
        context.forward(new Record<Object, Object>(machineId, alert, t), ParameterTopology.ALERT_SINK);
    }

    static String alertId(String machineId, String parameter, Rule rule) {
        String id = machineId + ":" + parameter + ":" + rule.id();
        if (id.length() <= MAX_ID_LENGTH) {
            return id;
        }
        return machineId + ":" + UUID.nameUUIDFromBytes(parameter.getBytes(StandardCharsets.UTF_8)) + ":" + rule.id();
    }

    private void publish(String machineId, ParameterSpec spec, StatsResolution resolution, long start, Moments m) {
        if (m.count == 0) {
            return;
        }
        long end = start + resolution.length().toMillis();
        try {
            ParameterStats stats = new ParameterStats(EventMeta.derived(settings.source(), Instant.ofEpochMilli(end),
                    machineId + "|" + spec.name() + "|" + resolution + "|" + start + "|" + m.count),
                    machineId, spec.name(), spec.unit(), resolution, Instant.ofEpochMilli(start), Instant.ofEpochMilli(end),
                    m.count, m.min, m.max, m.mean, m.stddev(), spec.specLower(), spec.specUpper(),
                    spec.controlLower(), spec.controlUpper());
            context.forward(new Record<Object, Object>(machineId, stats, end),
                    resolution == StatsResolution.MINUTE ? ParameterTopology.MINUTE_SINK : ParameterTopology.HOUR_SINK);
        } catch (InvalidFieldException e) {
            // only values near the limits of a double can get here (a mean that overflows)
            LOG.warn("{} {} {} window at {} not published: {}", machineId, spec.name(), resolution,
                    Instant.ofEpochMilli(start), e.getMessage());
        }
    }

    private void closeIdleMachines(long wallNow) {
        for (Map.Entry<String, MachineParameterState> entry : states.all().entrySet()) {
            String machineId = entry.getKey();
            MachineParameterState state = entry.getValue();
            if (!state.hasOpenWindows() || wallNow - state.lastArrivalWallMs < settings.idleClose().toMillis()) {
                continue;
            }
            Map<String, ParameterSpec> specs = specs(machineId);
            if (specs != null) {
                close(machineId, state, specs, state.clockMs, true);
                states.put(machineId, state);
            }
        }
    }

    private Map<String, ParameterSpec> specs(String machineId) {
        Map<String, ParameterSpec> specs = specCache.get(machineId);
        if (specs == null) {
            MachineParameters declaration = declarations.get(machineId);
            if (declaration == null) {
                return null;
            }
            specs = index(declaration);
            specCache.put(machineId, specs);
        }
        return specs;
    }

    private static Map<String, ParameterSpec> index(MachineParameters declaration) {
        Map<String, ParameterSpec> specs = new java.util.LinkedHashMap<>();
        declaration.parameters().forEach(p -> specs.put(p.name(), p));
        return specs;
    }

    private MachineParameterState state(String machineId) {
        return states.get(machineId, MachineParameterState::new);
    }

    private void deadLetter(Record<String, Decoded<?>> record, String reason) {
        Record<String, Object> letter = DeadLetterSupport.deadLetter(record, ParameterTopology.STAGE, reason);
        context.forward(new Record<Object, Object>(letter.key(), letter.value(), letter.timestamp(), letter.headers()),
                deadLetterSinks.get(record.value().sourceTopic()));
    }

    private static String format(double value, String unit) {
        return number(value) + (unit == null ? "" : " " + unit);
    }

    private static String number(double value) {
        return new java.math.BigDecimal(value).round(new java.math.MathContext(6)).stripTrailingZeros().toPlainString();
    }
}
