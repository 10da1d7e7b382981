package io.plantstream.collector.core;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32;

/**
 * A small value a collector keeps across restarts (the last result row read, the last counters,
 * the journal's acknowledged position). Written on every change, so a write is one positional
 * write into a file held open: the file has two slots, each with a sequence number and a
 * checksum, and a write fills the older slot. A crash in the middle of a write leaves the other
 * slot whole, so the reader finds the old or the new value, never half of one. (A file of the
 * older form, the bare value as text, is read as such and replaced at the next write.)
 */
public final class StateFile implements AutoCloseable {
    /** The longest value kept; state values are short (a number, a pair of counters, a row key). */
    public static final int MAX_BYTES = 4_000;
    private static final int SLOT = 4_096;
    private static final int HEADER = 4 + 8 + 4 + 8;
    private static final int MAGIC = 0x50534631; // "PSF1"

    private final Path file;
    private FileChannel channel;
    private long sequence = -1;
    /** Whether the file holds the older form (bare text), to be replaced at the first write. */
    private boolean legacy;

    public StateFile(Path file) {
        this.file = file;
    }

    /** The value, or null when none was written yet. */
    public synchronized String read() {
        try {
            if (!Files.exists(file)) {
                return null;
            }
            byte[] bytes = Files.readAllBytes(file);
            if (bytes.length >= 4 && ByteBuffer.wrap(bytes).getInt() == MAGIC) {
                Slot a = slot(bytes, 0);
                Slot b = slot(bytes, SLOT);
                Slot newest = a == null ? b : b == null ? a : a.sequence >= b.sequence ? a : b;
                if (newest == null) {
                    throw new IllegalStateException(file + " holds no readable value (both slots damaged)");
                }
                sequence = Math.max(sequence, newest.sequence);
                return newest.value;
            }
            String text = new String(bytes, StandardCharsets.UTF_8).strip();
            legacy = bytes.length > 0;
            return text.isEmpty() ? null : text;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    public synchronized void write(String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        if (bytes.length > MAX_BYTES) {
            throw new IllegalArgumentException("a state value has at most " + MAX_BYTES + " bytes, " + file + " got "
                    + bytes.length);
        }
        try {
            FileChannel out = channel();
            long next = ++sequence;
            CRC32 crc = new CRC32();
            crc.update(bytes);
            ByteBuffer record = ByteBuffer.allocate(HEADER + bytes.length);
            record.putInt(MAGIC).putLong(next).putInt(bytes.length).putLong(crc.getValue()).put(bytes).flip();
            long position = (next % 2) * SLOT;
            while (record.hasRemaining()) {
                position += out.write(record, position);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    private FileChannel channel() throws IOException {
        if (channel == null) {
            if (sequence < 0) {
                read();
            }
            Files.createDirectories(file.getParent());
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            if (legacy) {
                channel.truncate(0);
                legacy = false;
            }
        }
        return channel;
    }

    private static Slot slot(byte[] bytes, int offset) {
        if (bytes.length < offset + HEADER) {
            return null;
        }
        ByteBuffer in = ByteBuffer.wrap(bytes, offset, bytes.length - offset);
        if (in.getInt() != MAGIC) {
            return null;
        }
        long sequence = in.getLong();
        int length = in.getInt();
        long checksum = in.getLong();
        if (length < 0 || length > MAX_BYTES || bytes.length < offset + HEADER + length) {
            return null;
        }
        CRC32 crc = new CRC32();
        crc.update(bytes, offset + HEADER, length);
        if (crc.getValue() != checksum) {
            return null;
        }
        return new Slot(sequence, new String(bytes, offset + HEADER, length, StandardCharsets.UTF_8));
    }

    private record Slot(long sequence, String value) {
    }

    @Override
    public synchronized void close() {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot close " + file, e);
            } finally {
                channel = null;
            }
        }
    }
}
