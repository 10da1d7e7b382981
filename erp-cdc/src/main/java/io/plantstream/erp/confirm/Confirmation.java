package io.plantstream.erp.confirm;

import java.time.Instant;

/**
 * One row for the ERP's confirmation table. Quantities are the order's cumulative totals at
 * {@code confirmedAt}. The source event id is derived from the order and the milestone, so the
 * same milestone always has the same id and is written once, however often it is replayed.
 */
public record Confirmation(String orderNo, String machineId, Instant confirmedAt, long good, long scrap,
        ConfirmationStatus status, String sourceEventId) {
}
