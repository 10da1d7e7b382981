package io.plantstream.events;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** One complete, valid event of every catalogue type, with optional fields filled. */
public final class SampleEvents {
    public static final Instant T0 = Instant.parse("2026-03-02T06:00:00.123456Z");

    private SampleEvents() {
    }

    public static EventMeta meta(String source) {
        return new EventMeta("evt-" + source, source, T0, EventMeta.CURRENT_SCHEMA_VERSION);
    }

    public static MachineState machineState() {
        return new MachineState(meta("collector-M01"), "M01", MachineStatus.DOWN, "E-104", "Tool breakage");
    }

    public static MachineCounts machineCounts() {
        return new MachineCounts(meta("collector-M01"), "M01", 12, 1, 40_012, 311, false, "4711");
    }

    public static MachineTelemetry machineTelemetry() {
        return new MachineTelemetry(meta("collector-M01"), "M01", List.of(
                new TagSample("spindle.load", 63.5, "%", SampleQuality.GOOD),
                new TagSample("coolant.temperature", 21.25, "degC", SampleQuality.UNCERTAIN)));
    }

    public static MachineAlarm machineAlarm() {
        return new MachineAlarm(meta("collector-M01"), "M01", "A-17", AlarmAction.RAISED, Severity.CRITICAL,
                "Door open during cycle");
    }

    public static ErpOrder erpOrder() {
        return new ErpOrder(meta("erp-cdc"), "4711", "ART-100", 5_000, "M01", 1.0,
                Instant.parse("2026-03-09T14:00:00Z"), 2, OrderStatus.RELEASED, T0, false);
    }

    public static JobCommand jobCommand() {
        return new JobCommand(meta("dashboard"), "cmd-1", "M01", JobCommandType.DISPATCH, "4711", "planner.anna",
                T0, new JobParameters("ART-100", 5_000, 1.0, "R-7"));
    }

    public static JobAck jobAck() {
        return new JobAck(meta("collector-M01"), "cmd-1", "M01", "4711", JobCommandType.DISPATCH, AckResult.REJECTED,
                "machine is DOWN");
    }

    public static JobState jobState() {
        return new JobState(meta("job-streams"), "4711", "M01", "ART-100", JobStatus.RUNNING, 1_200, 14, 5_000,
                Instant.parse("2026-03-09T14:00:00Z"), Instant.parse("2026-03-03T02:10:00Z"), "cmd-1", null, 2.5);
    }

    public static OeeRecord oeeRecord() {
        OeeLosses losses = new OeeLosses(3_600, Map.of("E-104", 1_800.0, "E-200", 1_020.0), 0, 0, 0, 3_231, 423);
        return new OeeRecord(meta("job-streams"), "M01", OeeGranularity.SHIFT, T0, T0.plusSeconds(8 * 3600), "early",
                true, 25_200, 22_380, 19_271, 18_848, 19_271, 0.888095, 0.861081, 0.978050, 0.747937, losses,
                Map.of("downtime", 0.111905, "speedLoss", 0.128214, "qualityLoss", 0.016786), List.of());
    }

    public static AndonCall andonCall() {
        return new AndonCall(meta("andon-desktop"), "call-9", "M01", AndonReason.MATERIAL, AndonStatus.ACKNOWLEDGED,
                "operator.jan", T0, "logistics.eva", "pallet on its way");
    }

    public static Alert alert() {
        return new Alert(meta("job-streams"), "alert-3", "M01", AlertKind.PARAMETER_DRIFT, Severity.WARNING, true,
                "M01 spindle.load: 6 one-minute means rising", "4711", new ParameterFinding("spindle.load",
                        "trend-of-6", T0, List.of(61.0, 61.5, 62.25, 63.0, 63.5, 64.0), 62.5));
    }

    public static MachineParameters machineParameters() {
        return new MachineParameters(meta("collector-M01"), "M01", List.of(
                new ParameterSpec("spindle.load", "%", null, 95.0, 55.0, 70.0),
                ParameterSpec.of("cycleTime", "s")));
    }

    public static ParameterStats parameterStats(StatsResolution resolution) {
        return new ParameterStats(meta("job-streams"), "M01", "spindle.load", "%", resolution, T0,
                T0.plus(resolution.length()), 60, 58.5, 66.25, 62.125, 1.75, null, 95.0, 55.0, 70.0);
    }

    /** One sample per catalogue event topic, keyed as the topic is keyed. */
    public static Map<Topic<?, ?>, Object> byTopic() {
        return Map.ofEntries(
                Map.entry(Topics.MACHINE_STATE, machineState()),
                Map.entry(Topics.MACHINE_COUNTS, machineCounts()),
                Map.entry(Topics.MACHINE_TELEMETRY, machineTelemetry()),
                Map.entry(Topics.MACHINE_ALARMS, machineAlarm()),
                Map.entry(Topics.ERP_ORDERS, erpOrder()),
                Map.entry(Topics.JOB_COMMANDS, jobCommand()),
                Map.entry(Topics.JOB_ACKS, jobAck()),
                Map.entry(Topics.JOB_STATE, jobState()),
                Map.entry(Topics.OEE, oeeRecord()),
                Map.entry(Topics.ANDON_CALLS, andonCall()),
                Map.entry(Topics.ALERTS, alert()),
                Map.entry(Topics.MACHINE_PARAMETERS, machineParameters()),
                Map.entry(Topics.PARAMETER_STATS_MINUTE, parameterStats(StatsResolution.MINUTE)),
                Map.entry(Topics.PARAMETER_STATS_HOUR, parameterStats(StatsResolution.HOUR)));
    }
}
