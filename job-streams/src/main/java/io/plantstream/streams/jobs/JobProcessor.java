package io.plantstream.streams.jobs;

import io.plantstream.events.Alert;
import io.plantstream.events.AlertKind;
import io.plantstream.events.ErpOrder;
import io.plantstream.events.EventMeta;
import io.plantstream.events.FactoryEvent;
import io.plantstream.events.JobAck;
import io.plantstream.events.JobCommand;
import io.plantstream.events.JobState;
import io.plantstream.events.JobStatus;
import io.plantstream.events.MachineCounts;
import io.plantstream.events.Severity;
import io.plantstream.streams.support.DeadLetterSupport;
import io.plantstream.streams.support.Decoded;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Applies orders, commands, acknowledgements and counts (keyed by order) to the job state
 * machine; publishes each new job state (progress alone at most once per progress interval, the
 * rest at the latest with the next wall-clock check), refuses illegal inputs to the dead-letter
 * topics, and raises and clears late-job alerts.
 */
final class JobProcessor implements Processor<String, Decoded<?>, String, Object> {
    private final JobSettings settings;
    private ProcessorContext<String, Object> context;
    private KeyValueStore<String, JobRecord> jobs;

    JobProcessor(JobSettings settings) {
        this.settings = settings;
    }

    @Override
    public void init(ProcessorContext<String, Object> context) {
        this.context = context;
        this.jobs = context.getStateStore(JobStores.JOBS);
        context.schedule(settings.lateCheckInterval(), PunctuationType.WALL_CLOCK_TIME, this::checkDueDates);
    }

    @Override
    public void process(Record<String, Decoded<?>> record) {
        Object input = record.value().value();
        JobRecord job = jobs.get(record.key());
        JobStatus before = job == null ? null : job.status;
        Transition transition;
        if (input instanceof ErpOrder order) {
            transition = JobStateMachine.order(job, order);
        } else if (input instanceof JobCommand command) {
            transition = JobStateMachine.command(job, command);
        } else if (input instanceof JobAck ack) {
            transition = JobStateMachine.ack(job, ack);
        } else if (input instanceof MachineCounts counts) {
            transition = JobStateMachine.counts(job, counts);
        } else {
            throw new IllegalStateException("unexpected input " + input.getClass());
        }
        if (transition.refused()) {
            context.forward(DeadLetterSupport.deadLetter(record, JobTopology.STAGE, transition.refusal()));
        } else if (transition.changed()) {
            JobRecord changed = transition.job();
            Instant now = ((FactoryEvent) input).meta().eventTime();
            boolean progressOnly = input instanceof MachineCounts && changed.status == before;
            if (!progressOnly || changed.publishedAtMs < 0
                    || now.toEpochMilli() - changed.publishedAtMs >= settings.progressInterval().toMillis()) {
                publish(changed, now);
            } else {
                changed.unpublished = true;
            }
            checkLate(changed, now);
            jobs.put(record.key(), changed);
        }
    }

    private void publish(JobRecord job, Instant now) {
        job.version++;
        job.publishedAtMs = now.toEpochMilli();
        job.unpublished = false;
        JobState state = new JobState(EventMeta.derived(settings.source(), now, job.orderNo + "|" + job.version),
                job.orderNo, job.machineId, job.article, job.status, job.produced, job.rejected, job.target,
                job.dueDate, job.eta, job.lastCommandId, job.note,
                job.idealCycleSeconds > 0 ? job.idealCycleSeconds : null);
        context.forward(new Record<>(job.orderNo, state, now.toEpochMilli()));
    }

    private boolean checkLate(JobRecord job, Instant now) {
        boolean late = JobStateMachine.isLate(job, now);
        if (late == job.lateAlertOpen || job.machineId == null) {
            return false;
        }
        job.lateAlertOpen = late;
        String alertId = job.machineId + ":late:" + job.orderNo;
        String message = late
                ? "Job " + job.orderNo + " on " + job.machineId + " will miss its due date " + job.dueDate
                        + (job.eta == null ? "" : " (expected " + job.eta + ")")
                : "Job " + job.orderNo + " is no longer late";
        Alert alert = new Alert(EventMeta.derived(settings.source(), now, alertId + "|" + job.version + "|" + late),
                alertId, job.machineId, AlertKind.JOB_LATE, Severity.WARNING, late, message, job.orderNo);
        context.forward(new Record<>(job.machineId, alert, now.toEpochMilli()));
        return true;
    }

    private void checkDueDates(long wallClockMs) {
        Instant now = Instant.ofEpochMilli(wallClockMs);
        List<KeyValue<String, JobRecord>> all = new ArrayList<>();
        try (KeyValueIterator<String, JobRecord> it = jobs.all()) {
            it.forEachRemaining(all::add);
        }
        for (KeyValue<String, JobRecord> entry : all) {
            JobRecord job = entry.value;
            if (job.isTerminal() && !job.unpublished
                    && wallClockMs - job.publishedAtMs > settings.keepFinished().toMillis()) {
                jobs.delete(entry.key);
                continue;
            }
            boolean changed = checkLate(job, now);
            if (job.unpublished) {
                publish(job, Instant.ofEpochMilli(Math.max(job.lastCountAtMs, job.publishedAtMs)));
                changed = true;
            }
            if (changed) {
                jobs.put(entry.key, job);
            }
        }
    }
}
