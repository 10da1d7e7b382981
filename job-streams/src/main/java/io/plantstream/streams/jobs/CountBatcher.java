package io.plantstream.streams.jobs;

import io.plantstream.events.MachineCounts;
import io.plantstream.events.Topics;
import io.plantstream.streams.support.Decoded;
import io.plantstream.streams.support.DecodedStore;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Folds a machine's count reports into one record per job and batch interval before they are
 * re-keyed by order: under load the job stream repartitions and applies a few records per
 * machine and interval instead of every report. The pending sums and the machine's recent report
 * ids are in a changelogged store, written with every report, so a report whose offset is
 * committed is never lost before its batch is handed on; a repeated report id is dropped here.
 * A batch of several reports carries the header {@value #BATCH_HEADER} (how many, which offsets),
 * which a dead letter made of it keeps. With a zero interval every report passes at once.
 */
final class CountBatcher implements Processor<String, Decoded<?>, String, Decoded<?>> {
    static final String BATCH_HEADER = "counts.batch";

    private final JobSettings settings;
    private ProcessorContext<String, Decoded<?>> context;
    private DecodedStore<CountBatch> machines;

    CountBatcher(JobSettings settings) {
        this.settings = settings;
    }

    @Override
    public void init(ProcessorContext<String, Decoded<?>> context) {
        this.context = context;
        this.machines = new DecodedStore<>(context.getStateStore(JobStores.COUNT_BATCHES));
        if (!settings.countBatchInterval().isZero()) {
            context.schedule(settings.countBatchInterval(), PunctuationType.WALL_CLOCK_TIME, now -> handOver());
        }
    }

    @Override
    public void process(Record<String, Decoded<?>> record) {
        if (settings.countBatchInterval().isZero()) {
            context.forward(record);
            return;
        }
        MachineCounts counts = (MachineCounts) record.value().value();
        CountBatch batch = machines.get(record.key(), CountBatch::new);
        if (batch.add(counts, record.timestamp(), record.value().sourcePartition(), record.value().sourceOffset())) {
            machines.put(record.key(), batch);
        }
    }

    /** Hands every pending sum on, one record per machine and job, and empties the batches. */
    private void handOver() {
        for (Map.Entry<String, CountBatch> entry : machines.all().entrySet()) {
            CountBatch batch = entry.getValue();
            if (batch.pending.isEmpty()) {
                continue;
            }
            for (CountBatch.Pending pending : batch.pending.values()) {
                MachineCounts counts = pending.toCounts(entry.getKey());
                byte[] raw = Topics.MACHINE_COUNTS.valueSerde().serializer().serialize(Topics.MACHINE_COUNTS.name(),
                        counts);
                RecordHeaders headers = new RecordHeaders();
                if (pending.reports > 1) {
                    headers.add(BATCH_HEADER, pending.describe().getBytes(StandardCharsets.UTF_8));
                }
                context.forward(new Record<>(entry.getKey(), new Decoded<>(counts, raw, Topics.MACHINE_COUNTS.name(),
                        pending.partition, pending.lastOffset), pending.lastTimestamp, headers));
            }
            batch.pending.clear();
            machines.put(entry.getKey(), batch);
        }
    }
}
