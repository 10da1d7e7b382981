package io.plantstream.streams.support;

import io.plantstream.events.ErpOrder;
import io.plantstream.events.Topics;
import io.plantstream.events.serde.EventDecodingException;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps each order's ideal cycle time (microseconds) from the ERP in a global store. Orders that
 * cannot be read are left out here; the job stream dead-letters them.
 */
public final class OrderCycleTimes implements Processor<String, byte[], Void, Void> {
    private static final Logger LOG = LoggerFactory.getLogger(OrderCycleTimes.class);
    private final String storeName;
    private KeyValueStore<String, Long> store;

    public OrderCycleTimes(String storeName) {
        this.storeName = storeName;
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        store = context.getStateStore(storeName);
    }

    @Override
    public void process(Record<String, byte[]> record) {
        if (record.key() == null || record.value() == null) {
            return;
        }
        try {
            ErpOrder order = Topics.ERP_ORDERS.valueSerde().deserializer()
                    .deserialize(Topics.ERP_ORDERS.name(), record.value());
            store.put(order.orderNo(), Math.round(order.idealCycleSeconds() * 1_000_000));
        } catch (EventDecodingException e) {
            LOG.debug("Order not usable for cycle times (dead-lettered by the job stream): {}", e.getMessage());
        }
    }
}
