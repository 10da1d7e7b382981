package io.plantstream.dashboard.view;

import io.plantstream.dashboard.view.Screens.AlertRow;
import io.plantstream.dashboard.view.Screens.AndonRow;
import io.plantstream.dashboard.view.Screens.CommandRow;
import io.plantstream.dashboard.view.Screens.Figures;
import io.plantstream.dashboard.view.Screens.JobRow;
import io.plantstream.dashboard.view.Screens.LineOverview;
import io.plantstream.dashboard.view.Screens.MachineDetail;
import io.plantstream.dashboard.view.Screens.MachineTile;
import io.plantstream.dashboard.view.Screens.SiteOverview;
import io.plantstream.dashboard.view.Screens.StateSpan;
import io.plantstream.events.Alert;
import io.plantstream.events.AndonCall;
import io.plantstream.events.JobAck;
import io.plantstream.events.JobCommand;
import io.plantstream.events.JobCommandType;
import io.plantstream.events.JobState;
import io.plantstream.events.JobStatus;
import io.plantstream.events.MachineAlarm;
import io.plantstream.events.MachineState;
import io.plantstream.events.OeeRecord;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * Everything the dashboard shows, built from the sites' topics in the cloud: the latest state of
 * every machine, job, alert and Andon call, each machine's OEE by shift and hour, and the commands
 * issued with their answers. One writer (the feed) and many readers (the pages); every method
 * takes the one lock briefly and hands out immutable screen records.
 */
public final class PlantView {
    private final PlantLayout layout;
    private final Duration historyKept;
    private final Duration staleAfter;
    private final Clock clock;
    private final Map<String, SiteData> sites = new TreeMap<>();

    public PlantView(PlantLayout layout, Duration historyKept, Duration staleAfter, Clock clock) {
        this.layout = layout;
        this.historyKept = historyKept;
        this.staleAfter = staleAfter;
        this.clock = clock;
        layout.sites().keySet().forEach(site -> sites.put(site, new SiteData(site)));
    }

    /** What one record changed, for the live updates: a machine's tile, a job, an alert or a call. */
    public record Change(Kind kind, String site, String key) {
        public enum Kind { MACHINE, JOB, ALERT, ANDON }
    }

    /** Takes one record of a site's topic; returns what it changed on the screens (nothing for stale records). */
    public synchronized List<Change> apply(String site, Object value, Instant recordTime) {
        SiteData data = sites.computeIfAbsent(site, SiteData::new);
        data.received(recordTime);
        if (value instanceof MachineState state) {
            return changed(data.machine(state.machineId()).state(state), Change.Kind.MACHINE, site, state.machineId());
        } else if (value instanceof OeeRecord oee) {
            return changed(data.machine(oee.machineId()).oee(oee), Change.Kind.MACHINE, site, oee.machineId());
        } else if (value instanceof MachineAlarm alarm) {
            return changed(data.machine(alarm.machineId()).alarm(alarm), Change.Kind.MACHINE, site, alarm.machineId());
        } else if (value instanceof JobState job) {
            return jobChanged(data, data.job(job), job.orderNo(), job.machineId());
        } else if (value instanceof JobCommand command) {
            data.commands.put(command.commandId(), command);
            return jobChanged(data, true, command.orderNo(), null);
        } else if (value instanceof JobAck ack) {
            data.acks.put(ack.commandId(), ack);
            return jobChanged(data, true, ack.orderNo(), null);
        } else if (value instanceof Alert alert) {
            List<Change> changes = new ArrayList<>(changed(data.alert(alert), Change.Kind.ALERT, site, alert.alertId()));
            changes.add(new Change(Change.Kind.MACHINE, site, alert.machineId()));
            return changes;
        } else if (value instanceof AndonCall call) {
            List<Change> changes = new ArrayList<>(changed(data.call(call), Change.Kind.ANDON, site, call.callId()));
            changes.add(new Change(Change.Kind.MACHINE, site, call.machineId()));
            return changes;
        }
        return List.of();
    }

    /** Forgets what is older than the history kept: old OEE windows, finished jobs, cleared alerts. */
    public synchronized void forgetOld() {
        Instant horizon = clock.instant().minus(historyKept);
        sites.values().forEach(site -> site.forgetBefore(horizon));
    }

    public synchronized List<SiteOverview> overview() {
        return sites.values().stream().map(this::siteOverview).toList();
    }

    public synchronized Optional<MachineTile> tile(String site, String machineId) {
        SiteData data = sites.get(site);
        if (data == null || !knows(data, machineId)) {
            return Optional.empty();
        }
        return Optional.of(tile(data, lineOf(site, machineId), machineId));
    }

