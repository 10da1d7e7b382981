package io.plantstream.collector.app;

import io.plantstream.collector.adapter.MachineAdapter;
import io.plantstream.collector.core.EventSink;
import io.plantstream.collector.core.RawSample;
import io.plantstream.collector.core.SignalProcessor;
import io.plantstream.collector.definition.MachineDefinition;
import io.plantstream.events.Topics;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drives one machine: polls its adapter at the machine's interval, hands samples to the signal
 * processor, and when the machine is unreachable retries with back-off doubling up to 60 s
 * (the adapter opens a fresh connection on the next poll). Meanwhile time still passes for the
 * processor, so a machine that cannot be reached turns OFFLINE.
 */
final class MachineRunner implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(MachineRunner.class);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(60);
    private static final int MAX_BATCHES_PER_RUN = 50;

    private final MachineDefinition machine;
    private final MachineAdapter adapter;
    private final SignalProcessor processor;
    private final EventSink sink;
    private final CounterStore counters;
    private Instant retryAt = Instant.MIN;
    private int failures;
    private volatile String problem;
    private volatile Instant lastRead;
    private volatile long reads;
    private volatile long samples;
    private volatile long refused;
    private volatile long failed;

    MachineRunner(MachineDefinition machine, MachineAdapter adapter, SignalProcessor processor, EventSink sink,
            CounterStore counters) {
        this.machine = machine;
        this.adapter = adapter;
        this.processor = processor;
        this.sink = sink;
        this.counters = counters;
    }

    @Override
    public void run() {
        Instant now = Instant.now();
        try {
            if (now.isAfter(retryAt)) {
                read();
            }
            processor.tick(Instant.now());
        } catch (RuntimeException e) {
            LOG.error("{}: unexpected failure; the collector goes on with the next poll", machine.id(), e);
        }
    }

    private void read() {
        try {
            for (int i = 0; i < MAX_BATCHES_PER_RUN; i++) {
                MachineAdapter.Batch batch = adapter.poll();
                reads++;
                samples += batch.samples().size();
                refused += batch.refusals().size();
                for (MachineAdapter.Refusal refusal : batch.refusals()) {
                    LOG.warn("{}: refused {}: {}", machine.id(), refusal.origin(), refusal.reason());
                    sink.deadLetter(Topics.MACHINE_COUNTS, machine.id(), refusal.content(), refusal.origin(),
                            refusal.reason());
                }
                for (RawSample sample : batch.samples()) {
                    processor.accept(sample);
                }
                adapter.processed();
                counters.save(processor);
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

    /** What the health endpoint shows of this machine. */
    java.util.Map<String, Object> health() {
        java.util.Map<String, Object> health = new java.util.LinkedHashMap<>();
        health.put("id", machine.id());
        health.put("kind", machine.kind().yamlName());
        health.put("state", processor.state() == null ? null : processor.state().name());
        health.put("lastRead", lastRead == null ? null : lastRead.toString());
        health.put("problem", problem);
        health.put("reads", reads);
        health.put("samples", samples);
        health.put("refused", refused);
        health.put("failedReads", failed);
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
