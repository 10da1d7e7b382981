package io.plantstream.streams.app;

import io.plantstream.events.JobStatus;
import io.plantstream.events.OeeRecord;
import io.plantstream.streams.jobs.JobRecord;
import io.plantstream.streams.jobs.JobSequencer;
import io.plantstream.streams.jobs.JobStores;
import io.plantstream.streams.oee.MachineTimeline;
import io.plantstream.streams.oee.OeeSettings;
import io.plantstream.streams.oee.OeeStores;
import io.plantstream.streams.oee.OeeWindows;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/** Reads this instance's share of the OEE and job stores (interactive queries). */
final class StateQueries {
    private final OeeWindows windows;
    private final io.plantstream.streams.oee.LiveFigures live;
    private KafkaStreams oee;
    private KafkaStreams jobs;

    StateQueries(OeeSettings settings, io.plantstream.streams.oee.LiveFigures live) {
        this.windows = new OeeWindows(settings);
        this.live = live;
    }

    void attach(KafkaStreams oeeApp, KafkaStreams jobsApp) {
        this.oee = oeeApp;
        this.jobs = jobsApp;
    }

    KafkaStreams oeeApp() {
        return oee;
    }

    KafkaStreams jobsApp() {
        return jobs;
    }

    KeyQueryMetadata oeeOwner(String machineId) {
        return oee.queryMetadataForKey(OeeStores.TIMELINES, machineId, Serdes.String().serializer());
    }

    KeyQueryMetadata jobOwner(String orderNo) {
        return jobs.queryMetadataForKey(JobStores.JOBS, orderNo, Serdes.String().serializer());
    }

    /**
     * Live OEE of a machine hosted here, as last published (at most the live interval old); worked
     * out of its timeline as of the stream's event time when nothing was published yet.
     */
    Optional<OeeRecord> liveOee(String machineId) {
        Optional<OeeRecord> published = live.get(machineId);
        if (published.isPresent()) {
            return published;
        }
        int partition = oeeOwner(machineId).partition();
        MachineTimeline timeline = this.<MachineTimeline>oeeStore(OeeStores.TIMELINES, partition).get(machineId);
        Long clock = this.<Long>oeeStore(OeeStores.CLOCK, partition).get("event-time");
        if (timeline == null || clock == null) {
            return Optional.empty();
        }
        return windows.live(machineId, timeline, clock);
    }

    /** The version of the published live figures (see {@link io.plantstream.streams.oee.LiveFigures#version()}). */
    long liveVersion() {
        return live.version();
    }

    /** Live OEE of every machine hosted here, as last published. */
    List<OeeRecord> allLiveOee() {
        return live.all();
    }

    Optional<JobRecord> job(String orderNo) {
        return Optional.ofNullable(jobStore().get(orderNo));
    }

    List<JobRecord> jobs(String machineId, JobStatus status) {
        List<JobRecord> found = new ArrayList<>();
        try (KeyValueIterator<String, JobRecord> it = jobStore().all()) {
            it.forEachRemaining(kv -> {
                JobRecord job = kv.value;
                if ((machineId == null || machineId.equals(job.machineId)) && (status == null || status == job.status)) {
                    found.add(job);
                }
            });
        }
        return found;
    }

    static List<JobSequencer.QueuedJob> sequence(List<JobRecord> queued, Instant now) {
        List<JobSequencer.QueuedJob> input = new ArrayList<>();
        for (JobRecord job : queued) {
            Duration duration = Duration.ofMillis(Math.round(Math.max(0, job.target - job.produced + job.rejected)
                    * job.idealCycleSeconds * 1000));
            input.add(new JobSequencer.QueuedJob(job.orderNo, job.article == null ? "" : job.article, job.dueDate,
                    duration));
        }
        return JobSequencer.propose(input, now);
    }

    private ReadOnlyKeyValueStore<String, JobRecord> jobStore() {
        return jobs.store(StoreQueryParameters.fromNameAndType(JobStores.JOBS,
                QueryableStoreTypes.<String, JobRecord>keyValueStore()));
    }

    private <V> ReadOnlyKeyValueStore<String, V> oeeStore(String name, int partition) {
        return oee.store(StoreQueryParameters.fromNameAndType(name, QueryableStoreTypes.<String, V>keyValueStore())
                .withPartition(partition));
    }
}
