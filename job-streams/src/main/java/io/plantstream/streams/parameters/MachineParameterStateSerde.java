package io.plantstream.streams.parameters;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Compact binary form of a machine's parameter state: it is written on every telemetry record,
 * so it is kept small and cheap (a few hundred bytes per parameter).
 */
final class MachineParameterStateSerde implements Serde<MachineParameterState> {
    private static final byte VERSION = 1;

    @Override
    public Serializer<MachineParameterState> serializer() {
        return (topic, state) -> state == null ? null : write(state);
    }

    @Override
    public Deserializer<MachineParameterState> deserializer() {
        return (topic, bytes) -> bytes == null ? null : read(bytes);
    }

    static byte[] write(MachineParameterState state) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 + 160 * state.parameters.size());
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(VERSION);
            out.writeLong(state.clockMs);
            out.writeLong(state.closedUntilMs);
            out.writeLong(state.lastArrivalWallMs);
            out.writeLong(state.runningSinceMs);
            out.writeBoolean(state.orderNo != null);
            if (state.orderNo != null) {
                out.writeUTF(state.orderNo);
            }
            out.writeShort(state.parameters.size());
            for (Map.Entry<String, ParameterState> entry : state.parameters.entrySet()) {
                ParameterState parameter = entry.getValue();
                out.writeUTF(entry.getKey());
                out.writeShort(parameter.minutes.size());
                for (Map.Entry<Long, Moments> minute : parameter.minutes.entrySet()) {
                    out.writeLong(minute.getKey());
                    writeMoments(out, minute.getValue());
                }
                out.writeLong(parameter.hourStart);
                writeMoments(out, parameter.hour);
                out.writeBoolean(parameter.hourShown);
                out.writeByte(parameter.recent.size());
                for (double mean : parameter.recent) {
                    out.writeDouble(mean);
                }
                writeMoments(out, parameter.baseline);
                out.writeInt(parameter.activeRules);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static MachineParameterState read(byte[] bytes) {
        MachineParameterState state = new MachineParameterState();
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            byte version = in.readByte();
            if (version != VERSION) {
                throw new IllegalStateException("parameter state of version " + version + ", this build reads "
                        + VERSION);
            }
            state.clockMs = in.readLong();
            state.closedUntilMs = in.readLong();
            state.lastArrivalWallMs = in.readLong();
            state.runningSinceMs = in.readLong();
            state.orderNo = in.readBoolean() ? in.readUTF() : null;
            int parameters = in.readShort();
            for (int i = 0; i < parameters; i++) {
                String name = in.readUTF();
                ParameterState parameter = new ParameterState();
                int minutes = in.readShort();
                for (int m = 0; m < minutes; m++) {
                    long start = in.readLong();
                    parameter.minutes.put(start, readMoments(in));
                }
                parameter.hourStart = in.readLong();
                parameter.hour = readMoments(in);
                parameter.hourShown = in.readBoolean();
                int recent = in.readByte();
                for (int r = 0; r < recent; r++) {
                    parameter.recent.addLast(in.readDouble());
                }
                parameter.baseline = readMoments(in);
                parameter.activeRules = in.readInt();
                state.parameters.put(name, parameter);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return state;
    }

    private static void writeMoments(DataOutputStream out, Moments moments) throws IOException {
        out.writeLong(moments.count);
        if (moments.count > 0) {
            out.writeDouble(moments.mean);
            out.writeDouble(moments.m2);
            out.writeDouble(moments.min);
            out.writeDouble(moments.max);
        }
    }

    private static Moments readMoments(DataInputStream in) throws IOException {
        Moments moments = new Moments();
        moments.count = in.readLong();
        if (moments.count > 0) {
            moments.mean = in.readDouble();
            moments.m2 = in.readDouble();
            moments.min = in.readDouble();
            moments.max = in.readDouble();
        }
        return moments;
    }
}
