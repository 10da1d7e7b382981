package io.plantstream.events;

import java.time.Instant;

/**
 * A production order as the ERP sees it, captured from the ERP database. A deleted order keeps
 * its last known content with {@code deleted} set. Topic erp.orders.v1 (compacted by order).
 */
public record ErpOrder(
        EventMeta meta,
        String orderNo,
        String article,
        long quantity,
        String workCenter,
        double idealCycleSeconds,
        @OptionalField Instant dueDate,
        int priority,
        OrderStatus status,
        @OptionalField Instant updatedAt,
        boolean deleted) implements FactoryEvent {

    public ErpOrder {
        Check.required(meta, "meta");
        Check.id(orderNo, "orderNo");
        Check.id(article, "article");
        if (quantity <= 0) {
            throw new InvalidFieldException("quantity", "must be positive, was " + quantity);
        }
        Check.id(workCenter, "workCenter");
        Check.positive(idealCycleSeconds, "idealCycleSeconds");
        Check.required(status, "status");
    }
}
