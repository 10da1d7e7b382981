package io.plantstream.andon.board;

import static org.assertj.core.api.Assertions.assertThat;

import io.plantstream.events.MachineStatus;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TileRulesTest {

    @ParameterizedTest
    @CsvSource({"RUNNING, GREEN", "IDLE, YELLOW", "SETUP, YELLOW", "DOWN, RED", "PLANNED_STOP, BLUE", "OFFLINE, GREY"})
    void eachStateHasItsColour(MachineStatus status, TileColour colour) {
        assertThat(TileRules.colour(status)).isEqualTo(colour);
    }

    @Test
    void aMachineNeverHeardFromIsGreyAndOnlyADownMachineBlinks() {
        assertThat(TileRules.colour(null)).isEqualTo(TileColour.GREY);
        for (MachineStatus status : MachineStatus.values()) {
            assertThat(TileRules.blinks(status)).isEqualTo(status == MachineStatus.DOWN);
        }
    }

    @ParameterizedTest
    @CsvSource({"0.0, RED", "0.6499, RED", "0.65, YELLOW", "0.8499, YELLOW", "0.85, GREEN", "1.0, GREEN", "1.07, GREEN"})
    void oeeBandsSwitchAt65And85Percent(double oee, OeeBand band) {
        assertThat(TileRules.band(oee)).isEqualTo(band);
    }

    @Test
    void withoutAFigureThereIsNoBand() {
        assertThat(TileRules.band(null)).isEqualTo(OeeBand.NONE);
        assertThat(TileRules.band(Double.NaN)).isEqualTo(OeeBand.NONE);
        assertThat(TileRules.percent(null)).isEqualTo("–");
        assertThat(TileRules.percent(0.7479)).isEqualTo("74.8 %");
    }

    @Test
    void staleAfterTheThresholdAndWhenNeverHeard() {
        Instant now = Instant.parse("2026-12-01T10:00:00Z");
        Duration threshold = Duration.ofSeconds(60);
        assertThat(TileRules.stale(now.minusSeconds(60), now, threshold)).isFalse();
        assertThat(TileRules.stale(now.minusSeconds(61), now, threshold)).isTrue();
        assertThat(TileRules.stale(null, now, threshold)).isTrue();
    }

    @Test
    void durationsReadAtAGlance() {
        assertThat(TileRules.duration(Duration.ofSeconds(45))).isEqualTo("45 s");
        assertThat(TileRules.duration(Duration.ofMinutes(12).plusSeconds(59))).isEqualTo("12 min");
        assertThat(TileRules.duration(Duration.ofMinutes(187))).isEqualTo("3:07 h");
        assertThat(TileRules.duration(Duration.ofHours(52))).isEqualTo("2 d 4 h");
        assertThat(TileRules.duration(Duration.ofSeconds(-3))).isEqualTo("0 s");
    }
}
