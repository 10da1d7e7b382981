package io.plantstream.streams.jobs;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Compact binary form of a {@link CountBatch}: written with every count report, so sized
 * exactly, one buffer, ids copied as bytes.
 */
final class CountBatchSerde implements Serde<CountBatch> {
    private static final byte VERSION = 1;
    private static final int PENDING_FIXED = 8 * 8 + 4 + 4 + 1;

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
        int size = 1 + 2 + 2;
        for (byte[] id : batch.recentIds) {
            size += 2 + id.length;
        }
        byte[][] texts = new byte[batch.pending.size() * 4][];
        int i = 0;
        for (CountBatch.Pending p : batch.pending.values()) {
            texts[i++] = utf8(p.orderNo);
            texts[i++] = utf8(p.firstId);
            texts[i++] = utf8(p.lastId);
            texts[i++] = utf8(p.lastSource);
            size += PENDING_FIXED;
        }
        for (byte[] text : texts) {
            size += 2 + text.length;
        }
        ByteBuffer out = ByteBuffer.allocate(size);
        out.put(VERSION);
        out.putShort((short) batch.recentIds.size());
        for (byte[] id : batch.recentIds) {
            putText(out, id);
        }
        out.putShort((short) batch.pending.size());
        i = 0;
        for (CountBatch.Pending p : batch.pending.values()) {
            putText(out, texts[i++]);
            putText(out, texts[i++]);
            putText(out, texts[i++]);
            putText(out, texts[i++]);
            out.putLong(p.firstOffset);
            out.putLong(p.produced);
            out.putLong(p.rejected);
            out.putLong(p.producedCounter);
            out.putLong(p.rejectedCounter);
            out.put((byte) (p.counterReset ? 1 : 0));
            out.putInt(p.reports);
            out.putLong(p.lastEventTimeMs);
            out.putLong(p.lastTimestamp);
            out.putInt(p.partition);
            out.putLong(p.lastOffset);
        }
        return out.array();
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

    private static void putText(ByteBuffer out, byte[] text) {
        out.putShort((short) text.length);
        out.put(text);
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
