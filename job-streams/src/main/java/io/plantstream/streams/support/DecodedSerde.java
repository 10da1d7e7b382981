package io.plantstream.streams.support;

import io.plantstream.events.Topic;
import io.plantstream.events.Topics;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Carries a {@link Decoded} value through an internal (repartition) topic: the original bytes and
 * coordinates travel, and the reader decodes them again with the source topic's serde.
 */
public final class DecodedSerde implements Serde<Decoded<?>> {

    @Override
    public Serializer<Decoded<?>> serializer() {
        return (topic, decoded) -> {
            if (decoded == null) {
                return null;
            }
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(decoded.raw().length + 64);
            try (DataOutputStream out = new DataOutputStream(bytes)) {
                out.writeUTF(decoded.sourceTopic());
                out.writeInt(decoded.sourcePartition());
                out.writeLong(decoded.sourceOffset());
                out.writeInt(decoded.raw().length);
                out.write(decoded.raw());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return bytes.toByteArray();
        };
    }

    @Override
    public Deserializer<Decoded<?>> deserializer() {
        return (topic, bytes) -> {
            if (bytes == null) {
                return null;
            }
            try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
                String source = in.readUTF();
                int partition = in.readInt();
                long offset = in.readLong();
                byte[] raw = in.readNBytes(in.readInt());
                Topic<?, ?> sourceTopic = Topics.byName(source)
                        .orElseThrow(() -> new SerializationException("unknown source topic " + source));
                Object value = sourceTopic.valueSerde().deserializer().deserialize(source, raw);
                return new Decoded<>(value, raw, source, partition, offset);
            } catch (IOException e) {
                throw new SerializationException("corrupt internal record on " + topic, e);
            }
        };
    }
}
