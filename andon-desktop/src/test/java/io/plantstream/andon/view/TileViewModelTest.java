package io.plantstream.andon.view;

import static org.assertj.core.api.Assertions.assertThat;

import io.plantstream.andon.board.OeeBand;
import io.plantstream.andon.board.TileColour;
import io.plantstream.andon.board.TileData;
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
        tile.show(new TileData("M01", "Press 1", null, null, null, null, null, null, null, List.of(), List.of(), 0), NOW,
                true, STALE_AFTER, ENGLISH);
        assertThat(tile.stateText().get()).isEqualTo("No data");
        assertThat(tile.staleText().get()).isEqualTo("NO DATA YET");
        assertThat(tile.jobText().get()).isEqualTo("No job");
        assertThat(tile.hasJob().get()).isFalse();
        assertThat(tile.oeeText().get()).isEqualTo("–");
        assertThat(tile.band().get()).isEqualTo(OeeBand.NONE);
    }

    private static TileData data(MachineStatus status, Instant lastSeen, List<AndonCall> calls) {
        JobState job = new JobState(EventMeta.of("job-streams", NOW), "4711", "M01", "BRACKET-7", JobStatus.RUNNING, 27,
                2, 100, null, null, null, null, 2.0);
        OeeRecord oee = new OeeRecord(EventMeta.of("job-streams", NOW), "M01", OeeGranularity.LIVE,
                NOW.minus(Duration.ofHours(2)), NOW.plus(Duration.ofHours(6)), "early", false, 7200, 6400, 1000, 980,
                5385, 0.889, 0.8611, 0.98, 0.7479, new OeeLosses(0, Map.of(), 0, 0, 0, 0, 0), Map.of(), List.of());
        return new TileData("M01", "Press 1", status, "E42", "hydraulics", NOW.minus(Duration.ofMinutes(12)), lastSeen,
                job, oee, List.of(), calls, 0);
    }

    private static AndonCall call() {
        return new AndonCall(EventMeta.of("board", NOW), "call-1", "M01", AndonReason.MATERIAL, AndonStatus.OPEN,
                "station-1", NOW.minus(Duration.ofMinutes(3)), null, null);
    }
}
