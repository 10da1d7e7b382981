package io.plantstream.streams.jobs;

import io.plantstream.streams.support.ByteWriter;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Compact binary form of a {@link CountBatch}: written with every count report, so one growing
 * array and the ids copied as the bytes they are kept in.
 */
final class CountBatchSerde implements Serde<CountBatch> {
    private static final byte VERSION = 1;

    @Override
    public Serializer<CountBatch> serializer() {
        return (topic, batch) -> batch == null ? null : write(batch);
    }

    @Override
    public Deserializer<CountBatch> deserializer() {
        return (topic, bytes) -> {
            if (bytes == null) {
                return null;
            }
            try {
                return read(bytes);
            } catch (BufferUnderflowException | IllegalArgumentException e) {
                throw new SerializationException("corrupt count batch on " + topic, e);
            }
        };
    }

    static byte[] write(CountBatch batch) {
        ByteWriter out = new ByteWriter(32 + 24 * batch.recentIds.size() + 160 * batch.pending.size());
        out.writeByte(VERSION);
        out.writeShort(batch.recentIds.size());
        for (byte[] id : batch.recentIds) {
            putText(out, id);
        }
        out.writeShort(batch.pending.size());
        for (CountBatch.Pending p : batch.pending.values()) {
            putText(out, utf8(p.orderNo));
            putText(out, utf8(p.firstId));
            putText(out, utf8(p.lastId));
            putText(out, utf8(p.lastSource));
            out.writeLong(p.firstOffset);
            out.writeLong(p.produced);
            out.writeLong(p.rejected);
            out.writeLong(p.producedCounter);
            out.writeLong(p.rejectedCounter);
            out.writeBoolean(p.counterReset);
            out.writeInt(p.reports);
            out.writeLong(p.lastEventTimeMs);
            out.writeLong(p.lastTimestamp);
            out.writeInt(p.partition);
            out.writeLong(p.lastOffset);
        }
        return out.toByteArray();
    }

    static CountBatch read(byte[] bytes) {
        ByteBuffer in = ByteBuffer.wrap(bytes);
        byte version = in.get();
        if (version != VERSION) {
            throw new IllegalArgumentException("unknown count batch version " + version);
        }
        CountBatch batch = new CountBatch();
        for (int n = Short.toUnsignedInt(in.getShort()); n > 0; n--) {
            batch.recentIds.addLast(getBytes(in));
        }
        for (int n = Short.toUnsignedInt(in.getShort()); n > 0; n--) {
            String orderNo = getText(in);
            String firstId = getText(in);
            String lastId = getText(in);
            String lastSource = getText(in);
            CountBatch.Pending p = new CountBatch.Pending(orderNo, firstId, in.getLong());
            p.lastId = lastId;
            p.lastSource = lastSource;
            p.produced = in.getLong();
            p.rejected = in.getLong();
            p.producedCounter = in.getLong();
            p.rejectedCounter = in.getLong();
            p.counterReset = in.get() != 0;
            p.reports = in.getInt();
            p.lastEventTimeMs = in.getLong();
            p.lastTimestamp = in.getLong();
            p.partition = in.getInt();
            p.lastOffset = in.getLong();
            batch.pending.put(p.orderNo, p);
        }
        if (in.hasRemaining()) {
            throw new IllegalArgumentException(in.remaining() + " bytes after the count batch");
        }
        return batch;
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static void putText(ByteWriter out, byte[] text) {
        out.writeShort(text.length);
        out.write(text);
    }

    private static byte[] getBytes(ByteBuffer in) {
        byte[] text = new byte[Short.toUnsignedInt(in.getShort())];
        in.get(text);
        return text;
    }

    private static String getText(ByteBuffer in) {
        return new String(getBytes(in), StandardCharsets.UTF_8);
    }
}
