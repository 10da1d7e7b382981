package io.plantstream.events;

/** Status of a production order in the ERP. */
public enum OrderStatus {
    PLANNED, RELEASED, IN_PROGRESS, COMPLETED, CANCELLED
}
