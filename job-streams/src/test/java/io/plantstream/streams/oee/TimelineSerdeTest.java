package io.plantstream.streams.oee;

import static org.assertj.core.api.Assertions.assertThat;

import io.plantstream.events.MachineStatus;
import org.junit.jupiter.api.Test;

class TimelineSerdeTest {

    @Test
    void aTimelineReadsBackAsItWasWritten() {
        MachineTimeline t = new MachineTimeline();
        t.recordState(1_000, MachineStatus.RUNNING, null);
        t.recordState(61_000, MachineStatus.DOWN, "Störung\u0000 \uD83D\uDD27 tool");
        t.recordState(121_000, MachineStatus.SETUP, "R-17");
        t.recordSignal(1_000, 60_000);
        t.recordSignal(500_000, 60_000);
        t.addCounts(t.shiftCounts, 0, 120, 3, 1_000_000);
        t.addCounts(t.hourCounts, 0, 100, 2, 1_000_000);
        t.addCounts(t.hourCounts, 3_600_000, 20, 1, 2_500_000);
        t.activeOrder = "4711";
        t.activeIdealMicros = 2_500_000;
        t.finalUntilMs = 3_600_000;
        t.downAlertSinceMs = 61_000;
        t.oeeAlertOpen = true;

        byte[] bytes = TimelineSerde.write(t);

        assertThat(TimelineSerde.write(TimelineSerde.read(bytes))).isEqualTo(bytes);
        MachineTimeline read = TimelineSerde.read(bytes);
        assertThat(read.stateAt(61_500).reason()).isEqualTo("Störung\u0000 \uD83D\uDD27 tool");
        assertThat(read.hourCounts.get(3_600_000L)).isEqualTo(t.hourCounts.get(3_600_000L));
    }
}
