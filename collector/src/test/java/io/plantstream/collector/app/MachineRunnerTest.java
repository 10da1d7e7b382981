package io.plantstream.collector.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.plantstream.collector.adapter.MachineAdapter;
import io.plantstream.collector.core.EventSink;
import io.plantstream.collector.core.RawSample;
import io.plantstream.collector.core.SignalProcessor;
import io.plantstream.collector.definition.DefinitionLoader;
import io.plantstream.collector.definition.MachineDefinition;
import io.plantstream.events.FactoryEvent;
import io.plantstream.events.MachineCounts;
import io.plantstream.events.Topic;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runner's two ways of processing, with an adapter that hands out numbered samples (the
 * adapters themselves are tested against real peers in the machine ITs).
 */
class MachineRunnerTest {
    private static final MachineDefinition MACHINE = DefinitionLoader.parse("m20.yaml", """
            id: M20
            kind: modbus
            connection: {url: "modbus-tcp://127.0.0.1:502"}
            poll: 100ms
            tags:
              running: "coil:1"
              partCounter: "holding-register:1:UINT"
            """).get(0);

    private static final boolean OVERLAPPING = true;

    @TempDir
    Path dir;
    private final ScheduledExecutorService pool = Executors.newScheduledThreadPool(1, r -> new Thread(r, "processing"));
    private final Sink sink = new Sink();

    @AfterEach
    void stop() {
        pool.shutdownNow();
    }

    @Test
    void batchesOfAPlcAreProcessedInOrderOnThePoolWhileItReadsOn() throws Exception {
        Counting adapter = new Counting(OVERLAPPING);
        MachineRunner runner = runner(adapter);
        sink.expect(200);

        for (int i = 0; i < 200; i++) {
            runner.run();
        }

        assertThat(sink.await()).as("all counts processed").isTrue();
        awaitProcessing();
        assertThat(runner.reads()).isEqualTo(200);
        assertThat(sink.counts()).extracting(MachineCounts::producedCounter)
                .containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(2, 201).boxed().toList());
        assertThat(sink.threads()).containsOnly("processing");
        assertThat(runner.backlog()).isZero();
        assertThat(runner.processedBatches()).isEqualTo(200);
    }

    @Test
    void anAdapterWithAPositionCommitsItOnlyAfterItsBatchIsProcessedOnTheReadingThread() {
        Counting adapter = new Counting(!OVERLAPPING);
        MachineRunner runner = runner(adapter);

        for (int i = 0; i < 5; i++) {
            runner.run();
        }

        assertThat(adapter.eventsWhenCommitted).containsExactly(1, 2, 3, 4, 5);
        assertThat(sink.threads()).containsOnly(Thread.currentThread().getName());
        assertThat(runner.backlog()).isZero();
    }

    @Test
    void pollsAreSkippedAndCountedWhileTheBacklogIsFullAndResumeWhenItIsProcessed() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        pool.execute(() -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        Counting adapter = new Counting(OVERLAPPING);
        MachineRunner runner = runner(adapter);

        for (int i = 0; i < MachineRunner.MAX_BACKLOG + 7; i++) {
            runner.run();
        }

        assertThat(runner.reads()).isEqualTo(MachineRunner.MAX_BACKLOG);
        assertThat(runner.health()).containsEntry("backlog", MachineRunner.MAX_BACKLOG).containsEntry("skippedPolls", 7L);
        sink.expect(MachineRunner.MAX_BACKLOG);
        release.countDown();
        assertThat(sink.await()).isTrue();
        awaitProcessing();
        assertThat(runner.backlog()).isZero();
        sink.expect(1);
        runner.run();
        assertThat(sink.await()).isTrue();
        assertThat(runner.reads()).isEqualTo(MachineRunner.MAX_BACKLOG + 1);
        assertThat(sink.counts()).hasSize(MachineRunner.MAX_BACKLOG + 1);
    }

    @Test
    void afterThePoolHasShutDownTheReadingThreadProcessesItself() {
        pool.shutdown();
        Counting adapter = new Counting(OVERLAPPING);
        MachineRunner runner = runner(adapter);

        runner.run();
        runner.run();

        assertThat(sink.counts()).hasSize(2);
        assertThat(runner.backlog()).isZero();
        assertThat(sink.threads()).containsOnly(Thread.currentThread().getName());
    }

    private MachineRunner runner(MachineAdapter adapter) {
        SignalProcessor processor = new SignalProcessor(MACHINE, sink);
        processor.baseline(1, 0);
        return new MachineRunner(MACHINE, adapter, processor, sink, new CounterStore(dir), pool);
    }

    /** Waits until the processing running now is over: the pool's one thread takes this task after it. */
    private void awaitProcessing() throws Exception {
        pool.submit(() -> null).get(30, TimeUnit.SECONDS);
    }

    /** A machine whose part counter goes up by one at every poll. */
    private final class Counting implements MachineAdapter {
        private final boolean overlaps;
        private final List<Integer> eventsWhenCommitted = new ArrayList<>();
        private long counter = 1;

        Counting(boolean overlaps) {
            this.overlaps = overlaps;
        }

        @Override
        public Batch poll() {
            counter++;
            return new Batch(List.of(new RawSample(Instant.now(), Map.of("running", true, "partCounter", counter),
                    "test", null)), List.of());
        }

        @Override
        public void processed() {
            eventsWhenCommitted.add(sink.counts().size());
        }

        @Override
        public boolean overlapsProcessing() {
            return overlaps;
        }

        @Override
        public void disconnect() {
        }
    }

    /** Keeps the events and the threads that published them; counts down for each counts event. */
    private static final class Sink implements EventSink {
        private final List<FactoryEvent> events = new ArrayList<>();
        private final java.util.Set<String> threads = new java.util.HashSet<>();
        private volatile CountDownLatch latch = new CountDownLatch(0);

        void expect(int counts) {
            latch = new CountDownLatch(counts);
        }

        boolean await() throws InterruptedException {
            return latch.await(30, TimeUnit.SECONDS);
        }

        @Override
        public synchronized <V extends FactoryEvent> void publish(Topic<String, V> topic, String key, V event) {
            events.add(event);
            threads.add(Thread.currentThread().getName());
            if (event instanceof MachineCounts) {
                latch.countDown();
            }
        }

        @Override
        public synchronized void deadLetter(Topic<?, ?> intended, String key, byte[] value, String origin,
                String reason) {
            throw new AssertionError("unexpected dead letter: " + reason);
        }

        synchronized List<MachineCounts> counts() {
            return events.stream().filter(MachineCounts.class::isInstance).map(MachineCounts.class::cast).toList();
        }

        synchronized java.util.Set<String> threads() {
            return java.util.Set.copyOf(threads);
        }
    }
}
