package io.plantstream.streams.oee;

/** Names of the OEE stream's stateful steps and stores; each written once. */
public final class OeeStores {
    public static final String TIMELINES = "oee-machine-timelines";
    public static final String CLOCK = "oee-clock";
    public static final String ORDERS = "oee-order-cycle-times";

    private OeeStores() {
    }
}