    /** A machine's page with {@code days} of shift and hour OEE, the loss Pareto over them and the state timeline. */
    /** When the machine's running shift started, if its live OEE figure says so. */
    public synchronized Optional<Instant> shiftStart(String site, String machineId) {
        SiteData data = sites.get(site);
        if (data == null || !knows(data, machineId)) {
            return Optional.empty();
        }
        OeeRecord live = data.machine(machineId).live;
        return live == null ? Optional.empty() : Optional.of(live.windowStart());
    }

    public synchronized Optional<MachineDetail> machine(String site, String machineId, int days) {
        SiteData data = sites.get(site);
        if (data == null || !knows(data, machineId)) {
            return Optional.empty();
        }
        Instant from = clock.instant().minus(Duration.ofDays(days));
        MachineData machine = data.machine(machineId);
        List<OeeRecord> shiftRecords = new ArrayList<>(machine.shifts.tailMap(from, true).values());
        if (machine.live != null) {
            shiftRecords.add(machine.live);
        }
        List<Figures> hours = machine.hours.tailMap(from, true).values().stream().map(PlantView::figures).toList();
        List<AlertRow> alerts = data.alerts.values().stream().filter(a -> a.machineId().equals(machineId))
                .map(a -> alertRow(site, a)).sorted(Comparator.comparing(AlertRow::time).reversed()).toList();
        return Optional.of(new MachineDetail(tile(data, lineOf(site, machineId), machineId),
                shiftRecords.stream().map(PlantView::figures).toList(), hours, Losses.pareto(shiftRecords),
                timeline(machine, from), alerts));
    }

    /** Jobs of every site (or one), newest change first, that match the filter. */
    public synchronized List<JobRow> jobs(String site, Predicate<JobRow> filter) {
        List<JobRow> rows = new ArrayList<>();
        for (SiteData data : sitesOrOne(site)) {
            data.jobs.values().stream().map(job -> jobRow(data, job)).filter(filter).forEach(rows::add);
        }
        rows.sort(Comparator.comparing(JobRow::updated).reversed());
        return rows;
    }

    public synchronized Optional<JobRow> job(String site, String orderNo) {
        SiteData data = sites.get(site);
        if (data == null || !data.jobs.containsKey(orderNo)) {
            return Optional.empty();
        }
        return Optional.of(jobRow(data, data.jobs.get(orderNo)));
    }

    public synchronized List<AlertRow> alerts(String site) {
        List<AlertRow> rows = new ArrayList<>();
        sitesOrOne(site).forEach(data -> data.alerts.values().forEach(a -> rows.add(alertRow(data.site, a))));
        rows.sort(Comparator.comparing(AlertRow::active).thenComparing(AlertRow::time).reversed());
        return rows;
    }

    public synchronized Optional<AlertRow> alert(String site, String alertId) {
        SiteData data = sites.get(site);
        return Optional.ofNullable(data == null ? null : data.alerts.get(alertId)).map(a -> alertRow(site, a));
    }

    public synchronized List<AndonRow> calls(String site) {
        List<AndonRow> rows = new ArrayList<>();
        sitesOrOne(site).forEach(data -> data.calls.values().forEach(c -> rows.add(andonRow(data.site, c))));
        rows.sort(Comparator.comparing(AndonRow::time).reversed());
        return rows;
    }

    public synchronized Optional<AndonRow> call(String site, String callId) {
        SiteData data = sites.get(site);
        return Optional.ofNullable(data == null ? null : data.calls.get(callId)).map(c -> andonRow(site, c));
    }

    /** Whether the site has (or the layout names) this machine: commands go only to known machines. */
    public synchronized boolean knowsMachine(String site, String machineId) {
        SiteData data = sites.get(site);
        return data != null && knows(data, machineId);
    }

    /** A command issued in the cloud, as read back from the site's command topic. */
    public synchronized Optional<JobCommand> command(String site, String commandId) {
        SiteData data = sites.get(site);
        return Optional.ofNullable(data == null ? null : data.commands.get(commandId));
    }

