package io.plantstream.erp.cdc;

import io.debezium.engine.DebeziumEngine;
import io.debezium.engine.RecordChangeEvent;
import io.debezium.engine.format.ChangeEventFormat;
import io.debezium.embedded.Connect;
import io.plantstream.events.ErpOrder;
import io.plantstream.events.EventMeta;
import io.plantstream.events.Topics;
import io.plantstream.events.dlq.DeadLetters;
import io.plantstream.events.serde.EventJson;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Captures the ERP's order table with the Debezium embedded engine and publishes every change
 * as a clean {@link ErpOrder} on erp.orders.v1, keyed by order number (so the changes of one
 * order stay in order). Rows that are no valid order go to erp.orders.v1.dlq with the reason
 * and the row's values. A batch's position is committed only after Kafka has acknowledged
 * every record of it, so a crash replays changes rather than losing them; the replayed records
 * carry the same event ids.
 */
public final class OrderCapture implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(OrderCapture.class);
    static final String SOURCE = "erp-cdc";

    static {
        // the binary-log client logs through java.util.logging: route it to the same log as everything else
        if (!org.slf4j.bridge.SLF4JBridgeHandler.isInstalled()) {
            org.slf4j.bridge.SLF4JBridgeHandler.removeHandlersForRootLogger();
            org.slf4j.bridge.SLF4JBridgeHandler.install();
        }
    }
    private static final String STAGE = "erp-cdc/capture";

    private final OrderMapper mapper;
    private final Producer<byte[], byte[]> producer;
    private final Serializer<ErpOrder> serializer = Topics.ERP_ORDERS.valueSerde().serializer();
    private final DebeziumEngine<RecordChangeEvent<SourceRecord>> engine;
    private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> new Thread(r, "erp-cdc-engine"));
    private final CountDownLatch started = new CountDownLatch(1);
    private final CompletableFuture<Void> finished = new CompletableFuture<>();
    private final AtomicLong published = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();

    /**
     * @param engineProperties the Debezium connector and engine settings (see {@link CaptureSettings})
     * @param producer idempotent, acks=all; shared with nothing that commits transactions
     */
    public OrderCapture(Properties engineProperties, OrderMapper mapper, Producer<byte[], byte[]> producer) {
        this.mapper = mapper;
        this.producer = producer;
        this.engine = DebeziumEngine.create(ChangeEventFormat.of(Connect.class))
                .using(engineProperties)
                .notifying(this::handleBatch)
                .using(new DebeziumEngine.ConnectorCallback() {
                    @Override
                    public void taskStarted() {
                        started.countDown();
                    }
                })
                .using((success, message, error) -> {
                    if (success) {
                        finished.complete(null);
                    } else {
                        LOG.error("Order capture stopped: {}", message, error);
                        finished.completeExceptionally(error != null ? error : new IllegalStateException(message));
                    }
                    started.countDown();
                })
                .build();
    }

    public OrderCapture start() {
        executor.execute(engine);
        return this;
    }

    /** Waits until the connector task runs (snapshot or streaming), or the engine has failed. */
    public boolean awaitStarted(long timeout, TimeUnit unit) throws InterruptedException {
        return started.await(timeout, unit) && !finished.isCompletedExceptionally();
    }

    /** Completes when the engine stops; exceptionally when it failed. */
    public CompletableFuture<Void> finished() {
        return finished;
    }

    public long published() {
        return published.get();
    }

    public long refused() {
        return refused.get();
    }

    private void handleBatch(List<RecordChangeEvent<SourceRecord>> batch,
            DebeziumEngine.RecordCommitter<RecordChangeEvent<SourceRecord>> committer) throws InterruptedException {
        List<Future<RecordMetadata>> sends = new ArrayList<>(batch.size());
        for (RecordChangeEvent<SourceRecord> event : batch) {
            ProducerRecord<byte[], byte[]> record = toRecord(event.record());
            if (record != null) {
                sends.add(producer.send(record));
            }
        }
        for (Future<RecordMetadata> send : sends) {
            try {
                send.get();
            } catch (ExecutionException e) {
                // Nothing of this batch is committed: the engine stops and the changes are read again.
                throw new IllegalStateException("Kafka refused a captured order; the batch will be read again", e.getCause());
            }
        }
        for (RecordChangeEvent<SourceRecord> event : batch) {
            committer.markProcessed(event);
        }
        committer.markBatchFinished();
    }

    /** The record to publish for one change, or null for what is no row change (heartbeats, schema). */
    private ProducerRecord<byte[], byte[]> toRecord(SourceRecord change) {
        if (!(change.value() instanceof Struct envelope) || envelope.schema().field("op") == null) {
            return null;
        }
        String op = envelope.getString("op");
        boolean deleted = "d".equals(op);
        Struct row = deleted ? envelope.getStruct("before") : envelope.getStruct("after");
        if (row == null) {
            return null;
        }
        Struct source = envelope.getStruct("source");
        Map<String, Object> values = ChangeRows.values(row);
        Instant eventTime = Instant.ofEpochMilli(source.getInt64("ts_ms"));
        String position = source.get("file") + ":" + source.get("pos") + ":" + source.get("row") + ":" + op;
        String keyText = String.valueOf(values.get(mapper.orderNumberColumn()));
        EventMeta meta = EventMeta.derived(SOURCE, eventTime, keyText + "|" + position);
        OrderMapper.Result result = mapper.map(values, deleted, meta);
        if (result instanceof OrderMapper.Mapped mapped) {
            published.incrementAndGet();
            ErpOrder order = mapped.order();
            return new ProducerRecord<>(Topics.ERP_ORDERS.name(), null, eventTime.toEpochMilli(), utf8(order.orderNo()),
                    serializer.serialize(Topics.ERP_ORDERS.name(), order));
        }
        OrderMapper.Refused refusal = (OrderMapper.Refused) result;
        refused.incrementAndGet();
        LOG.warn("Order row refused ({}): {}", position, refusal.reason());
        Map<String, Object> deadRow = new LinkedHashMap<>();
        deadRow.put("table", source.get("table"));
        deadRow.put("op", op);
        deadRow.put("row", values);
        byte[] value;
        try {
            value = EventJson.mapper().writeValueAsBytes(deadRow);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            value = utf8(String.valueOf(deadRow));
        }
        return DeadLetters.of(Topics.ERP_ORDERS.name(), refusal.orderNo() == null ? null : utf8(refusal.orderNo()),
                value, "erp:" + source.get("db") + "." + source.get("table") + "@" + position, STAGE,
                refusal.reason(), null);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            engine.close();
        } catch (java.io.IOException e) {
            LOG.warn("Closing the capture engine failed", e);
        }
        executor.shutdown();
        try {
            if (!executor.awaitTermination(60, TimeUnit.SECONDS)) {
                LOG.warn("The capture engine did not stop within 60 s");
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            executor.shutdownNow();
        }
    }
}
