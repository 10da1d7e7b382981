package io.plantstream.streams.oee;

import static org.assertj.core.api.Assertions.assertThat;

import io.plantstream.events.MachineStatus;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class TimelineSerdeTest {

    @Test
    void aTimelineIsWrittenByteForByteInTheFormatItsChangelogsHoldAndReadsBack() throws IOException {
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

        assertThat(bytes).isEqualTo(asDataOutputStreamWritesIt(t));
        assertThat(TimelineSerde.write(TimelineSerde.read(bytes))).isEqualTo(bytes);
        MachineTimeline read = TimelineSerde.read(bytes);
        assertThat(read.stateAt(61_500).reason()).isEqualTo("Störung\u0000 \uD83D\uDD27 tool");
        assertThat(read.hourCounts.get(3_600_000L)).isEqualTo(t.hourCounts.get(3_600_000L));
    }

    /** The format as it was first written, with java.io's DataOutputStream. */
    private static byte[] asDataOutputStreamWritesIt(MachineTimeline t) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(1);
            out.writeInt(t.states.size());
            for (Map.Entry<Long, StateMark> e : t.states.entrySet()) {
                out.writeLong(e.getKey());
                out.writeByte(e.getValue().status().ordinal());
                nullable(out, e.getValue().reason());
            }
            out.writeInt(t.heard.size());
            for (long[] cluster : t.heard) {
                out.writeLong(cluster[0]);
                out.writeLong(cluster[1]);
            }
            counts(out, t.shiftCounts);
            counts(out, t.hourCounts);
            nullable(out, t.activeOrder);
            out.writeLong(t.activeIdealMicros);
            out.writeLong(t.finalUntilMs);
            out.writeLong(t.downAlertSinceMs);
            out.writeBoolean(t.oeeAlertOpen);
        }
        return bytes.toByteArray();
    }

    private static void counts(DataOutputStream out, TreeMap<Long, WindowCounts> counts) throws IOException {
        out.writeInt(counts.size());
        for (Map.Entry<Long, WindowCounts> e : counts.entrySet()) {
            out.writeLong(e.getKey());
            out.writeLong(e.getValue().total());
            out.writeLong(e.getValue().rejected());
            out.writeLong(e.getValue().totalIdealMicros());
            out.writeLong(e.getValue().rejectedIdealMicros());
        }
    }

    private static void nullable(DataOutputStream out, String text) throws IOException {
        out.writeBoolean(text != null);
        if (text != null) {
            out.writeUTF(text);
        }
    }
}
