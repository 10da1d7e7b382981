package io.plantstream.streams.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.plantstream.events.EventMeta;
import io.plantstream.events.MachineCounts;
import java.time.Instant;
import java.util.Arrays;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class CountBatchSerdeTest {
    private static final Instant T0 = Instant.parse("2026-03-02T06:00:00Z");
    private final CountBatchSerde serde = new CountBatchSerde();

    @Test
    void aBatchReadsBackAsItWasWrittenAndStillKnowsItsRecentIds() {
        CountBatch batch = new CountBatch();
        for (int i = 0; i < 40; i++) {
            assertThat(batch.add(counts("é-" + i, i % 3 == 0 ? "4711" : "4712", i), 1000 + i, 2, 500 + i)).isTrue();
        }
        byte[] bytes = serde.serializer().serialize("t", batch);
        CountBatch read = serde.deserializer().deserialize("t", bytes);

        assertThat(read.recentIds).hasSize(JobRecord.RECENT_IDS);
        assertThat(read.add(counts("é-39", "4711", 39), 2000, 2, 600)).as("a recent id").isFalse();
        assertThat(read.pending.keySet()).containsExactly("4711", "4712");
        CountBatch.Pending p = read.pending.get("4712");
        CountBatch.Pending q = batch.pending.get("4712");
        assertThat(new Object[] {p.firstId, p.firstOffset, p.produced, p.rejected, p.producedCounter,
                p.rejectedCounter, p.counterReset, p.reports, p.lastId, p.lastSource, p.lastEventTimeMs,
                p.lastTimestamp, p.partition, p.lastOffset})
                .containsExactly(q.firstId, q.firstOffset, q.produced, q.rejected, q.producedCounter,
                        q.rejectedCounter, q.counterReset, q.reports, q.lastId, q.lastSource, q.lastEventTimeMs,
                        q.lastTimestamp, q.partition, q.lastOffset);
        assertThat(p.toCounts("M01")).isEqualTo(q.toCounts("M01"));
        assertThat(p.toCounts("M01").producedDelta()).isEqualTo(26 * 2);
    }

    @Test
    void aTruncatedOrForeignValueIsRefusedWithAClearError() {
        CountBatch batch = new CountBatch();
        batch.add(counts("a", "4711", 1), 1, 0, 1);
        byte[] bytes = serde.serializer().serialize("t", batch);

        assertThatThrownBy(() -> serde.deserializer().deserialize("t", Arrays.copyOf(bytes, bytes.length - 3)))
                .isInstanceOf(SerializationException.class).hasMessageContaining("corrupt count batch");
        assertThatThrownBy(() -> serde.deserializer().deserialize("t", new byte[] {9, 0}))
                .isInstanceOf(SerializationException.class);
    }

    private static MachineCounts counts(String id, String order, int i) {
        return new MachineCounts(new EventMeta(id, "collector", T0.plusSeconds(i), EventMeta.CURRENT_SCHEMA_VERSION),
                "M01", 2, i % 5 == 0 ? 1 : 0, 2L * i, i / 5, false, order);
    }
}
