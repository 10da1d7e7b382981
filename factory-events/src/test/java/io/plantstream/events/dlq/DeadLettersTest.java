package io.plantstream.events.dlq;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

class DeadLettersTest {

    private static final byte[] NOT_UTF8 = {(byte) 0xC3, (byte) 0x28, 0x00, (byte) 0xFF, '{'};

    @Test
    void keepsTheOriginalBytesAndHeadersAndAddsTheReason() {
        RecordHeaders original = new RecordHeaders();
        original.add("trace", "abc".getBytes(StandardCharsets.UTF_8));
        ConsumerRecord<byte[], byte[]> source = new ConsumerRecord<>("machine.counts.v1", 4, 1234L, 1_700_000_000_000L,
                TimestampType.CREATE_TIME, 3, NOT_UTF8.length, "M07".getBytes(StandardCharsets.UTF_8), NOT_UTF8,
                original, Optional.empty());

        ProducerRecord<byte[], byte[]> letter = DeadLetters.of(source, "job-streams/oee", "not JSON", null);

        assertThat(letter.topic()).isEqualTo("machine.counts.v1.dlq");
        assertThat(letter.value()).isEqualTo(NOT_UTF8);
        assertThat(letter.key()).isEqualTo("M07".getBytes(StandardCharsets.UTF_8));
        assertThat(DeadLetters.header(letter.headers(), "trace")).isEqualTo("abc");
        assertThat(DeadLetters.header(letter.headers(), DeadLetters.REASON)).isEqualTo("not JSON");
        assertThat(DeadLetters.header(letter.headers(), DeadLetters.STAGE)).isEqualTo("job-streams/oee");
        assertThat(DeadLetters.header(letter.headers(), DeadLetters.SOURCE_TOPIC)).isEqualTo("machine.counts.v1");
        assertThat(DeadLetters.header(letter.headers(), DeadLetters.SOURCE_PARTITION)).isEqualTo("4");
        assertThat(DeadLetters.header(letter.headers(), DeadLetters.SOURCE_OFFSET)).isEqualTo("1234");
        assertThat(DeadLetters.header(letter.headers(), DeadLetters.SOURCE_TIMESTAMP)).isEqualTo("1700000000000");
        assertThat(DeadLetters.header(letter.headers(), DeadLetters.ERROR_CLASS)).isNull();
    }

    @Test
    void aDeadLetterOfADeadLetterStaysOnTheSameDeadLetterTopicWithFreshReasons() {
        RecordHeaders headers = new RecordHeaders();
        headers.add(DeadLetters.REASON, "old".getBytes(StandardCharsets.UTF_8));
        ConsumerRecord<byte[], byte[]> source = new ConsumerRecord<>("oee.v1.dlq", 0, 1L, 0L, TimestampType.CREATE_TIME,
                0, 1, null, new byte[] {1}, headers, Optional.empty());

        ProducerRecord<byte[], byte[]> letter = DeadLetters.of(source, "replay", "still broken",
                new IllegalStateException("x"));

        assertThat(letter.topic()).isEqualTo("oee.v1.dlq");
        assertThat(letter.headers().headers(DeadLetters.REASON)).hasSize(1);
        assertThat(DeadLetters.header(letter.headers(), DeadLetters.REASON)).isEqualTo("still broken");
        assertThat(DeadLetters.header(letter.headers(), DeadLetters.ERROR_CLASS))
                .isEqualTo(IllegalStateException.class.getName());
    }

    @Test
    void dataThatNeverWasARecordNamesItsOrigin() {
        ProducerRecord<byte[], byte[]> letter = DeadLetters.of("machine.counts.v1", null, NOT_UTF8,
                "file:/outbox/M09/result-1.csv", "collector-M09", "line 3: 4 columns, expected 6", null);

        assertThat(letter.topic()).isEqualTo("machine.counts.v1.dlq");
        assertThat(letter.value()).isEqualTo(NOT_UTF8);
        assertThat(DeadLetters.header(letter.headers(), DeadLetters.ORIGIN)).isEqualTo("file:/outbox/M09/result-1.csv");
        assertThat(DeadLetters.header(letter.headers(), DeadLetters.REASON)).isEqualTo("line 3: 4 columns, expected 6");
    }
}
