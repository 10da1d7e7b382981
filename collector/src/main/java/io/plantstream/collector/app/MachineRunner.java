package io.plantstream.collector.app;

import io.plantstream.collector.adapter.MachineAdapter;
import io.plantstream.collector.core.EventSink;
import io.plantstream.collector.core.RawSample;
import io.plantstream.collector.core.SignalProcessor;
import io.plantstream.collector.definition.MachineDefinition;
import io.plantstream.events.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drives one machine: polls its adapter at the machine's interval, hands samples to the signal
 * processor, and when the machine is unreachable retries with back-off doubling up to 60 s
 * (the adapter opens a fresh connection on the next poll). Meanwhile time still passes for the
 * processor, so a machine that cannot be reached turns OFFLINE.
 *
 * <p>A PLC read waits for the machine's answer and commits no position
 * ({@link MachineAdapter#overlapsProcessing()}): its batches are handed over and processed in
 * order on a thread of the processing pool while the next read is already on its way, so the
 * time between two reads of a fast machine is the read alone. Every other adapter (rows and files
 * with a read position, messages already received) has each batch processed on the reading thread
 * before it moves on. Batches handed over are held in memory only; losing them in
 * a crash loses nothing a position stood for (absolute counters count the parts at the next
 * read). At most {@link #MAX_BACKLOG} wait: beyond that polls are skipped, and counted, until the
 * processing has caught up.
 */
public final class MachineRunner implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(MachineRunner.class);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(60);
    private static final int MAX_BATCHES_PER_RUN = 50;
    /** Batches handed over and not yet processed at most. */
    static final int MAX_BACKLOG = 1_000;
    /**
     * How long batches handed over gather before a processing thread takes them all: one wake-up
     * of that thread for many reads of a fast machine, a delay nobody sees for a slow one.
     */
    static final long GATHER_MILLIS = 5;

    private final MachineDefinition machine;
    private final MachineAdapter adapter;
    private final SignalProcessor processor;
    private final EventSink sink;
    private final CounterStore counters;
    private final ScheduledExecutorService processing;
    private final boolean handOver;
    private final Queue<MachineAdapter.Batch> handedOver = new ConcurrentLinkedQueue<>();
    private final AtomicInteger backlog = new AtomicInteger();
    /** Requests to process since the processing last ran dry; the one that finds it at 0 schedules it. */
    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicLong processedBatches = new AtomicLong();
    private Instant retryAt = Instant.MIN;
    private int failures;
    private volatile String problem;
    private volatile Instant lastRead;
    private volatile long reads;
    private volatile long samples;
    private volatile long refused;
    private volatile long failed;
    private volatile long skipped;

    /**
     * @param processing the pool that processes what adapters without a read position hand over
     *        (the polling pool itself will do)
     */
    public MachineRunner(MachineDefinition machine, MachineAdapter adapter, SignalProcessor processor, EventSink sink,
            CounterStore counters, ScheduledExecutorService processing) {
        this.machine = machine;
        this.adapter = adapter;
        this.processor = processor;
        this.sink = sink;
        this.counters = counters;
        this.processing = processing;
        this.handOver = adapter.overlapsProcessing();
    }

    @Override
    public void run() {
        Instant now = Instant.now();
        try {
            if (now.isAfter(retryAt)) {
                read();
            }
        } catch (RuntimeException e) {
            LOG.error("{}: unexpected failure; the collector goes on with the next poll", machine.id(), e);
        }
        if (handOver) {
            requestProcessing();
        } else {
            tick();
        }
    }

    private void read() {
        try {
            for (int i = 0; i < MAX_BATCHES_PER_RUN; i++) {
                if (handOver && backlog.get() >= MAX_BACKLOG) {
                    skipped++;
                    if (skipped == 1 || skipped % 1000 == 0) {
                        LOG.warn("{}: {} batches wait to be processed; {} polls skipped so far", machine.id(),
                                backlog.get(), skipped);
                    }
                    return;
                }
                MachineAdapter.Batch batch = adapter.poll();
                reads++;
                samples += batch.samples().size();
                refused += batch.refusals().size();
                if (handOver) {
                    handedOver.add(batch);
                    backlog.incrementAndGet();
                    adapter.processed();
                } else {
                    process(batch);
                    adapter.processed();
                    counters.save(processor);
                }
                if (!batch.more()) {
                    break;
                }
            }
            if (failures > 0) {
                LOG.info("{}: reachable again after {} failed attempts", machine.id(), failures);
            }
            failures = 0;
            problem = null;
            lastRead = Instant.now();
        } catch (Exception e) {
            failures++;
            failed++;
            adapter.disconnect();
            Duration backoff = machine.poll().multipliedBy(1L << Math.min(failures, 16));
            if (backoff.compareTo(MAX_BACKOFF) > 0) {
                backoff = MAX_BACKOFF;
            }
            retryAt = Instant.now().plus(backoff);
            problem = e.getClass().getSimpleName() + ": " + e.getMessage();
            if (failures == 1 || failures % 10 == 0) {
                LOG.warn("{}: cannot read the machine ({}); attempt {} failed, next in {} ms", machine.id(), problem,
                        failures, backoff.toMillis());
            }
        }
    }

    private void process(MachineAdapter.Batch batch) {
        for (MachineAdapter.Refusal refusal : batch.refusals()) {
            LOG.warn("{}: refused {}: {}", machine.id(), refusal.origin(), refusal.reason());
            sink.deadLetter(Topics.MACHINE_COUNTS, machine.id(), refusal.content(), refusal.origin(), refusal.reason());
        }
        for (RawSample sample : batch.samples()) {
            processor.accept(sample);
        }
        processedBatches.incrementAndGet();
    }

    private void tick() {
        try {
            processor.tick(Instant.now());
        } catch (RuntimeException e) {
            LOG.error("{}: unexpected failure; the collector goes on with the next poll", machine.id(), e);
        }
    }

    /**
     * Makes sure the processing runs after this request: schedules it unless it is scheduled or
     * running already (then it sees this request before it stops). After the pool has shut down
     * the caller processes itself.
     */
    private void requestProcessing() {
        if (requests.getAndIncrement() == 0) {
            try {
                processing.schedule(this::processHandedOver, GATHER_MILLIS, TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException e) {
                processHandedOver();
            }
        }
    }

    /** Processes every batch handed over, in order, then lets time pass; only ever on one thread at a time. */
    private void processHandedOver() {
        int seen = requests.get();
        while (true) {
            for (MachineAdapter.Batch batch = handedOver.poll(); batch != null; batch = handedOver.poll()) {
                try {
                    process(batch);
                } catch (RuntimeException e) {
                    LOG.error("{}: processing a batch failed; the collector goes on with the next", machine.id(), e);
                } finally {
                    backlog.decrementAndGet();
                }
            }
            try {
                counters.save(processor);
            } catch (RuntimeException e) {
                LOG.error("{}: cannot store the counters", machine.id(), e);
            }
            tick();
            seen = requests.addAndGet(-seen);
            if (seen == 0) {
                return;
            }
        }
    }

    String machineId() {
        return machine.id();
    }

    /** Why the last read failed, or null. */
    String problem() {
        return problem;
    }

    Instant lastRead() {
        return lastRead;
    }

    /** Polls that returned (for figures). */
    public long reads() {
        return reads;
    }

    /** Samples the polls returned (for figures). */
    public long samples() {
        return samples;
    }

    /** Input the polls refused, each sent to the dead-letter topic with its reason (for figures). */
    public long refused() {
        return refused;
    }

    /** Batches processed, on the reading thread or after being handed over (for figures). */
    public long processedBatches() {
        return processedBatches.get();
    }

    /** Batches handed over and not yet processed. */
    public int backlog() {
        return backlog.get();
    }

    /** What the health endpoint shows of this machine. */
    Map<String, Object> health() {
        Map<String, Object> health = new LinkedHashMap<>();
        health.put("id", machine.id());
        health.put("kind", machine.kind().yamlName());
        health.put("state", processor.state() == null ? null : processor.state().name());
        health.put("lastRead", lastRead == null ? null : lastRead.toString());
        health.put("problem", problem);
        health.put("reads", reads);
        health.put("samples", samples);
        health.put("refused", refused);
        health.put("failedReads", failed);
        if (handOver) {
            health.put("backlog", backlog.get());
            health.put("skippedPolls", skipped);
        }
        health.putAll(adapter.describe());
        return health;
    }

    SignalProcessor processor() {
        return processor;
    }

    void close() {
        adapter.close();
    }
}
