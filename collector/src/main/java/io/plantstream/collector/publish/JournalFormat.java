package io.plantstream.collector.publish;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * How the store-and-forward journal keeps a record on disk: a frame of length, CRC-32 and
 * payload, the payload holding topic, key, value and headers. A frame that is incomplete (a
 * write cut short) reads as absent; one whose checksum fails is corrupt.
 */
final class JournalFormat {
    static final int HEADER = 8;

    private JournalFormat() {
    }

    /** The payload of the frame at {@code offset}, or null when the frame there is incomplete. */
    static byte[] readFrame(FileChannel channel, long offset) throws IOException {
        ByteBuffer header = ByteBuffer.allocate(HEADER);
        if (channel.read(header, offset) < HEADER) {
            return null;
        }
        header.flip();
        int length = header.getInt();
        int crc = header.getInt();
        if (length < 0) {
            throw new IOException("journal record at offset " + offset + " has a negative length");
        }
        ByteBuffer payload = ByteBuffer.allocate(length);
        long at = offset + HEADER;
        while (payload.hasRemaining()) {
            int read = channel.read(payload, at);
            if (read < 0) {
                return null;
            }
            at += read;
        }
        CRC32 check = new CRC32();
        check.update(payload.array());
        if ((int) check.getValue() != crc) {
            throw new IOException("journal record at offset " + offset + " is corrupt");
        }
        return payload.array();
    }

    /** The end of the last complete, intact frame of a segment (a torn write at the end is cut off). */
    static long validEnd(Path file, long base) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long offset = 0;
            while (true) {
                byte[] payload;
                try {
                    payload = readFrame(channel, offset);
                } catch (IOException corrupt) {
                    break;
                }
                if (payload == null) {
                    break;
                }
                offset += HEADER + payload.length;
            }
            return base + offset;
        }
    }

    /** The frame to write for a record (its payload encoded in place behind the header), ready to be read from. */
    static ByteBuffer frame(String topic, byte[] key, byte[] value, Iterable<Header> headers) {
        byte[] topicBytes = topic.getBytes(StandardCharsets.UTF_8);
        int size = 2 + topicBytes.length + 4 + (key == null ? 0 : key.length) + 4 + (value == null ? 0 : value.length) + 2;
        int count = 0;
        if (headers != null) {
            for (Header header : headers) {
                size += 2 + header.key().getBytes(StandardCharsets.UTF_8).length + 4
                        + (header.value() == null ? 0 : header.value().length);
                count++;
            }
        }
        ByteBuffer buffer = ByteBuffer.allocate(HEADER + size).position(HEADER);
        buffer.putShort((short) topicBytes.length).put(topicBytes);
        putBytes(buffer, key);
        putBytes(buffer, value);
        buffer.putShort((short) count);
        if (headers != null) {
            for (Header header : headers) {
                byte[] name = header.key().getBytes(StandardCharsets.UTF_8);
                buffer.putShort((short) name.length).put(name);
                putBytes(buffer, header.value());
            }
        }
        CRC32 crc = new CRC32();
        crc.update(buffer.array(), HEADER, size);
        return buffer.putInt(0, size).putInt(4, (int) crc.getValue()).flip();
    }

    static ProducerRecord<byte[], byte[]> decode(byte[] payload) {
        ByteBuffer buffer = ByteBuffer.wrap(payload);
        byte[] topic = new byte[buffer.getShort()];
        buffer.get(topic);
        byte[] key = getBytes(buffer);
        byte[] value = getBytes(buffer);
        int count = buffer.getShort();
        RecordHeaders headers = new RecordHeaders();
        for (int i = 0; i < count; i++) {
            byte[] name = new byte[buffer.getShort()];
            buffer.get(name);
            headers.add(new String(name, StandardCharsets.UTF_8), getBytes(buffer));
        }
        return new ProducerRecord<>(new String(topic, StandardCharsets.UTF_8), null, key, value, headers);
    }

    private static void putBytes(ByteBuffer buffer, byte[] bytes) {
        if (bytes == null) {
            buffer.putInt(-1);
        } else {
            buffer.putInt(bytes.length).put(bytes);
        }
    }

    private static byte[] getBytes(ByteBuffer buffer) {
        int length = buffer.getInt();
        if (length < 0) {
            return null;
        }
        byte[] bytes = new byte[length];
        buffer.get(bytes);
        return bytes;
    }
}
