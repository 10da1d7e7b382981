package io.plantstream.streams.jobs;

import io.plantstream.events.Alert;
import io.plantstream.events.JobAck;
import io.plantstream.events.JobCommand;
import io.plantstream.events.JobState;
import io.plantstream.events.MachineCounts;
import io.plantstream.events.Topics;
import io.plantstream.streams.support.Decoded;
import io.plantstream.streams.support.DecodedSerde;
import io.plantstream.streams.support.Decoding;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.Stores;

/**
 * The job stream: ERP orders, job commands, machine acknowledgements and counts (summed per
 * machine and job over the batch interval first), re-keyed by order number into one partitioned
 * stream, through the job state machine; job states, alerts and dead letters out.
 */
public final class JobTopology {
    public static final String STAGE = "job-streams/jobs";
    private static final String PREFIX = "jobs";

    private JobTopology() {
    }

    public static Topology build(JobSettings settings) {
        StreamsBuilder builder = new StreamsBuilder();
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(JobStores.JOBS),
                Serdes.String(), new JobRecordSerde()).withCachingEnabled());
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(JobStores.COUNT_BATCHES),
                Serdes.String(), new CountBatchSerde()).withCachingEnabled());

        KStream<String, Decoded<?>> orders = Decoding.stream(builder, Topics.ERP_ORDERS, PREFIX, STAGE);
        KStream<String, Decoded<?>> commands = Decoding.stream(builder, Topics.JOB_COMMANDS, PREFIX, STAGE)
                .selectKey((k, v) -> ((JobCommand) v.value()).orderNo(), Named.as("jobs-commands-by-order"));
        KStream<String, Decoded<?>> acks = Decoding.stream(builder, Topics.JOB_ACKS, PREFIX, STAGE)
                .selectKey((k, v) -> ((JobAck) v.value()).orderNo(), Named.as("jobs-acks-by-order"));
        KStream<String, Decoded<?>> counts = Decoding.stream(builder, Topics.MACHINE_COUNTS, PREFIX, STAGE)
                .filter((k, v) -> ((MachineCounts) v.value()).orderNo() != null, Named.as("jobs-counts-with-order"))
                .process(() -> new CountBatcher(settings), Named.as("jobs-counts-batched"), JobStores.COUNT_BATCHES)
                .selectKey((k, v) -> ((MachineCounts) v.value()).orderNo(), Named.as("jobs-counts-by-order"));

        KStream<String, Object> results = orders
                .merge(commands, Named.as("jobs-merge-commands"))
                .merge(acks, Named.as("jobs-merge-acks"))
                .merge(counts, Named.as("jobs-merge-counts"))
                .repartition(Repartitioned.with(Serdes.String(), new DecodedSerde())
                        .withName("jobs-inputs-by-order")
                        .withNumberOfPartitions(Topics.JOB_STATE.partitions()))
                .process(() -> new JobProcessor(settings), Named.as("jobs-state-machine"), JobStores.JOBS);

        results.filter((k, v) -> v instanceof JobState, Named.as("jobs-select-states"))
                .mapValues(v -> (JobState) v, Named.as("jobs-typed-states"))
                .to(Topics.JOB_STATE.name(), Produced.with(Serdes.String(), Topics.JOB_STATE.valueSerde())
                        .withName("jobs-sink-states"));
        results.filter((k, v) -> v instanceof Alert, Named.as("jobs-select-alerts"))
                .mapValues(v -> (Alert) v, Named.as("jobs-typed-alerts"))
                .to(Topics.ALERTS.name(), Produced.with(Serdes.String(), Topics.ALERTS.valueSerde())
                        .withName("jobs-sink-alerts"));
        Decoding.sendDeadLetters(results, "jobs-dlq-refused");
        return builder.build();
    }
}
