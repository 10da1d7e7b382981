package io.plantstream.erp.confirm;

import io.plantstream.events.JobState;
import java.util.ArrayList;
import java.util.List;

/**
 * Which confirmations a job state means. A job confirms STARTED once it runs, PARTIAL each time
 * its good count passes another step of the target (and when it is paused), FINISHED when it
 * completes and ABORTED when it is aborted. Every milestone has a fixed source event id, so the
 * frequent progress updates of a running job write each milestone exactly once.
 */
public final class ConfirmationPolicy {
    private final int stepPercent;

    /** @param stepPercent a PARTIAL confirmation every this many percent of the target; 0 for none */
    public ConfirmationPolicy(int stepPercent) {
        if (stepPercent < 0 || stepPercent > 100) {
            throw new IllegalArgumentException("step must be 0..100 percent, was " + stepPercent);
        }
        this.stepPercent = stepPercent;
    }

    public List<Confirmation> confirmationsFor(JobState state) {
        if (state.machineId() == null) {
            return List.of();
        }
        List<Confirmation> rows = new ArrayList<>(2);
        switch (state.status()) {
            case QUEUED, DISPATCHED -> {
                // nothing happened on the machine yet
            }
            case RUNNING -> {
                rows.add(row(state, ConfirmationStatus.STARTED, "STARTED"));
                long step = partialStep(state);
                if (step > 0) {
                    rows.add(row(state, ConfirmationStatus.PARTIAL, "PARTIAL-" + step * stepPercent + "%"));
                }
            }
            case PAUSED -> {
                rows.add(row(state, ConfirmationStatus.STARTED, "STARTED"));
                rows.add(row(state, ConfirmationStatus.PARTIAL, "PAUSED-"
                        + (state.lastCommandId() != null ? state.lastCommandId() : state.meta().eventId())));
            }
            case COMPLETED -> {
                rows.add(row(state, ConfirmationStatus.STARTED, "STARTED"));
                rows.add(row(state, ConfirmationStatus.FINISHED, "FINISHED"));
            }
            case ABORTED -> {
                if (state.produced() > 0) {
                    rows.add(row(state, ConfirmationStatus.STARTED, "STARTED"));
                }
                rows.add(row(state, ConfirmationStatus.ABORTED, "ABORTED"));
            }
        }
        return rows;
    }

    /** How many whole steps of the target the good count has passed, below the target itself. */
    private long partialStep(JobState state) {
        if (stepPercent == 0 || state.target() <= 0 || state.good() >= state.target()) {
            return 0;
        }
        return state.good() * 100 / state.target() / stepPercent;
    }

    private static Confirmation row(JobState state, ConfirmationStatus status, String milestone) {
        return new Confirmation(state.orderNo(), state.machineId(), state.meta().eventTime(), state.good(),
                state.rejected(), status, state.orderNo() + "/" + milestone);
    }
}
