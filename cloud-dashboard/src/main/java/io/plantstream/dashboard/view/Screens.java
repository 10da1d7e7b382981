package io.plantstream.dashboard.view;

import io.plantstream.events.JobCommandType;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** What the pages show, as plain records (the JSON of the API and of the live updates). */
public final class Screens {
    private Screens() {
    }

    /** A site with its lines and their machines, and the site's live OEE over all machines. */
    public record SiteOverview(String site, String name, Instant lastData, boolean stale, Figures oee,
            Map<String, Integer> machinesByState, List<LineOverview> lines) {
    }

    /** A line with the live OEE of its machines as one ({@code oee} null while none has a live figure). */
    public record LineOverview(String id, String name, Figures oee, List<MachineTile> machines) {
    }

    /** One machine at a glance. {@code stale}: nothing heard from it for longer than the stale threshold. */
    public record MachineTile(String site, String line, String machineId, String name, String state,
            String reasonCode, String reasonText, Instant since, Instant lastSeen, boolean stale, JobRow job,
            Figures oee, List<String> alarms, int openCalls, int activeAlerts) {
    }

    /** OEE of one window with the figures behind it; ratios are fractions, null when undefined. */
    public record Figures(String granularity, Instant windowStart, Instant windowEnd, String shift,
            boolean finalResult, Double availability, Double performance, Double quality, Double oee,
            double plannedSeconds, double runSeconds, long totalCount, long goodCount, List<String> dataProblems) {
    }

    /** A job with the last command given to it and the machine's answer, and what may be done with it now. */
    public record JobRow(String site, String orderNo, String machineId, String article, String status, long produced,
            long rejected, long good, long target, double progress, Instant dueDate, Instant eta, String note,
            Double idealCycleSeconds, CommandRow lastCommand, List<JobCommandType> allowed, Instant updated) {
    }

    /** A command and its acknowledgement: PENDING until the machine answered, then APPLIED or REJECTED. */
    public record CommandRow(String commandId, String type, String machineId, String issuedBy, Instant issuedAt,
            String answer, String reason) {
    }

    /** A machine's page: its tile, shift OEE over time, where the time went, and what it did. */
    public record MachineDetail(MachineTile tile, List<Figures> shifts, List<Figures> hours, List<Loss> losses,
            List<StateSpan> timeline, List<AlertRow> alerts) {
    }

    /** One loss of the Pareto: seconds lost and the OEE points that cost. */
    public record Loss(String name, double seconds, double points) {
    }

    public record StateSpan(Instant from, Instant to, String state, String reason) {
    }

    public record AlertRow(String site, String alertId, String machineId, String kind, String severity,
            boolean active, String message, String orderNo, Instant time) {
    }

    public record AndonRow(String site, String callId, String machineId, String reason, String status,
            String raisedBy, Instant raisedAt, String handledBy, String note, Instant time) {
    }
}
