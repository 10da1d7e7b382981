package io.plantstream.events.follow;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.Test;

/**
 * The caught-up signal, with a consumer whose answers can be made to fail (the real cluster is
 * read by the dashboard and Andon ITs): a screen that says it is ready must have read everything
 * that was there when it started.
 */
class TopicFollowerTest {
    private static final TopicPartition PARTITION = new TopicPartition("plant-a.oee.v1", 0);

    @Test
    void aTimeoutWhileAskingWherePartitionsEndDelaysCaughtUpUntilEverythingIsRead() throws Exception {
        FlakyConsumer consumer = new FlakyConsumer(1);
        consumer.updatePartitions(PARTITION.topic(), List.of(new PartitionInfo(PARTITION.topic(), 0, null, null, null)));
        consumer.updateBeginningOffsets(Map.of(PARTITION, 0L));
        consumer.updateEndOffsets(Map.of(PARTITION, 3L));
        consumer.schedulePollTask(() -> {
            for (int offset = 0; offset < 3; offset++) {
                consumer.addRecord(new ConsumerRecord<>(PARTITION.topic(), 0, offset, new byte[0], new byte[] {1}));
            }
        });
        AtomicInteger read = new AtomicInteger();
        CompletableFuture<Integer> readWhenCaughtUp = new CompletableFuture<>();
        TopicFollower.Sink sink = new TopicFollower.Sink() {
            @Override
            public void take(ConsumerRecords<byte[], byte[]> records) {
                read.addAndGet(records.count());
            }

            @Override
            public void caughtUp() {
                readWhenCaughtUp.complete(read.get());
            }
        };
        TopicFollower.Selection everything = (topics, assigned) -> assigned.contains(PARTITION)
                ? Map.of() : java.util.Collections.singletonMap(PARTITION, null);
        try (TopicFollower follower = new TopicFollower("test-feed", consumer, everything, sink, Duration.ofSeconds(1))) {
            follower.start();
            assertThat(readWhenCaughtUp.get(30, TimeUnit.SECONDS)).isEqualTo(3);
            assertThat(consumer.endOffsetFailures.get()).isZero();
            assertThat(follower.caughtUp()).isTrue();
        }
    }

    @Test
    void nothingToReadAtTheFirstLookIsCaughtUpAtOnce() throws Exception {
        MockConsumer<byte[], byte[]> consumer = new MockConsumer<>("earliest");
        CompletableFuture<Long> caughtUp = new CompletableFuture<>();
        TopicFollower.Sink sink = new TopicFollower.Sink() {
            @Override
            public void take(ConsumerRecords<byte[], byte[]> records) {
            }

            @Override
            public void caughtUp() {
                caughtUp.complete(System.nanoTime());
            }
        };
        try (TopicFollower follower = new TopicFollower("test-feed", consumer, (topics, assigned) -> Map.of(), sink,
                Duration.ofSeconds(1))) {
            follower.start();
            assertThat(caughtUp.get(30, TimeUnit.SECONDS)).isPositive();
            assertThat(follower.connected()).isTrue();
            assertThat(follower.records()).isZero();
        }
    }

    @Test
    void aPartitionFoundLaterIsReadFromItsBeginningAndTheOthersKeepTheirPlace() throws Exception {
        TopicPartition later = new TopicPartition("plant-b.machine.state.v1", 0);
        MockConsumer<byte[], byte[]> consumer = new MockConsumer<>("earliest");
        consumer.updatePartitions(PARTITION.topic(), List.of(new PartitionInfo(PARTITION.topic(), 0, null, null, null)));
        consumer.updateBeginningOffsets(Map.of(PARTITION, 0L, later, 0L));
        consumer.updateEndOffsets(Map.of(PARTITION, 1L));
        consumer.schedulePollTask(() -> consumer.addRecord(record(PARTITION, 0)));
        List<String> read = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        CompletableFuture<Void> caughtUp = new CompletableFuture<>();
        TopicFollower.Sink sink = new TopicFollower.Sink() {
            @Override
            public void take(ConsumerRecords<byte[], byte[]> records) {
                records.forEach(r -> read.add(r.topic() + "@" + r.offset()));
            }

            @Override
            public void caughtUp() {
                caughtUp.complete(null);
            }
        };
        TopicFollower.Selection everything = (topics, assigned) -> {
            Map<TopicPartition, Long> added = new java.util.HashMap<>();
            topics.forEach((topic, partitions) -> partitions.stream()
                    .map(p -> new TopicPartition(topic, p.partition())).filter(tp -> !assigned.contains(tp))
                    .forEach(tp -> added.put(tp, null)));
            return added;
        };
        try (TopicFollower follower = new TopicFollower("test-feed", consumer, everything, sink, Duration.ofMillis(200))) {
            follower.start();
            caughtUp.get(30, TimeUnit.SECONDS);
            consumer.updatePartitions(later.topic(), List.of(new PartitionInfo(later.topic(), 0, null, null, null)));
            consumer.schedulePollTask(new Runnable() {
                @Override
                public void run() {
                    if (consumer.assignment().contains(later)) {
                        consumer.addRecord(record(later, 0));
                        consumer.addRecord(record(PARTITION, 1));
                    } else {
                        consumer.schedulePollTask(this);
                    }
                }
            });
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> read.size() == 3);
        }
        assertThat(read).containsExactlyInAnyOrder("plant-a.oee.v1@0", "plant-b.machine.state.v1@0", "plant-a.oee.v1@1");
    }

    private static ConsumerRecord<byte[], byte[]> record(TopicPartition tp, long offset) {
        return new ConsumerRecord<>(tp.topic(), tp.partition(), offset, new byte[0], new byte[] {1});
    }

    /** Answers "where do the partitions end" with a timeout the first {@code failures} times. */
    private static final class FlakyConsumer extends MockConsumer<byte[], byte[]> {
        final AtomicInteger endOffsetFailures;

        FlakyConsumer(int failures) {
            super("earliest");
            this.endOffsetFailures = new AtomicInteger(failures);
        }

        @Override
        public synchronized Map<TopicPartition, Long> endOffsets(Collection<TopicPartition> partitions) {
            if (endOffsetFailures.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                throw new TimeoutException("no answer in time");
            }
            return super.endOffsets(partitions);
        }
    }
}
