package io.plantstream.collector.core;

import io.plantstream.collector.definition.AlarmBit;
import io.plantstream.collector.definition.MachineDefinition;
import io.plantstream.collector.definition.Meaning;
import io.plantstream.collector.definition.StateRule;
import io.plantstream.collector.definition.TagSpec;
import io.plantstream.events.AlarmAction;
import io.plantstream.events.EventMeta;
import io.plantstream.events.MachineAlarm;
import io.plantstream.events.MachineCounts;
import io.plantstream.events.MachineParameters;
import io.plantstream.events.MachineState;
import io.plantstream.events.MachineStatus;
import io.plantstream.events.MachineTelemetry;
import io.plantstream.events.ParameterSpec;
import io.plantstream.events.SampleQuality;
import io.plantstream.events.Severity;
import io.plantstream.events.TagSample;
import io.plantstream.events.Topic;
import io.plantstream.events.Topics;
import io.plantstream.events.serde.EventJson;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The machine-independent half of a collector: raw samples of one machine become state changes
 * (by its state rules, re-announced as a heartbeat), part counts (from absolute counters, resets
 * and wraps handled), alarms raised and cleared, and telemetry. Values that are no numbers, not
 * finite or outside their plausible range never become events: they go to the dead-letter topic
 * with the reason. A machine unheard for longer than its silence timeout is OFFLINE.
 *
 * <p>Not thread-safe: one thread at a time feeds it and lets time pass ({@link #tick}); its state
 * may be read from any.
 */
public final class SignalProcessor {
    private static final Logger LOG = LoggerFactory.getLogger(SignalProcessor.class);
    private static final Set<Meaning> STATE_TAGS = Set.of(Meaning.RUNNING, Meaning.FAULT, Meaning.SETUP,
            Meaning.PLANNED_STOP, Meaning.STATE_WORD);
    private static final Set<Meaning> TEXT_TAGS = Set.of(Meaning.ALARM_TEXT, Meaning.ACTIVE_JOB, Meaning.TIME);

    private final MachineDefinition machine;
    private final EventSink sink;
    private final String source;
    private final CounterTracker parts;
    private final CounterTracker rejects;
    private final Map<String, TagSpec> specs = new HashMap<>();
    private volatile MachineStatus state;
    private String reason;
    private Instant lastStateEvent;
    private Instant lastSignal;
    private boolean offline;
    private long alarmWord;
    private String alarmText = "";
    private volatile String activeJob;
    private final Map<String, Long> statistics = new LinkedHashMap<>();

    public SignalProcessor(MachineDefinition machine, EventSink sink) {
        this.machine = machine;
        this.sink = sink;
        this.source = "collector/" + machine.id();
        this.parts = new CounterTracker(machine.counterMax(), machine.counterMaxStep());
        this.rejects = new CounterTracker(machine.counterMax(), machine.counterMaxStep());
        machine.tags().forEach((meaning, spec) -> specs.put(meaning.key(), spec));
        machine.telemetry().forEach(spec -> specs.put(spec.name(), spec));
    }

    public String machineId() {
        return machine.id();
    }

    /**
     * Publishes the machine's key parameters with their units and limits, so the streams know
     * what its telemetry means; called when the collector starts. Nothing is published for a
     * machine without telemetry.
     */
    public void declareParameters(Instant now) {
        List<ParameterSpec> parameters = machine.parameters();
        if (!parameters.isEmpty()) {
            sink.publish(Topics.MACHINE_PARAMETERS, machine.id(),
                    new MachineParameters(EventMeta.of(source, now), machine.id(), parameters));
        }
    }

    /** Continues counting from counters published before (e.g. by this collector before a restart). */
    public void baseline(long partCounter, long rejectCounter) {
        parts.baseline(partCounter);
        rejects.baseline(rejectCounter);
    }

    /** The job the machine works on when it does not report one itself (set by the job agent). */
    public void assumeJob(String orderNo) {
        if (machine.tag(Meaning.ACTIVE_JOB) == null) {
            activeJob = orderNo;
        }
    }

    public void accept(RawSample sample) {
        Map<String, Double> numbers = new HashMap<>();
        Map<Topic<?, ?>, List<String>> problems = new LinkedHashMap<>();
        Map<String, String> texts = new HashMap<>();
        sample.values().forEach((tag, raw) -> convert(tag, raw, numbers, texts, problems));
        for (Map.Entry<Topic<?, ?>, List<String>> refused : problems.entrySet()) {
            deadLetter(refused.getKey(), sample, String.join("; ", refused.getValue()));
        }
        Instant time = sample.time();
        lastSignal = sample.received();
        if (offline) {
            offline = false;
            LOG.info("{}: signal again", machine.id());
        }
        if (texts.containsKey(Meaning.ACTIVE_JOB.key())) {
            // a PLC holds "no job" as 0, a table or file as an empty field
            String reported = texts.get(Meaning.ACTIVE_JOB.key());
            activeJob = reported.isEmpty() || reported.equals("0") ? null : reported;
        }
        updateState(numbers, sample, time);
        updateCounts(numbers, sample, time);
        updateAlarms(numbers, texts, sample, time);
        publishTelemetry(numbers, sample, time);
        count("samples");
    }

    /** Time passes without a sample: a machine silent past its timeout becomes OFFLINE. */
    public void tick(Instant now) {
        if (lastSignal == null) {
            lastSignal = now;
            return;
        }
        if (offline) {
            return;
        }
        if (Duration.between(lastSignal, now).compareTo(machine.silence()) > 0) {
            offline = true;
            state = MachineStatus.OFFLINE;
            reason = "NO_SIGNAL";
            LOG.warn("{}: no signal for {}; OFFLINE", machine.id(), machine.silence());
            publishState(now, "no signal for " + machine.silence());
        }
    }

    /** The counters as last read ("parts,rejects"), or null before the first reading; for storing. */
    public String counters() {
        return parts.last() == null ? null : parts.last() + "," + (rejects.last() == null ? 0 : rejects.last());
    }

    public MachineStatus state() {
        return state;
    }

    public Map<String, Long> statistics() {
        return Map.copyOf(statistics);
    }

    private void convert(String tag, Object raw, Map<String, Double> numbers, Map<String, String> texts,
            Map<Topic<?, ?>, List<String>> problems) {
        TagSpec spec = specs.get(tag);
        Meaning meaning = Meaning.byKey(tag);
        if (spec == null) {
            problems.computeIfAbsent(Topics.MACHINE_TELEMETRY, t -> new ArrayList<>()).add("unknown tag '" + tag + "'");
            return;
        }
        if (meaning != null && TEXT_TAGS.contains(meaning)) {
            if (raw != null) {
                String text = raw instanceof BigDecimal big ? big.stripTrailingZeros().toPlainString() : raw.toString();
                if (raw instanceof Double d && d == Math.rint(d)) {
                    text = Long.toString(d.longValue());
                }
                texts.put(tag, text.strip());
            }
            return;
        }
        Topic<?, ?> topic = meaning == Meaning.PART_COUNTER || meaning == Meaning.REJECT_COUNTER
                ? Topics.MACHINE_COUNTS
                : meaning != null && (STATE_TAGS.contains(meaning) || meaning == Meaning.ALARM_WORD)
                        ? Topics.MACHINE_STATE : Topics.MACHINE_TELEMETRY;
        if (raw == null) {
            if (topic == Topics.MACHINE_COUNTS) {
                problems.computeIfAbsent(topic, t -> new ArrayList<>()).add(tag + " (" + spec.address() + ") is null");
            }
            return;
        }
        double value;
        if (raw instanceof Boolean b) {
            value = b ? 1 : 0;
        } else if (raw instanceof Number n) {
            value = n.doubleValue();
        } else {
            try {
                value = Double.parseDouble(raw.toString().strip());
            } catch (NumberFormatException e) {
                problems.computeIfAbsent(topic, t -> new ArrayList<>()).add(tag + " (" + spec.address() + ") = '"
                        + raw + "' is not a number");
                return;
            }
        }
        if (!Double.isFinite(value)) {
            problems.computeIfAbsent(topic, t -> new ArrayList<>()).add(tag + " (" + spec.address() + ") = " + value
                    + " is not a finite number");
            return;
        }
        double scaled = spec.scaled(value);
        String range = spec.checkRange(scaled);
        if (range != null) {
            problems.computeIfAbsent(topic, t -> new ArrayList<>()).add(range);
            return;
        }
        numbers.put(tag, scaled);
    }

    private void updateState(Map<String, Double> numbers, RawSample sample, Instant time) {
        boolean any = false;
        for (Meaning meaning : STATE_TAGS) {
            any |= numbers.containsKey(meaning.key());
        }
        if (!any) {
            if (state != null && state != MachineStatus.OFFLINE && heartbeatDue(time)) {
                publishState(time, null);
            }
            return;
        }
        StateRule matched = null;
        for (StateRule rule : machine.stateRules()) {
            if (rule.matches(numbers)) {
                matched = rule;
                break;
            }
        }
        if (matched == null) {
            deadLetter(Topics.MACHINE_STATE, sample, "no state rule matches " + numbers);
            return;
        }
        boolean changed = matched.state() != state || !java.util.Objects.equals(matched.reason(), reason);
        state = matched.state();
        reason = matched.reason();
        if (changed || heartbeatDue(time)) {
            publishState(time, null);
        }
    }

    private boolean heartbeatDue(Instant time) {
        return lastStateEvent == null || Duration.between(lastStateEvent, time).compareTo(machine.heartbeat()) >= 0;
    }

    private void publishState(Instant time, String text) {
        lastStateEvent = time;
        MachineState event = new MachineState(meta(time, null, "state"), machine.id(), state, reason, text);
        sink.publish(Topics.MACHINE_STATE, machine.id(), event);
        count("state events");
    }

    private void updateCounts(Map<String, Double> numbers, RawSample sample, Instant time) {
        Double part = numbers.get(Meaning.PART_COUNTER.key());
        if (part == null) {
            return;
        }
        if (part != Math.rint(part)) {
            deadLetter(Topics.MACHINE_COUNTS, sample, "partCounter = " + part + " is not a whole number");
            return;
        }
        CounterTracker.Step produced = parts.update(part.longValue());
        CounterTracker.Step rejected = CounterTracker.Step.NONE;
        Double reject = numbers.get(Meaning.REJECT_COUNTER.key());
        if (reject != null && reject == Math.rint(reject)) {
            rejected = rejects.update(reject.longValue());
        }
        for (CounterTracker.Step step : List.of(produced, rejected)) {
            if (step.problem() != null) {
                LOG.warn("{}: {}", machine.id(), step.problem());
                deadLetter(Topics.MACHINE_COUNTS, sample, step.problem());
            }
        }
        if (produced.delta() == 0 && rejected.delta() == 0 && !produced.reset() && !rejected.reset()) {
            return;
        }
        MachineCounts counts = new MachineCounts(meta(time, sample.sampleId(), "counts"), machine.id(), produced.delta(),
                rejected.delta(), parts.last(), rejects.last() == null ? 0 : rejects.last(),
                produced.reset() || rejected.reset(), activeJob);
        sink.publish(Topics.MACHINE_COUNTS, machine.id(), counts);
        count("count events");
    }

    private void updateAlarms(Map<String, Double> numbers, Map<String, String> texts, RawSample sample, Instant time) {
        Double word = numbers.get(Meaning.ALARM_WORD.key());
        if (word != null) {
            long bits = word.longValue();
            for (AlarmBit alarm : machine.alarms()) {
                long mask = 1L << alarm.bit();
                if ((bits & mask) != (alarmWord & mask)) {
                    AlarmAction action = (bits & mask) != 0 ? AlarmAction.RAISED : AlarmAction.CLEARED;
                    sink.publish(Topics.MACHINE_ALARMS, machine.id(), new MachineAlarm(meta(time, sample.sampleId(),
                            "alarm-" + alarm.code()), machine.id(), alarm.code(), action, alarm.severity(), alarm.text()));
                    count("alarm events");
                }
            }
            alarmWord = bits;
        }
        String text = texts.get(Meaning.ALARM_TEXT.key());
        if (text != null && !text.equals(alarmText)) {
            if (!alarmText.isEmpty()) {
                sink.publish(Topics.MACHINE_ALARMS, machine.id(), new MachineAlarm(meta(time, sample.sampleId(),
                        "alarm-text-cleared"), machine.id(), "TEXT", AlarmAction.CLEARED, Severity.WARNING, alarmText));
            }
            if (!text.isEmpty()) {
                sink.publish(Topics.MACHINE_ALARMS, machine.id(), new MachineAlarm(meta(time, sample.sampleId(),
                        "alarm-text"), machine.id(), "TEXT", AlarmAction.RAISED, Severity.WARNING, text));
            }
            count("alarm events");
            alarmText = text;
        }
    }

    private void publishTelemetry(Map<String, Double> numbers, RawSample sample, Instant time) {
        List<TagSample> samples = new ArrayList<>();
        TagSpec cycle = machine.tag(Meaning.CYCLE_TIME);
        if (cycle != null && numbers.containsKey(Meaning.CYCLE_TIME.key())) {
            samples.add(new TagSample(Meaning.CYCLE_TIME.key(), numbers.get(Meaning.CYCLE_TIME.key()), cycle.unit(),
                    SampleQuality.GOOD));
        }
        for (TagSpec spec : machine.telemetry()) {
            Double value = numbers.get(spec.name());
            if (value != null) {
                samples.add(new TagSample(spec.name(), value, spec.unit(), SampleQuality.GOOD));
            }
        }
        if (!samples.isEmpty()) {
            sink.publish(Topics.MACHINE_TELEMETRY, machine.id(), new MachineTelemetry(meta(time, sample.sampleId(),
                    "telemetry"), machine.id(), samples));
            count("telemetry events");
        }
    }

    private EventMeta meta(Instant time, String sampleId, String kind) {
        return sampleId == null ? EventMeta.of(source, time) : EventMeta.derived(source, time, sampleId + "|" + kind);
    }

    private void deadLetter(Topic<?, ?> topic, RawSample sample, String reason) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("machineId", machine.id());
        body.put("time", sample.time().toString());
        Map<String, String> values = new LinkedHashMap<>();
        sample.values().forEach((k, v) -> values.put(k, String.valueOf(v)));
        body.put("values", values);
        byte[] value;
        try {
            value = EventJson.mapper().writeValueAsBytes(body);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            value = body.toString().getBytes(StandardCharsets.UTF_8);
        }
        sink.deadLetter(topic, machine.id(), value, sample.origin(), reason);
        count("dead letters");
    }

    private void count(String what) {
        statistics.merge(what, 1L, Long::sum);
    }
}
