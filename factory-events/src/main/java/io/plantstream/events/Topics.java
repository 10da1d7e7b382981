package io.plantstream.events;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** The topic catalogue: every topic the platform uses, and nowhere else are topic names written. */
public final class Topics {

    private static final int MACHINE_PARTITIONS = 6;
    private static final int ORDER_PARTITIONS = 3;
    private static final Duration WEEK = Duration.ofDays(7);
    private static final Duration MONTH = Duration.ofDays(31);
    private static final Duration FORTNIGHT = Duration.ofDays(14);
    private static final Duration THIRTEEN_MONTHS = Duration.ofDays(400);

    public static final Topic<String, MachineState> MACHINE_STATE = new Topic<>(
            "machine.state.v1", String.class, MachineState.class, CleanupPolicy.COMPACT_DELETE,
            MACHINE_PARTITIONS, MONTH, MachineState::machineId);
    public static final Topic<String, MachineCounts> MACHINE_COUNTS = new Topic<>(
            "machine.counts.v1", String.class, MachineCounts.class, CleanupPolicy.DELETE,
            MACHINE_PARTITIONS, MONTH, MachineCounts::machineId);
    public static final Topic<String, MachineTelemetry> MACHINE_TELEMETRY = new Topic<>(
            "machine.telemetry.v1", String.class, MachineTelemetry.class, CleanupPolicy.DELETE,
            MACHINE_PARTITIONS, WEEK, MachineTelemetry::machineId);
    public static final Topic<String, MachineParameters> MACHINE_PARAMETERS = new Topic<>(
            "machine.parameters.v1", String.class, MachineParameters.class, CleanupPolicy.COMPACT,
            MACHINE_PARTITIONS, null, MachineParameters::machineId);
    /** One-minute parameter aggregates, kept two weeks: the fine view of the last hours and the shift. */
    public static final Topic<String, ParameterStats> PARAMETER_STATS_MINUTE = new Topic<>(
            "parameter.minutes.v1", String.class, ParameterStats.class, CleanupPolicy.DELETE,
            MACHINE_PARTITIONS, FORTNIGHT, ParameterStats::machineId);
    /** One-hour parameter aggregates, kept thirteen months: weeks, months and the year-on-year view. */
    public static final Topic<String, ParameterStats> PARAMETER_STATS_HOUR = new Topic<>(
            "parameter.hours.v1", String.class, ParameterStats.class, CleanupPolicy.DELETE,
            MACHINE_PARTITIONS, THIRTEEN_MONTHS, ParameterStats::machineId);
    public static final Topic<String, MachineAlarm> MACHINE_ALARMS = new Topic<>(
            "machine.alarms.v1", String.class, MachineAlarm.class, CleanupPolicy.DELETE,
            MACHINE_PARTITIONS, MONTH, MachineAlarm::machineId);
    public static final Topic<String, ErpOrder> ERP_ORDERS = new Topic<>(
            "erp.orders.v1", String.class, ErpOrder.class, CleanupPolicy.COMPACT,
            ORDER_PARTITIONS, null, ErpOrder::orderNo);
    public static final Topic<String, JobCommand> JOB_COMMANDS = new Topic<>(
            "job.commands.v1", String.class, JobCommand.class, CleanupPolicy.DELETE,
            MACHINE_PARTITIONS, MONTH, JobCommand::machineId);
    public static final Topic<String, JobAck> JOB_ACKS = new Topic<>(
            "job.acks.v1", String.class, JobAck.class, CleanupPolicy.DELETE,
            MACHINE_PARTITIONS, MONTH, JobAck::machineId);
    public static final Topic<String, JobState> JOB_STATE = new Topic<>(
            "job.state.v1", String.class, JobState.class, CleanupPolicy.COMPACT,
            ORDER_PARTITIONS, null, JobState::orderNo);
    public static final Topic<OeeKey, OeeRecord> OEE = new Topic<>(
            "oee.v1", OeeKey.class, OeeRecord.class, CleanupPolicy.COMPACT,
            MACHINE_PARTITIONS, null, OeeRecord::key);
    public static final Topic<String, AndonCall> ANDON_CALLS = new Topic<>(
            "andon.calls.v1", String.class, AndonCall.class, CleanupPolicy.DELETE,
            MACHINE_PARTITIONS, MONTH, AndonCall::machineId);
    public static final Topic<String, Alert> ALERTS = new Topic<>(
            "alerts.v1", String.class, Alert.class, CleanupPolicy.DELETE,
            MACHINE_PARTITIONS, MONTH, Alert::machineId);

    private static final List<Topic<?, ?>> EVENT_TOPICS = List.of(
            MACHINE_STATE, MACHINE_COUNTS, MACHINE_TELEMETRY, MACHINE_PARAMETERS, MACHINE_ALARMS, ERP_ORDERS,
            JOB_COMMANDS, JOB_ACKS, JOB_STATE, OEE, ANDON_CALLS, ALERTS, PARAMETER_STATS_MINUTE,
            PARAMETER_STATS_HOUR);

    private static final List<Topic<?, ?>> ALL = Stream.concat(EVENT_TOPICS.stream(),
            EVENT_TOPICS.stream().map(Topic::deadLetter)).toList();

    private Topics() {
    }

    /** The topics that carry factory events, without their dead-letter topics. */
    public static List<Topic<?, ?>> eventTopics() {
        return EVENT_TOPICS;
    }

    /** Every topic of the catalogue, dead-letter topics included. */
    public static List<Topic<?, ?>> all() {
        return ALL;
    }

    public static Optional<Topic<?, ?>> byName(String name) {
        return ALL.stream().filter(t -> t.name().equals(name)).findFirst();
    }

    /** Names of all catalogue topics, in catalogue order. */
    public static List<String> names() {
        List<String> names = new ArrayList<>(ALL.size());
        ALL.forEach(t -> names.add(t.name()));
        return names;
    }
}
