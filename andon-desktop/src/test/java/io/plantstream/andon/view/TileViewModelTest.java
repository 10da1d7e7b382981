package io.plantstream.andon.view;

import static org.assertj.core.api.Assertions.assertThat;

import io.plantstream.andon.board.OeeBand;
import io.plantstream.andon.board.TileColour;
import io.plantstream.andon.board.TileData;
import io.plantstream.events.Alert;
import io.plantstream.events.AlertKind;
import io.plantstream.events.AndonCall;
import io.plantstream.events.AndonReason;
import io.plantstream.events.AndonStatus;
import io.plantstream.events.EventMeta;
import io.plantstream.events.JobState;
import io.plantstream.events.JobStatus;
import io.plantstream.events.MachineStatus;
import io.plantstream.events.OeeGranularity;
import io.plantstream.events.OeeLosses;
import io.plantstream.events.OeeRecord;
import io.plantstream.events.ParameterFinding;
import io.plantstream.events.Severity;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TileViewModelTest {
    private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");
    private static final Duration STALE_AFTER = Duration.ofSeconds(60);
    private static final Texts ENGLISH = new Texts(Locale.ENGLISH);

    private final TileViewModel tile = new TileViewModel("M01");

    @Test
    void aDownMachineIsRedAndBlinksWithItsReasonJobOeeAndCalls() {
        tile.show(data(MachineStatus.DOWN, NOW.minusSeconds(5), List.of(call())), NOW, true, STALE_AFTER, ENGLISH);
        assertThat(tile.colour().get()).isEqualTo(TileColour.RED);
        assertThat(tile.blinking().get()).isTrue();
        assertThat(tile.stale().get()).isFalse();
        assertThat(tile.stateText().get()).isEqualTo("Down");
        assertThat(tile.timeInState().get()).isEqualTo("12 min");
        assertThat(tile.reasonText().get()).isEqualTo("E42 hydraulics");
        assertThat(tile.jobText().get()).isEqualTo("4711 · BRACKET-7 · 25/100");
        assertThat(tile.progress().get()).isEqualTo(0.25);
        assertThat(tile.oeeText().get()).isEqualTo("74.8 %");
        assertThat(tile.band().get()).isEqualTo(OeeBand.YELLOW);
        assertThat(tile.countsText().get()).isEqualTo("Good 980 · Scrap 20");
        assertThat(tile.callsText().get()).isEqualTo("Material · waiting 3 min");
        assertThat(tile.hasCalls().get()).isTrue();
    }

    @Test
    void withoutContactEveryTileIsGreyAndSaysSo() {
        tile.show(data(MachineStatus.DOWN, NOW.minusSeconds(5), List.of()), NOW, false, STALE_AFTER, ENGLISH);
        assertThat(tile.stale().get()).isTrue();
        assertThat(tile.colour().get()).isEqualTo(TileColour.GREY);
        assertThat(tile.blinking().get()).isFalse();
        assertThat(tile.staleText().get()).isEqualTo("NO CONNECTION");
    }

    @Test
    void aMachineSilentPastTheThresholdIsStaleWithHowLong() {
        tile.show(data(MachineStatus.RUNNING, NOW.minusSeconds(185), List.of()), NOW, true, STALE_AFTER, ENGLISH);
        assertThat(tile.stale().get()).isTrue();
        assertThat(tile.staleText().get()).isEqualTo("NO DATA FOR 3 min");
    }

    @Test
    void theBoardSpeaksGerman() {
        Texts german = new Texts(Locale.GERMAN);
        tile.show(data(MachineStatus.DOWN, NOW.minusSeconds(5), List.of(call())), NOW, true, STALE_AFTER, german);
        assertThat(tile.stateText().get()).isEqualTo("Störung");
        assertThat(tile.countsText().get()).isEqualTo("Gut 980 · Ausschuss 20");
        assertThat(tile.callsText().get()).isEqualTo("Material · wartet 3 min");
        tile.show(data(MachineStatus.RUNNING, NOW.minusSeconds(5), List.of()), NOW, false, STALE_AFTER, german);
        assertThat(tile.staleText().get()).isEqualTo("KEINE VERBINDUNG");
    }

    @Test
    void aMachineNeverHeardFromShowsNoDataYet() {
        tile.show(new TileData("M01", "Press 1", null, null, null, null, null, null, null, List.of(), List.of(), 0, List.of()), NOW,
                true, STALE_AFTER, ENGLISH);
        assertThat(tile.stateText().get()).isEqualTo("No data");
        assertThat(tile.staleText().get()).isEqualTo("NO DATA YET");
        assertThat(tile.jobText().get()).isEqualTo("No job");
        assertThat(tile.hasJob().get()).isFalse();
        assertThat(tile.oeeText().get()).isEqualTo("–");
        assertThat(tile.band().get()).isEqualTo(OeeBand.NONE);
    }

    @Test
    void aParameterAlertShowsOnTheTileInTheBoardsLanguage() {
        TileData plain = data(MachineStatus.RUNNING, NOW, List.of());
        Alert outOfSpec = new Alert(EventMeta.of("job-streams", NOW), "M01:oilTemp:out-of-spec", "M01",
                AlertKind.PARAMETER_OUT_OF_SPEC, Severity.CRITICAL, true, "M01 oilTemp 83.5 degC above its upper limit 80.0",
                null, new ParameterFinding("oilTemp", "out-of-spec", NOW, List.of(83.5), 80.0));
        Alert unknownRule = new Alert(EventMeta.of("job-streams", NOW), "M01:oilTemp:new-rule", "M01",
                AlertKind.PARAMETER_DRIFT, Severity.WARNING, true, "M01 oilTemp does something new", null,
                new ParameterFinding("oilTemp", "new-rule", NOW, List.of(1.0), null));
        TileData withAlerts = new TileData(plain.machineId(), plain.name(), plain.status(), plain.reasonCode(),
                plain.reasonText(), plain.since(), plain.lastSeen(), plain.job(), plain.oee(), plain.alarms(),
                plain.openCalls(), 2, List.of(outOfSpec, unknownRule));
        TileViewModel tile = new TileViewModel("M01");

        tile.show(plain, NOW, true, Duration.ofMinutes(2), new Texts(Locale.ENGLISH));
        assertThat(tile.hasParameterAlert().get()).isFalse();
        assertThat(tile.parameterText().get()).isEmpty();

        tile.show(withAlerts, NOW, true, Duration.ofMinutes(2), new Texts(Locale.ENGLISH));
        assertThat(tile.hasParameterAlert().get()).isTrue();
        assertThat(tile.parameterText().get())
                .isEqualTo("\u26a0 oilTemp 83.5 out of spec (limit 80)\nM01 oilTemp does something new");
        tile.show(withAlerts, NOW, true, Duration.ofMinutes(2), new Texts(Locale.GERMAN));
        assertThat(tile.parameterText().get()).startsWith("\u26a0 oilTemp 83,5 au\u00dferhalb der Toleranz (Grenze 80)");
    }

    private static TileData data(MachineStatus status, Instant lastSeen, List<AndonCall> calls) {
        JobState job = new JobState(EventMeta.of("job-streams", NOW), "4711", "M01", "BRACKET-7", JobStatus.RUNNING, 27,
                2, 100, null, null, null, null, 2.0);
        OeeRecord oee = new OeeRecord(EventMeta.of("job-streams", NOW), "M01", OeeGranularity.LIVE,
                NOW.minus(Duration.ofHours(2)), NOW.plus(Duration.ofHours(6)), "early", false, 7200, 6400, 1000, 980,
                5385, 0.889, 0.8611, 0.98, 0.7479, new OeeLosses(0, Map.of(), 0, 0, 0, 0, 0), Map.of(), List.of());
        return new TileData("M01", "Press 1", status, "E42", "hydraulics", NOW.minus(Duration.ofMinutes(12)), lastSeen,
                job, oee, List.of(), calls, 0, List.of());
    }

    private static AndonCall call() {
        return new AndonCall(EventMeta.of("board", NOW), "call-1", "M01", AndonReason.MATERIAL, AndonStatus.OPEN,
                "station-1", NOW.minus(Duration.ofMinutes(3)), null, null);
    }
}
