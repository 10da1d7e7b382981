package io.plantstream.streams.oee;

import io.plantstream.events.MachineStatus;
import io.plantstream.streams.support.ByteWriter;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/** Compact binary form of a {@link MachineTimeline} for the state store (read and written on every event). */
public final class TimelineSerde implements Serde<MachineTimeline> {
    private static final byte VERSION = 1;
    private static final MachineStatus[] STATUSES = MachineStatus.values();

    @Override
    public Serializer<MachineTimeline> serializer() {
        return (topic, timeline) -> timeline == null ? null : write(timeline);
    }

    @Override
    public Deserializer<MachineTimeline> deserializer() {
        return (topic, bytes) -> bytes == null ? null : read(bytes);
    }

    static byte[] write(MachineTimeline t) {
        ByteWriter out = new ByteWriter(64 + 24 * t.states.size() + 40 * (t.shiftCounts.size() + t.hourCounts.size()));
        out.writeByte(VERSION);
        out.writeInt(t.states.size());
        for (Map.Entry<Long, StateMark> e : t.states.entrySet()) {
            out.writeLong(e.getKey());
            out.writeByte(e.getValue().status().ordinal());
            writeNullable(out, e.getValue().reason());
        }
        out.writeInt(t.heard.size());
        for (long[] cluster : t.heard) {
            out.writeLong(cluster[0]);
            out.writeLong(cluster[1]);
        }
        writeCounts(out, t.shiftCounts);
        writeCounts(out, t.hourCounts);
        writeNullable(out, t.activeOrder);
        out.writeLong(t.activeIdealMicros);
        out.writeLong(t.finalUntilMs);
        out.writeLong(t.downAlertSinceMs);
        out.writeBoolean(t.oeeAlertOpen);
        return out.toByteArray();
    }

    static MachineTimeline read(byte[] bytes) {
        MachineTimeline t = new MachineTimeline();
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            byte version = in.readByte();
            if (version != VERSION) {
                throw new SerializationException("machine timeline of unknown version " + version);
            }
            int states = in.readInt();
            for (int i = 0; i < states; i++) {
                long time = in.readLong();
                t.states.put(time, new StateMark(STATUSES[in.readByte()], readNullable(in)));
            }
            int clusters = in.readInt();
            for (int i = 0; i < clusters; i++) {
                t.heard.add(new long[] {in.readLong(), in.readLong()});
            }
            readCounts(in, t.shiftCounts);
            readCounts(in, t.hourCounts);
            t.activeOrder = readNullable(in);
            t.activeIdealMicros = in.readLong();
            t.finalUntilMs = in.readLong();
            t.downAlertSinceMs = in.readLong();
            t.oeeAlertOpen = in.readBoolean();
        } catch (IOException e) {
            throw new SerializationException("corrupt machine timeline", e);
        }
        return t;
    }

    private static void writeCounts(ByteWriter out, TreeMap<Long, WindowCounts> counts) {
        out.writeInt(counts.size());
        for (Map.Entry<Long, WindowCounts> e : counts.entrySet()) {
            out.writeLong(e.getKey());
            out.writeLong(e.getValue().total());
            out.writeLong(e.getValue().rejected());
            out.writeLong(e.getValue().totalIdealMicros());
            out.writeLong(e.getValue().rejectedIdealMicros());
        }
    }

    private static void readCounts(DataInputStream in, TreeMap<Long, WindowCounts> counts) throws IOException {
        int size = in.readInt();
        for (int i = 0; i < size; i++) {
            counts.put(in.readLong(), new WindowCounts(in.readLong(), in.readLong(), in.readLong(), in.readLong()));
        }
    }

    private static void writeNullable(ByteWriter out, String text) {
        out.writeBoolean(text != null);
        if (text != null) {
            out.writeUTF(text);
        }
    }

    private static String readNullable(DataInputStream in) throws IOException {
        return in.readBoolean() ? in.readUTF() : null;
    }
}
