package io.plantstream.collector.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JournalFormatTest {
    @TempDir
    Path dir;

    @Test
    void recordsReadBackAsTheyWereWrittenWithNullKeysValuesAndHeaders() throws IOException {
        RecordHeaders headers = new RecordHeaders();
        headers.add("reason", "no state rule matches {}".getBytes(StandardCharsets.UTF_8));
        headers.add("empty", null);
        List<ProducerRecord<byte[], byte[]>> records = List.of(
                record("machine.telemetry.v1", bytes("M01"), bytes("{\"t\":1.0}"), new RecordHeaders()),
                record("dlq.machine.state.v1", null, bytes("ünïcode €"), headers),
                record("machine.counts.v1", bytes(""), null, new RecordHeaders()));
        Path file = dir.resolve("segment");
        List<Long> offsets = new ArrayList<>();
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            long at = 0;
            for (ProducerRecord<byte[], byte[]> record : records) {
                offsets.add(at);
                ByteBuffer frame = JournalFormat.frame(record.topic(), record.key(), record.value(), record.headers());
                while (frame.hasRemaining()) {
                    at += channel.write(frame, at);
                }
            }
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            for (int i = 0; i < records.size(); i++) {
                ProducerRecord<byte[], byte[]> read = JournalFormat.decode(JournalFormat.readFrame(channel, offsets.get(i)));
                ProducerRecord<byte[], byte[]> written = records.get(i);
                assertThat(read.topic()).isEqualTo(written.topic());
                assertThat(read.key()).isEqualTo(written.key());
                assertThat(read.value()).isEqualTo(written.value());
                assertThat(texts(read.headers())).isEqualTo(texts(written.headers()));
            }
            assertThat(JournalFormat.readFrame(channel, Files.size(file))).isNull();
        }
        assertThat(JournalFormat.validEnd(file, 1000)).isEqualTo(1000 + Files.size(file));
    }

    @Test
    void aWriteCutShortReadsAsAbsentAndIsCutOffAndAChangedByteIsCorrupt() throws IOException {
        ByteBuffer first = JournalFormat.frame("machine.state.v1", bytes("M02"), bytes("{\"state\":\"RUNNING\"}"), null);
        ByteBuffer second = JournalFormat.frame("machine.state.v1", bytes("M02"), bytes("{\"state\":\"DOWN\"}"), null);
        int firstLength = first.remaining();
        byte[] both = new byte[firstLength + second.remaining()];
        first.get(both, 0, firstLength);
        second.get(both, firstLength, both.length - firstLength);

        Path torn = Files.write(dir.resolve("torn"), java.util.Arrays.copyOf(both, both.length - 3));
        try (FileChannel channel = FileChannel.open(torn, StandardOpenOption.READ)) {
            assertThat(JournalFormat.readFrame(channel, firstLength)).isNull();
        }
        assertThat(JournalFormat.validEnd(torn, 0)).isEqualTo(firstLength);

        byte[] changed = both.clone();
        changed[firstLength + JournalFormat.HEADER + 5] ^= 0x20;
        Path corrupt = Files.write(dir.resolve("corrupt"), changed);
        try (FileChannel channel = FileChannel.open(corrupt, StandardOpenOption.READ)) {
            assertThat(JournalFormat.readFrame(channel, 0)).isNotNull();
            assertThatThrownBy(() -> JournalFormat.readFrame(channel, firstLength)).isInstanceOf(IOException.class)
                    .hasMessageContaining("corrupt");
        }
        assertThat(JournalFormat.validEnd(corrupt, 0)).isEqualTo(firstLength);
    }

    private static ProducerRecord<byte[], byte[]> record(String topic, byte[] key, byte[] value, Iterable<Header> headers) {
        return new ProducerRecord<>(topic, (Integer) null, key, value, headers);
    }

    private static List<String> texts(Iterable<Header> headers) {
        List<String> texts = new ArrayList<>();
        headers.forEach(h -> texts.add(h.key() + "=" + (h.value() == null ? "(none)" : new String(h.value(), StandardCharsets.UTF_8))));
        return texts;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