    /** Final and live shift OEE of the machines of a site (or all) between two instants, for export. */
    public synchronized List<Map.Entry<String, OeeRecord>> shiftRecords(String site, Instant from, Instant to) {
        List<Map.Entry<String, OeeRecord>> records = new ArrayList<>();
        for (SiteData data : sitesOrOne(site)) {
            for (MachineData machine : data.machines.values()) {
                machine.shifts.subMap(from, true, to, false).values()
                        .forEach(r -> records.add(Map.entry(data.site, r)));
                if (machine.live != null && !machine.live.windowStart().isBefore(from)
                        && machine.live.windowStart().isBefore(to)) {
                    records.add(Map.entry(data.site, machine.live));
                }
            }
        }
        records.sort(Comparator.comparing((Map.Entry<String, OeeRecord> e) -> e.getValue().windowStart())
                .thenComparing(Map.Entry::getKey).thenComparing(e -> e.getValue().machineId()));
        return records;
    }

    private SiteOverview siteOverview(SiteData data) {
        PlantLayout.Site site = layout.site(data.site);
        Map<String, List<MachineTile>> byLine = new LinkedHashMap<>();
        site.lines().forEach(line -> byLine.put(line.id(), new ArrayList<>()));
        List<String> machineIds = new ArrayList<>(data.machines.keySet());
        site.lines().forEach(line -> line.machines().forEach(m -> {
            if (!machineIds.contains(m.id())) {
                machineIds.add(m.id());
            }
        }));
        List<MachineTile> tiles = new ArrayList<>();
        for (String machineId : machineIds) {
            String line = lineOf(data.site, machineId);
            MachineTile tile = tile(data, line, machineId);
            tiles.add(tile);
            byLine.computeIfAbsent(line, l -> new ArrayList<>()).add(tile);
        }
        List<LineOverview> lines = new ArrayList<>();
        byLine.forEach((id, machines) -> lines.add(new LineOverview(id, lineName(site, id),
                Losses.aggregate(machines.stream().map(t -> data.machines.get(t.machineId()))
                        .filter(m -> m != null && m.live != null).map(m -> m.live).toList()),
                machines)));
        Map<String, Integer> byState = new TreeMap<>();
        tiles.forEach(t -> byState.merge(t.stale() ? "STALE" : t.state(), 1, Integer::sum));
        boolean stale = data.lastData == null || data.lastData.isBefore(clock.instant().minus(staleAfter));
        List<OeeRecord> live = data.machines.values().stream().map(m -> m.live).filter(r -> r != null).toList();
        return new SiteOverview(data.site, site.name(), data.lastData, stale, Losses.aggregate(live), byState, lines);
    }

    private MachineTile tile(SiteData data, String line, String machineId) {
        MachineData machine = data.machines.get(machineId);
        String name = layout.site(data.site).lines().stream().flatMap(l -> l.machines().stream())
                .filter(m -> m.id().equals(machineId)).map(PlantLayout.Machine::name).findFirst().orElse(machineId);
        if (machine == null) {
            return new MachineTile(data.site, line, machineId, name, "UNKNOWN", null, null, null, null, true, null,
                    null, List.of(), data.openCalls(machineId), data.activeAlerts(machineId));
        }
        MachineState state = machine.state;
        boolean stale = machine.lastSeen == null || machine.lastSeen.isBefore(clock.instant().minus(staleAfter));
        List<String> alarms = machine.alarms.values().stream()
                .map(a -> a.alarmCode() + (a.text() == null ? "" : " " + a.text())).toList();
        return new MachineTile(data.site, line, machineId, name, state == null ? "UNKNOWN" : state.state().name(),
                state == null ? null : state.reasonCode(), state == null ? null : state.reasonText(), machine.since,
                machine.lastSeen, stale, currentJob(data, machineId), machine.live == null ? null : figures(machine.live),
                alarms, data.openCalls(machineId), data.activeAlerts(machineId));
    }

    /** The job a machine works on: running or paused first, else the one dispatched to it last. */
    private JobRow currentJob(SiteData data, String machineId) {
        return data.jobs.values().stream()
                .filter(j -> machineId.equals(j.machineId()))
                .filter(j -> j.status() == JobStatus.RUNNING || j.status() == JobStatus.PAUSED
                        || j.status() == JobStatus.DISPATCHED)
                .max(Comparator.comparing((JobState j) -> j.status() != JobStatus.DISPATCHED)
                        .thenComparing(j -> j.meta().eventTime()))
                .map(j -> jobRow(data, j)).orElse(null);
    }

    private JobRow jobRow(SiteData data, JobState job) {
        CommandRow last = lastCommand(data, job);
        List<JobCommandType> allowed = Arrays.stream(JobCommandType.values()).filter(t -> t.allowedFrom(job.status()))
                .toList();
        double progress = job.target() == 0 ? 0 : Math.min(1.0, (double) job.good() / job.target());
        return new JobRow(data.site, job.orderNo(), job.machineId(), job.article(), job.status().name(), job.produced(),
                job.rejected(), job.good(), job.target(), progress, job.dueDate(), job.eta(), job.note(),
                job.idealCycleSeconds(), last, allowed, job.meta().eventTime());
    }

