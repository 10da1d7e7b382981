package io.plantstream.streams.jobs;

import io.plantstream.events.AckResult;
import io.plantstream.events.ErpOrder;
import io.plantstream.events.JobAck;
import io.plantstream.events.JobCommand;
import io.plantstream.events.JobCommandType;
import io.plantstream.events.JobStatus;
import io.plantstream.events.MachineCounts;
import io.plantstream.events.OrderStatus;
import java.time.Instant;

/**
 * The life of a production job. ERP order -> QUEUED; DISPATCH -> DISPATCHED; START, or the first
 * parts counted for it -> RUNNING; PAUSE / RESUME; ABORT; good parts reaching the target ->
 * COMPLETED. A machine's REJECTED acknowledgement undoes the command it answers. Anything else
 * is refused with a reason and leaves the job as it was. Pure: no Kafka in here.
 */
public final class JobStateMachine {
    private JobStateMachine() {
    }

    public static Transition order(JobRecord job, ErpOrder order) {
        boolean gone = order.deleted() || order.status() == OrderStatus.CANCELLED;
        if (job == null) {
            if (gone || order.status() == OrderStatus.COMPLETED) {
                // nothing to run: deleted, cancelled, or finished (e.g. a job already forgotten by the store)
                return Transition.unchanged(null);
            }
            JobRecord created = new JobRecord();
            created.orderNo = order.orderNo();
            created.status = JobStatus.QUEUED;
            copyPlan(created, order);
            created.note = "released by the ERP";
            return Transition.changed(created);
        }
        if (job.isTerminal()) {
            return Transition.unchanged(job);
        }
        if (gone) {
            job.status = JobStatus.ABORTED;
            job.note = order.deleted() ? "deleted in the ERP" : "cancelled in the ERP";
            return Transition.changed(job);
        }
        copyPlan(job, order);
        complete(job);
        return Transition.changed(job);
    }

    public static Transition command(JobRecord job, JobCommand command) {
        if (job == null) {
            return Transition.refused(null, command.type() + " for unknown order " + command.orderNo());
        }
        if (job.seen(command.commandId())) {
            return Transition.unchanged(job);
        }
        if (!command.type().allowedFrom(job.status)) {
            return Transition.refused(job, "illegal transition: " + command.type() + " while the job is " + job.status);
        }
        if (command.type() != JobCommandType.DISPATCH && !command.machineId().equals(job.machineId)) {
            return Transition.refused(job, command.type() + " addressed to " + command.machineId() + ", but the job is on "
                    + job.machineId);
        }
        job.remember(command.commandId());
        job.statusBeforePending = job.status;
        job.pendingCommandId = command.commandId();
        job.pendingCommandType = command.type();
        job.status = command.type().result();
        if (command.type() == JobCommandType.DISPATCH) {
            job.machineId = command.machineId();
        }
        job.lastCommandId = command.commandId();
        job.note = command.type() + " by " + command.issuedBy();
        return Transition.changed(job);
    }

    public static Transition ack(JobRecord job, JobAck ack) {
        if (job == null) {
            return Transition.refused(null, "acknowledgement for unknown order " + ack.orderNo());
        }
        if (!ack.commandId().equals(job.pendingCommandId)) {
            return Transition.unchanged(job);
        }
        job.pendingCommandId = null;
        if (ack.result() == AckResult.REJECTED) {
            job.status = job.statusBeforePending;
            if (ack.commandType() == JobCommandType.DISPATCH) {
                job.machineId = null;
            }
            job.note = ack.commandType() + " rejected by " + ack.machineId() + ": " + ack.reason();
        } else {
            job.note = ack.commandType() + " applied by " + ack.machineId();
        }
        return Transition.changed(job);
    }

    public static Transition counts(JobRecord job, MachineCounts counts) {
        if (job == null) {
            return Transition.refused(null, "parts counted for unknown order " + counts.orderNo());
        }
        if (job.seen(counts.meta().eventId())) {
            return Transition.unchanged(job);
        }
        if (job.status == JobStatus.QUEUED || job.status == JobStatus.ABORTED) {
            return Transition.refused(job, "parts counted for a job that is " + job.status);
        }
        if (!counts.machineId().equals(job.machineId)) {
            return Transition.refused(job, "parts counted on " + counts.machineId() + ", but the job is on "
                    + job.machineId);
        }
        job.remember(counts.meta().eventId());
        long t = counts.meta().eventTime().toEpochMilli();
        job.lastCountAtMs = Math.max(job.lastCountAtMs, t);
        job.produced += counts.producedDelta();
        job.rejected += counts.rejectedDelta();
        if (job.firstCountAtMs < 0) {
            // The first report's parts were made before it: the rate is measured from there on.
            job.firstCountAtMs = t;
            job.goodAtFirstCount = job.good();
        }
        if (job.status == JobStatus.DISPATCHED) {
            job.status = JobStatus.RUNNING;
            job.note = "producing";
        }
        complete(job);
        job.eta = Eta.estimate(job);
        return Transition.changed(job);
    }

    private static void complete(JobRecord job) {
        if (!job.isTerminal() && job.status != JobStatus.QUEUED && job.good() >= job.target) {
            job.status = JobStatus.COMPLETED;
            job.note = "target reached";
            job.eta = null;
        }
    }

    private static void copyPlan(JobRecord job, ErpOrder order) {
        job.article = order.article();
        job.target = order.quantity();
        job.idealCycleSeconds = order.idealCycleSeconds();
        job.dueDate = order.dueDate();
        if (job.status == JobStatus.QUEUED) {
            job.machineId = order.workCenter();
        }
    }

    /** Is the job late at {@code now}: past its due date, or expected to finish after it? */
    public static boolean isLate(JobRecord job, Instant now) {
        if (job.dueDate == null || job.isTerminal()) {
            return false;
        }
        return now.isAfter(job.dueDate) || (job.eta != null && job.eta.isAfter(job.dueDate));
    }
}
