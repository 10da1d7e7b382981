package io.plantstream.streams.oee;

import io.plantstream.events.JobCommand;
import io.plantstream.events.JobCommandType;
import io.plantstream.events.MachineCounts;
import io.plantstream.events.MachineState;
import io.plantstream.events.OeeKey;
import io.plantstream.events.OeeRecord;
import io.plantstream.streams.calendar.ShiftInstance;
import io.plantstream.streams.support.Decoded;
import io.plantstream.streams.support.DeadLetterSupport;
import io.plantstream.streams.support.DecodedStore;
import io.plantstream.streams.support.InputFrontier;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps each machine's timeline and turns it into OEE: live figures for the running shift,
 * final shift and hour figures once their grace period is over, and machine-down and low-OEE
 * alerts. Events for windows already final go to the dead-letter topic with the reason.
 *
 * <p>Live figures are published on every event when the live interval is zero, else for every
 * machine once per interval (time moves on, so a live figure changes even without events).
 *
 * <p>Time is event time: the latest event time seen by this task. When no record has arrived
 * for a while, the wall clock moves time on, so silent machines turn OFFLINE and shifts close.
 * Windows close on a slower clock: the least of the latest event times of the state and the
 * count topic, so a topic held up (a broker's fail-over, a slow fetch during a catch-up) cannot
 * let a shift close before its counts arrive. A topic this task has not heard from yet holds
 * every window back. A topic that has delivered nothing for the input wait (wall-clock time)
 * while records kept coming (no parts made, say) no longer holds them back, unless the brokers
 * hold records of it the task has not been given (its fetch held up): then it holds them back for
 * up to ten input waits.
 */
public final class OeeProcessor implements Processor<String, Decoded<?>, Object, Object> {
    private static final Logger LOG = LoggerFactory.getLogger(OeeProcessor.class);
    static final String CLOCK_KEY = "event-time";
    /** How many input waits an input held up with records on the brokers still holds windows back. */
    static final int HELD_UP_WAITS = 10;
    /** The inputs whose progress closes windows, each with its latest event time in the clock store. */
    private static final List<String> PACED = List.of(io.plantstream.events.Topics.MACHINE_STATE.name(),
            io.plantstream.events.Topics.MACHINE_COUNTS.name());
    /** A closing time before which nothing closes: an input not yet heard from holds every window. */
    private static final long NOTHING_CLOSES = Long.MIN_VALUE;

    private final OeeSettings settings;
    private final OeeWindows windows;
    private final Map<String, String> deadLetterSinks;
    private final String oeeSink;
    private final AlertEmitter alerts;
    private final LiveFigures live;
    private final InputFrontier frontier;
    /** Inputs held up beyond the input wait, logged once per spell. */
    private final Set<String> heldUp = new java.util.HashSet<>();
    /** The live figures this processor put on the shared board, to take back when its task leaves. */
    private final Map<String, OeeRecord> published = new java.util.HashMap<>();
    /** Wall-clock time each paced input last delivered a record to this task. */
    private final Map<String, Long> inputSeenWallMs = new java.util.HashMap<>();
    private ProcessorContext<Object, Object> context;
    private DecodedStore<MachineTimeline> timelines;
    private KeyValueStore<String, Long> clock;
    private KeyValueStore<String, Long> orderCycleTimes;
    private long lastRecordWallMs;
    /** When records came again after a spell without any (longer than the input wait). */
    private long resumedWallMs;
    /** This task's partition of each paced input. */
    private final Map<String, TopicPartition> pacedPartitions = new java.util.HashMap<>();

    /**
     * @param deadLetterSinks sink name per source topic, for events that cannot be used
     */
    public OeeProcessor(OeeSettings settings, LiveFigures live, InputFrontier frontier, String oeeSink,
            String alertSink, Map<String, String> deadLetterSinks) {
        this.settings = settings;
        this.live = live;
        this.frontier = frontier;
        this.windows = new OeeWindows(settings);
        this.oeeSink = oeeSink;
        this.alerts = new AlertEmitter(settings, alertSink);
        this.deadLetterSinks = Map.copyOf(deadLetterSinks);
    }

    @Override
    public void init(ProcessorContext<Object, Object> context) {
        this.context = context;
        this.timelines = new DecodedStore<>(context.getStateStore(OeeStores.TIMELINES));
        this.clock = context.getStateStore(OeeStores.CLOCK);
        this.orderCycleTimes = context.getStateStore(OeeStores.ORDERS);
        // A task revived after an aborted transaction keeps this processor: its inputs count as just heard.
        inputSeenWallMs.clear();
        heldUp.clear();
        lastRecordWallMs = 0;
        resumedWallMs = 0;
        for (String input : PACED) {
            TopicPartition partition = new TopicPartition(input, context.taskId().partition());
            pacedPartitions.put(input, partition);
            frontier.received(partition).forget();
        }
        Duration tick = settings.liveEmitInterval().isZero() ? Duration.ofSeconds(1) : settings.liveEmitInterval();
        context.schedule(tick, PunctuationType.WALL_CLOCK_TIME, this::tick);
    }

    @Override
    public void process(Record<String, Decoded<?>> record) {
        long wallClockMs = context.currentSystemTimeMs();
        if (lastRecordWallMs != 0 && wallClockMs - lastRecordWallMs >= settings.inputWait().toMillis()) {
            // records again after a quiet spell: a topic silent since before it is not silent of its own
            resumedWallMs = wallClockMs;
        }
        lastRecordWallMs = wallClockMs;
        Object event = record.value().value();
        String machineId = record.key();
        long t = eventTime(event);
        MachineTimeline timeline = timelines.get(machineId, MachineTimeline::new);
        if (t < timeline.finalUntilMs) {
            Record<String, Object> letter = DeadLetterSupport.deadLetter(record, OeeTopology.STAGE, "late event: "
                    + Instant.ofEpochMilli(t) + " is in a window final since "
                    + Instant.ofEpochMilli(timeline.finalUntilMs) + " (grace " + settings.grace() + ")");
            context.forward(new Record<Object, Object>(letter.key(), letter.value(), letter.timestamp(),
                    letter.headers()), deadLetterSinks.get(record.value().sourceTopic()));
            return;
        }
        long now = advanceTo(t);
        advanceInput(record.value().sourceTopic(), t, lastRecordWallMs);
        apply(machineId, timeline, event, t);
        if (settings.liveEmitInterval().isZero()) {
            publish(machineId, timeline, now, closingTime(now, lastRecordWallMs));
        }
        timelines.put(machineId, timeline);
    }

    private void apply(String machineId, MachineTimeline timeline, Object event, long t) {
        long timeout = settings.silenceTimeout().toMillis();
        if (event instanceof MachineState state) {
            timeline.recordSignal(t, timeout);
            StateMark current = timeline.stateAt(t);
            StateMark next = new StateMark(state.state(), state.reasonCode());
            if (!next.equals(current)) {
                timeline.recordState(t, state.state(), state.reasonCode());
            }
        } else if (event instanceof MachineCounts counts) {
            timeline.recordSignal(t, timeout);
            long ideal = idealCycleMicros(machineId, timeline, counts.orderNo());
            windows.shiftAt(machineId, t).ifPresent(shift -> timeline.addCounts(timeline.shiftCounts,
                    shift.span().startMs(), counts.producedDelta(), counts.rejectedDelta(), ideal));
            timeline.addCounts(timeline.hourCounts, OeeWindows.hourStart(t), counts.producedDelta(),
                    counts.rejectedDelta(), ideal);
        } else if (event instanceof JobCommand command) {
            applyCommand(timeline, command);
        }
    }

    private void applyCommand(MachineTimeline timeline, JobCommand command) {
        if (command.type() == JobCommandType.DISPATCH || command.type() == JobCommandType.START
                || command.type() == JobCommandType.RESUME) {
            timeline.activeOrder = command.orderNo();
            if (command.parameters() != null) {
                timeline.activeIdealMicros = Math.round(command.parameters().idealCycleSeconds() * 1_000_000);
            } else if (!command.orderNo().equals(timeline.activeOrder)) {
                timeline.activeIdealMicros = 0;
            }
        } else if (command.type() == JobCommandType.ABORT && command.orderNo().equals(timeline.activeOrder)) {
            timeline.activeOrder = null;
            timeline.activeIdealMicros = 0;
        }
    }

    /** Ideal cycle time of a part: its order's (from the ERP), else the active job's, else the machine's. */
    private long idealCycleMicros(String machineId, MachineTimeline timeline, String orderNo) {
        String order = orderNo != null ? orderNo : timeline.activeOrder;
        if (order != null) {
            Long fromErp = orderCycleTimes.get(order);
            if (fromErp != null) {
                return fromErp;
            }
            if (order.equals(timeline.activeOrder) && timeline.activeIdealMicros > 0) {
                return timeline.activeIdealMicros;
            }
        }
        return settings.idealCycleMicros(machineId);
    }

    private void tick(long wallClockMs) {
        long now = currentTime(wallClockMs);
        if (now == Long.MIN_VALUE) {
            return;
        }
        long closing = idle(wallClockMs) ? now : closingTime(now, wallClockMs);
        for (Map.Entry<String, MachineTimeline> entry : timelines.all().entrySet()) {
            publish(entry.getKey(), entry.getValue(), now, closing);
            timelines.put(entry.getKey(), entry.getValue());
        }
    }

    /**
     * @param now the latest event time: live figures and alerts are at this time
     * @param closing windows ending (with their grace) before this time are final
     */
    private void publish(String machineId, MachineTimeline timeline, long now, long closing) {
        List<OeeRecord> finals = closing == NOTHING_CLOSES ? List.of()
                : windows.finalizeUpTo(machineId, timeline, closing);
        for (OeeRecord finalRecord : finals) {
            forwardOee(finalRecord, now);
            if (finalRecord.granularity() == io.plantstream.events.OeeGranularity.SHIFT) {
                alerts.closeOeeAlert(context, machineId, timeline, finalRecord, now);
            }
        }
        Optional<ShiftInstance> shift = windows.shiftAt(machineId, now);
        Optional<OeeRecord> figure = shift.map(s -> windows.shiftRecord(machineId, timeline, s, now, false));
        figure.ifPresent(record -> {
            forwardOee(record, now);
            alerts.checkOee(context, machineId, timeline, record, now);
            live.put(machineId, record);
            published.put(machineId, record);
        });
        if (figure.isEmpty() && published.remove(machineId) != null) {
            live.remove(machineId);
        }
        alerts.checkDown(context, machineId, timeline, now);
    }

    /** The task leaves this instance (or stops): its machines' live figures are no longer kept here. */
    @Override
    public void close() {
        published.forEach(live::forget);
        published.clear();
    }

    private void forwardOee(OeeRecord record, long now) {
        OeeKey key = record.key();
        context.forward(new Record<Object, Object>(key, record, now), oeeSink);
    }

    private long advanceTo(long t) {
        Long known = clock.get(CLOCK_KEY);
        if (known == null || t > known) {
            clock.put(CLOCK_KEY, t);
            return t;
        }
        return known;
    }

    private void advanceInput(String input, long t, long wallClockMs) {
        if (!PACED.contains(input)) {
            return;
        }
        String key = CLOCK_KEY + "/" + input;
        Long known = clock.get(key);
        if (known == null || t > known) {
            clock.put(key, t);
        }
        inputSeenWallMs.put(input, wallClockMs);
        if (heldUp.remove(input)) {
            LOG.info("{} delivers again", pacedPartitions.get(input));
        }
    }

    /**
     * The time up to which windows may close: the least latest event time of the paced inputs that
     * delivered something within the input wait (after a restart, or when records come again after
     * a spell without any, every input counts as just heard: the topic fetched first must not run
     * ahead of one that was merely quiet too); the latest event time when none did or the wait is
     * zero. An input this task has never had a record from holds every window back
     * ({@link #NOTHING_CLOSES}) until it has been silent for the wait: on a fresh start the state
     * topic's first fetch can hold hours of a backlog before the count topic's first record.
     */
    private long closingTime(long now, long wallClockMs) {
        long wait = settings.inputWait().toMillis();
        if (wait == 0) {
            return now;
        }
        long closing = now;
        for (String input : PACED) {
            long seen = Math.max(inputSeenWallMs.computeIfAbsent(input, i -> wallClockMs), resumedWallMs);
            if (wallClockMs - seen >= wait && !heldUp(input, wallClockMs - seen, wait)) {
                continue;
            }
            Long mark = clock.get(CLOCK_KEY + "/" + input);
            if (mark == null) {
                return NOTHING_CLOSES;
            }
            closing = Math.min(closing, mark);
        }
        return closing;
    }

    /** A silent input with records on the brokers its task has not received, for up to {@link #HELD_UP_WAITS} waits. */
    private boolean heldUp(String input, long silentMs, long wait) {
        TopicPartition partition = pacedPartitions.get(input);
        if (!frontier.pending(partition)) {
            return false;
        }
        if (silentMs < HELD_UP_WAITS * wait) {
            if (heldUp.add(input)) {
                LOG.info("{} has delivered nothing for {} s but the brokers hold more of it: windows wait for it",
                        partition, silentMs / 1000);
            }
            return true;
        }
        if (heldUp.remove(input)) {
            LOG.warn("{} has delivered nothing for {} s with records on the brokers: windows close without them",
                    partition, silentMs / 1000);
        }
        return false;
    }

    private boolean idle(long wallClockMs) {
        return wallClockMs - lastRecordWallMs >= settings.idleAfter().toMillis();
    }

    private long currentTime(long wallClockMs) {
        if (lastRecordWallMs == 0) {
            // No record yet since this task started: idleness is counted from the first tick.
            lastRecordWallMs = wallClockMs;
        }
        Long eventTime = clock.get(CLOCK_KEY);
        boolean idle = idle(wallClockMs);
        if (eventTime == null) {
            return idle ? wallClockMs : Long.MIN_VALUE;
        }
        return idle ? Math.max(eventTime, wallClockMs) : eventTime;
    }

    private static long eventTime(Object event) {
        return ((io.plantstream.events.FactoryEvent) event).meta().eventTime().toEpochMilli();
    }
}