    /** The newest command for this job issued in the cloud, or the one the job state names, with its answer. */
    private static CommandRow lastCommand(SiteData data, JobState job) {
        JobCommand newest = null;
        for (JobCommand command : data.commands.values()) {
            if (command.orderNo().equals(job.orderNo())
                    && (newest == null || !command.issuedAt().isBefore(newest.issuedAt()))) {
                newest = command;
            }
        }
        String commandId = newest != null ? newest.commandId() : job.lastCommandId();
        if (commandId == null) {
            return null;
        }
        JobAck ack = data.acks.get(commandId);
        if (newest == null) {
            return ack == null ? null : new CommandRow(commandId, ack.commandType().name(), ack.machineId(), null, null,
                    ack.result().name(), ack.reason());
        }
        return new CommandRow(commandId, newest.type().name(), newest.machineId(), newest.issuedBy(),
                newest.issuedAt(), ack == null ? "PENDING" : ack.result().name(), ack == null ? null : ack.reason());
    }

    private static List<StateSpan> timeline(MachineData machine, Instant from) {
        List<StateSpan> spans = new ArrayList<>();
        List<StateSpan> all = new ArrayList<>(machine.timeline);
        for (int i = 0; i < all.size(); i++) {
            StateSpan span = all.get(i);
            Instant to = i + 1 < all.size() ? all.get(i + 1).from() : null;
            if (to == null || to.isAfter(from)) {
                spans.add(new StateSpan(span.from(), to, span.state(), span.reason()));
            }
        }
        return spans;
    }

    static Figures figures(OeeRecord r) {
        return new Figures(r.granularity().name(), r.windowStart(), r.windowEnd(), r.shift(), r.finalResult(),
                r.availability(), r.performance(), r.quality(), r.oee(), r.plannedSeconds(), r.runSeconds(),
                r.totalCount(), r.goodCount(), r.dataProblems());
    }

    private static AlertRow alertRow(String site, Alert a) {
        return new AlertRow(site, a.alertId(), a.machineId(), a.kind().name(), a.severity().name(), a.active(),
                a.message(), a.orderNo(), a.meta().eventTime());
    }

    private static AndonRow andonRow(String site, AndonCall c) {
        return new AndonRow(site, c.callId(), c.machineId(), c.reason().name(), c.status().name(), c.raisedBy(),
                c.raisedAt(), c.handledBy(), c.note(), c.meta().eventTime());
    }

    private boolean knows(SiteData data, String machineId) {
        return data.machines.containsKey(machineId) || layout.site(data.site).lines().stream()
                .anyMatch(l -> l.machines().stream().anyMatch(m -> m.id().equals(machineId)));
    }

    private String lineOf(String site, String machineId) {
        return layout.site(site).lines().stream()
                .filter(l -> l.machines().stream().anyMatch(m -> m.id().equals(machineId)))
                .map(PlantLayout.Line::id).findFirst().orElse(PlantLayout.OTHER_LINE);
    }

    private static String lineName(PlantLayout.Site site, String lineId) {
        return site.lines().stream().filter(l -> l.id().equals(lineId)).map(PlantLayout.Line::name).findFirst()
                .orElse(lineId.equals(PlantLayout.OTHER_LINE) ? "Other machines" : lineId);
    }

    private Collection<SiteData> sitesOrOne(String site) {
        if (site == null || site.isBlank()) {
            return sites.values();
        }
        SiteData data = sites.get(site);
        return data == null ? List.of() : List.of(data);
    }

    private static List<Change> changed(boolean changed, Change.Kind kind, String site, String key) {
        return changed ? List.of(new Change(kind, site, key)) : List.of();
    }

    private static List<Change> jobChanged(SiteData data, boolean changed, String orderNo, String machineId) {
        if (!changed) {
            return List.of();
        }
        List<Change> changes = new ArrayList<>();
        changes.add(new Change(Change.Kind.JOB, data.site, orderNo));
        String machine = machineId != null ? machineId
                : Optional.ofNullable(data.jobs.get(orderNo)).map(JobState::machineId).orElse(null);
        if (machine != null) {
            changes.add(new Change(Change.Kind.MACHINE, data.site, machine));
        }
        return changes;
    }
}
