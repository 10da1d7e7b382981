package io.plantstream.dashboard.view;

import static org.assertj.core.api.Assertions.assertThat;

import io.plantstream.dashboard.view.Screens.JobRow;
import io.plantstream.dashboard.view.Screens.MachineTile;
import io.plantstream.events.AckResult;
import io.plantstream.events.EventMeta;
import io.plantstream.events.JobAck;
import io.plantstream.events.JobCommand;
import io.plantstream.events.JobCommandType;
import io.plantstream.events.JobParameters;
import io.plantstream.events.JobState;
import io.plantstream.events.JobStatus;
import io.plantstream.events.MachineState;
import io.plantstream.events.MachineStatus;
import io.plantstream.events.OeeGranularity;
import io.plantstream.events.OeeLosses;
import io.plantstream.events.OeeRecord;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PlantViewTest {
    private static final Instant T0 = Instant.parse("2026-11-30T06:00:00Z");
    private static final Instant NOW = T0.plus(Duration.ofHours(2));
    private static final PlantLayout LAYOUT = new PlantLayout(Map.of("plant-a", new PlantLayout.Site("plant-a",
            "Plant A", List.of(new PlantLayout.Line("L1", "Pressing", List.of(new PlantLayout.Machine("M01", "Press 1"),
                    new PlantLayout.Machine("M03", "Press 3")))))));

    private final PlantView view = new PlantView(LAYOUT, Duration.ofDays(30), Duration.ofMinutes(2),
            Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void stateSinceCountsFromTheChangeNotFromHeartbeatsAndOlderEventsChangeNothing() {
        assertThat(view.apply("plant-a", state("M01", MachineStatus.RUNNING, T0), T0)).hasSize(1);
        assertThat(view.apply("plant-a", state("M01", MachineStatus.RUNNING, T0.plusSeconds(60)), NOW)).isEmpty();
        view.apply("plant-a", state("M01", MachineStatus.DOWN, NOW.minusSeconds(30)), NOW);
        assertThat(view.apply("plant-a", state("M01", MachineStatus.IDLE, NOW.minusSeconds(90)), NOW)).isEmpty();

        MachineTile tile = view.tile("plant-a", "M01").orElseThrow();
        assertThat(tile.state()).isEqualTo("DOWN");
        assertThat(tile.since()).isEqualTo(NOW.minusSeconds(30));
        assertThat(tile.stale()).isFalse();
        assertThat(view.machine("plant-a", "M01", 1).orElseThrow().timeline())
                .extracting(Screens.StateSpan::state).containsExactly("RUNNING", "DOWN");
    }

    @Test
    void machinesAreGroupedByTheLayoutAndUnknownOnesAppearUnderOther() {
        view.apply("plant-a", state("M01", MachineStatus.RUNNING, NOW), NOW);
        view.apply("plant-a", state("M77", MachineStatus.IDLE, NOW), NOW);
        Screens.SiteOverview site = view.overview().get(0);
        assertThat(site.name()).isEqualTo("Plant A");
        assertThat(site.lines()).extracting(Screens.LineOverview::id).containsExactly("L1", PlantLayout.OTHER_LINE);
        assertThat(site.lines().get(0).machines()).extracting(MachineTile::name).containsExactly("Press 1", "Press 3");
        MachineTile silent = site.lines().get(0).machines().get(1);
        assertThat(silent.state()).isEqualTo("UNKNOWN");
        assertThat(silent.stale()).isTrue();
        assertThat(site.lines().get(1).machines()).extracting(MachineTile::machineId).containsExactly("M77");
    }

    @Test
    void aMachineSilentLongerThanTheThresholdIsStale() {
        view.apply("plant-a", state("M01", MachineStatus.RUNNING, NOW.minus(Duration.ofMinutes(3))), NOW);
        assertThat(view.tile("plant-a", "M01").orElseThrow().stale()).isTrue();
        assertThat(view.overview().get(0).machinesByState()).containsEntry("STALE", 2);
    }

    @Test
    void theFinalShiftRecordReplacesTheLiveFigure() {
        view.apply("plant-a", oee("M01", OeeGranularity.LIVE, T0, 0.5), NOW);
        assertThat(view.tile("plant-a", "M01").orElseThrow().oee().oee()).isEqualTo(0.5);
        view.apply("plant-a", oee("M01", OeeGranularity.SHIFT, T0, 0.6), NOW);
        assertThat(view.tile("plant-a", "M01").orElseThrow().oee()).isNull();
        assertThat(view.machine("plant-a", "M01", 1).orElseThrow().shifts()).extracting(Screens.Figures::oee)
                .containsExactly(0.6);
    }

    @Test
    void aJobOffersTheCommandsItsStateAllowsAndShowsTheMachinesAnswer() {
        view.apply("plant-a", job("4711", JobStatus.QUEUED), NOW);
        assertThat(view.job("plant-a", "4711").orElseThrow().allowed())
                .containsExactly(JobCommandType.DISPATCH, JobCommandType.ABORT);

        JobCommand dispatch = new JobCommand(EventMeta.of("dashboard", NOW), "cloud-1", "M01", JobCommandType.DISPATCH,
                "4711", "pia", NOW, new JobParameters("A", 100, 2.0, null));
        view.apply("plant-a", dispatch, NOW);
        assertThat(view.job("plant-a", "4711").orElseThrow().lastCommand().answer()).isEqualTo("PENDING");
        view.apply("plant-a", new JobAck(EventMeta.of("collector", NOW), "cloud-1", "M01", "4711",
                JobCommandType.DISPATCH, AckResult.REJECTED, "door open"), NOW);
        JobRow row = view.job("plant-a", "4711").orElseThrow();
        assertThat(row.lastCommand().answer()).isEqualTo("REJECTED");
        assertThat(row.lastCommand().reason()).isEqualTo("door open");
        assertThat(row.lastCommand().issuedBy()).isEqualTo("pia");
    }

    @Test
    void theParetoPutsTheLargestLossFirstInSecondsAndPoints() {
        view.apply("plant-a", oee("M01", OeeGranularity.SHIFT, T0, 0.6), NOW);
        List<Screens.Loss> losses = view.machine("plant-a", "M01", 1).orElseThrow().losses();
        assertThat(losses).extracting(Screens.Loss::name).startsWith("Down: E42", "Speed loss");
        assertThat(losses.get(0).seconds()).isEqualTo(2400.0);
        assertThat(losses.get(0).points()).isCloseTo(2400.0 / 28_800, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(losses).extracting(Screens.Loss::name).doesNotContain("No signal");
    }

    @Test
    void theSitesOeeIsFullyProductiveOverPlannedTimeWithAxPxQEqualToIt() {
        view.apply("plant-a", oee("M01", OeeGranularity.LIVE, T0, 0.5), NOW);
        view.apply("plant-a", oee("M03", OeeGranularity.LIVE, T0, 0.7), NOW);
        Screens.Figures site = view.overview().get(0).oee();
        assertThat(site.oee()).isCloseTo(0.6, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(site.availability() * site.performance() * site.quality())
                .isCloseTo(site.oee(), org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void eachLineHasTheLiveOeeOfItsOwnMachinesAsOne() {
        view.apply("plant-a", oee("M01", OeeGranularity.LIVE, T0, 0.5), NOW);
        view.apply("plant-a", oee("M03", OeeGranularity.LIVE, T0, 0.7), NOW);
        view.apply("plant-a", oee("M77", OeeGranularity.LIVE, T0, 0.2), NOW);
        List<Screens.LineOverview> lines = view.overview().get(0).lines();

        assertThat(lines).extracting(Screens.LineOverview::id).containsExactly("L1", PlantLayout.OTHER_LINE);
        Screens.Figures line = lines.get(0).oee();
        assertThat(line.oee()).isCloseTo(0.6, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(line.availability() * line.performance() * line.quality())
                .isCloseTo(line.oee(), org.assertj.core.data.Offset.offset(1e-9));
        assertThat(lines.get(1).oee().oee()).isCloseTo(0.2, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(view.overview().get(0).oee().oee()).as("the site: all three")
                .isCloseTo(1.4 / 3, org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void aLineWithoutLiveFiguresHasNoOee() {
        view.apply("plant-a", oee("M77", OeeGranularity.LIVE, T0, 0.2), NOW);
        assertThat(view.overview().get(0).lines().get(0).oee()).isNull();
    }

    @Test
    void oldHistoryIsForgotten() {
        PlantView shortMemory = new PlantView(LAYOUT, Duration.ofDays(1), Duration.ofMinutes(2),
                Clock.fixed(NOW, ZoneOffset.UTC));
        shortMemory.apply("plant-a", oee("M01", OeeGranularity.SHIFT, T0.minus(Duration.ofDays(3)), 0.5), NOW);
        shortMemory.apply("plant-a", oee("M01", OeeGranularity.SHIFT, T0, 0.6), NOW);
        shortMemory.forgetOld();
        assertThat(shortMemory.machine("plant-a", "M01", 30).orElseThrow().shifts()).hasSize(1);
    }

    private static MachineState state(String machine, MachineStatus status, Instant at) {
        return new MachineState(EventMeta.of("collector", at), machine, status, status == MachineStatus.DOWN ? "E42" : null,
                null);
    }

    private static JobState job(String order, JobStatus status) {
        return new JobState(EventMeta.of("job-streams", NOW), order, "M01", "A", status, 0, 0, 100, null, null, null,
                null, 2.0);
    }

    /** An 8-hour shift, all of it planned; the OEE given, the losses fixed. */
    private static OeeRecord oee(String machine, OeeGranularity granularity, Instant start, double oee) {
        OeeLosses losses = new OeeLosses(0, Map.of("E42", 2400.0), 600, 300, 0, 1200, 100);
        return new OeeRecord(EventMeta.of("job-streams", start), machine, granularity, start,
                start.plus(Duration.ofHours(8)), "early", granularity == OeeGranularity.SHIFT, 28_800, 25_500, 1000, 980,
                oee * 28_800, 0.885, oee / (0.885 * 0.98), 0.98, oee, losses, Map.of(), List.of());
    }
}
