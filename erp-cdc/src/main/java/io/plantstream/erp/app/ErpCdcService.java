package io.plantstream.erp.app;

import io.plantstream.config.Config;
import io.plantstream.config.ConfigException;
import io.plantstream.config.HealthServer;
import io.plantstream.config.KafkaClientSettings;
import io.plantstream.config.Setting;
import io.plantstream.erp.cdc.CaptureLease;
import io.plantstream.erp.cdc.CaptureSettings;
import io.plantstream.erp.cdc.InternalTopics;
import io.plantstream.erp.cdc.OrderCapture;
import io.plantstream.erp.cdc.OrderColumns;
import io.plantstream.erp.cdc.OrderMapper;
import io.plantstream.erp.confirm.ConfirmationColumns;
import io.plantstream.erp.confirm.ConfirmationPolicy;
import io.plantstream.erp.confirm.ConfirmationWriter;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * erp-cdc as one service: the order capture (ERP -> erp.orders.v1) and the confirmation writer
 * (job.state.v1 -> ERP), sharing one idempotent producer. Several instances may run; the one
 * holding the capture lease works, the others stand by and take over when it dies.
 */
public final class ErpCdcService implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ErpCdcService.class);

    private final Producer<byte[], byte[]> producer;
    private final CompletableFuture<Void> finished = new CompletableFuture<>();
    private final CountDownLatch active = new CountDownLatch(1);
    private CaptureLease lease;
    private HealthServer health;
    private volatile OrderCapture capture;
    private volatile ConfirmationWriter writer;
    private volatile boolean closed;

    private ErpCdcService(Producer<byte[], byte[]> producer) {
        this.producer = producer;
    }

    /**
     * Checks the configuration completely, creates the capture's topics, then waits in the
     * background for the capture lease; once it holds the lease, it starts both directions.
     */
    public static ErpCdcService start(Config config) throws InterruptedException {
        Map<String, Object> kafka = KafkaClientSettings.clientProperties(config);
        String capturePassword = password(config, ErpCdcConfig.CDC_PASSWORD, ErpCdcConfig.CDC_PASSWORD_FILE,
                "erp.cdc.password");
        String writerPassword = config.get(ErpCdcConfig.CONFIRM_ENABLED)
                ? password(config, ErpCdcConfig.WRITER_PASSWORD, ErpCdcConfig.WRITER_PASSWORD_FILE, "erp.writer.password")
                : "";
        OrderColumns orderColumns = orderColumns(config);
        ConfirmationColumns confirmationColumns = confirmationColumns(config);
        OrderMapper mapper = new OrderMapper(orderColumns, config.get(ErpCdcConfig.WORK_CENTERS),
                config.get(ErpCdcConfig.ERP_ZONE), config.get(ErpCdcConfig.IDEAL_CYCLE_UNIT),
                config.get(ErpCdcConfig.STATUS_MAP));
        String name = config.get(ErpCdcConfig.ENGINE_NAME);
        String jdbcUrl = "jdbc:mariadb://" + config.get(ErpCdcConfig.DB_HOST) + ":" + config.get(ErpCdcConfig.DB_PORT)
                + "/" + config.get(ErpCdcConfig.DB_NAME);
        CaptureSettings settings = new CaptureSettings(name, config.get(ErpCdcConfig.DB_CONNECTOR),
                config.get(ErpCdcConfig.DB_HOST), config.get(ErpCdcConfig.DB_PORT), config.get(ErpCdcConfig.DB_NAME),
                orderColumns.table(), config.get(ErpCdcConfig.CDC_USER), capturePassword,
                config.get(ErpCdcConfig.SERVER_ID), config.get(ErpCdcConfig.SNAPSHOT_MODE),
                config.get(ErpCdcConfig.POLL_INTERVAL), config.get(ErpCdcConfig.OFFSETS_TOPIC),
                config.get(ErpCdcConfig.HISTORY_TOPIC), config.get(ErpCdcConfig.REPLICATION), kafka);
        try {
            InternalTopics.ensure(kafka, settings.offsetsTopic(), settings.historyTopic(), settings.replication(),
                    Duration.ofSeconds(60));
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("Kafka did not answer within 60 s while creating the capture's topics", e);
        }

        Map<String, Object> producerProps = new HashMap<>(kafka);
        producerProps.put(ProducerConfig.ACKS_CONFIG, "all");
        producerProps.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        producerProps.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        producerProps.put(ProducerConfig.CLIENT_ID_CONFIG, name + "-producer");
        ErpCdcService service = new ErpCdcService(new KafkaProducer<>(producerProps, new ByteArraySerializer(),
                new ByteArraySerializer()));

        service.lease = new CaptureLease(jdbcUrl, config.get(ErpCdcConfig.CDC_USER), capturePassword,
                "plantstream:" + name, Duration.ofSeconds(2), new CaptureLease.Listener() {
                    @Override
                    public void acquired() {
                        service.activate(settings, mapper, config.get(ErpCdcConfig.CONFIRM_ENABLED)
                                ? () -> new ConfirmationWriter(kafka, name + "-confirmations", service.producer,
                                        new ConfirmationPolicy(config.get(ErpCdcConfig.PARTIAL_STEP)),
                                        confirmationColumns, jdbcUrl, config.get(ErpCdcConfig.WRITER_USER),
                                        writerPassword, config.get(ErpCdcConfig.ERP_ZONE),
                                        config.get(ErpCdcConfig.RETRY_MAX))
                                : null);
                    }

                    @Override
                    public void lost(String reason) {
                        service.stopWork();
                        service.finished.completeExceptionally(new IllegalStateException(
                                "capture lease lost (" + reason + "); stopped capturing so that another instance can"
                                        + " take over"));
                    }
                }).start();
        service.health = HealthServer.start("erp-cdc", config.get(ErpCdcConfig.HTTP_PORT), service::health);
        LOG.info("erp-cdc started: waiting for the capture lease of {}.{}", config.get(ErpCdcConfig.DB_NAME),
                orderColumns.table());
        return service;
    }

    private synchronized void activate(CaptureSettings settings, OrderMapper mapper,
            java.util.function.Supplier<ConfirmationWriter> writerFactory) {
        if (closed) {
            return;
        }
        capture = new OrderCapture(settings.engineProperties(), mapper, producer).start();
        capture.finished().whenComplete((ignored, error) -> {
            if (error != null) {
                finished.completeExceptionally(error);
            } else if (closed) {
                finished.complete(null);
            }
        });
        if (writerFactory != null) {
            writer = writerFactory.get().start();
        }
        LOG.info("erp-cdc active: capturing {}, confirmations {}", settings.database() + "." + settings.table(),
                writer == null ? "off" : "on");
        active.countDown();
    }

    private synchronized void stopWork() {
        if (writer != null) {
            writer.close();
        }
        if (capture != null) {
            capture.close();
        }
    }

    /** Completes when the service stops; exceptionally when the capture failed or the lease was lost. */
    public CompletableFuture<Void> captureFinished() {
        return finished;
    }

    /** Waits until this instance holds the lease and captures. */
    public boolean awaitActive(long timeout, TimeUnit unit) throws InterruptedException {
        return active.await(timeout, unit);
    }

    public boolean isActive() {
        return active.getCount() == 0 && lease.held() && !finished.isDone();
    }

    /** The port of /health and /ready. */
    public int healthPort() {
        return health.port();
    }

    /**
     * Ready while this instance holds the lease and captures; a stand-by is alive but not ready.
     * The details tell the role and the counts of both directions.
     */
    private HealthServer.Health health() {
        Map<String, Object> details = new java.util.LinkedHashMap<>();
        boolean working = isActive();
        details.put("role", working ? "active" : finished.isDone() ? "stopped" : "stand-by");
        OrderCapture c = capture;
        if (c != null) {
            details.put("ordersPublished", c.published());
            details.put("ordersRefused", c.refused());
        }
        ConfirmationWriter w = writer;
        if (w != null) {
            details.put("confirmationsWritten", w.written());
            details.put("confirmationsDeadLettered", w.deadLettered());
            details.put("confirmationFailedAttempts", w.failedAttempts());
        }
        return new HealthServer.Health(working, details);
    }

    /** The capture, or null while this instance stands by. */
    public OrderCapture capture() {
        return capture;
    }

    /** The confirmation writer, or null while standing by or when confirmations are off. */
    public ConfirmationWriter writer() {
        return writer;
    }

    @Override
    public void close() {
        synchronized (this) {
            closed = true;
        }
        stopWork();
        lease.close();
        if (health != null) {
            health.close();
        }
        producer.close();
        finished.complete(null);
    }

    private static OrderColumns orderColumns(Config config) {
        try {
            return new OrderColumns(config.get(ErpCdcConfig.ORDER_TABLE), config.get(ErpCdcConfig.COL_ORDER_NO),
                    config.get(ErpCdcConfig.COL_ARTICLE), config.get(ErpCdcConfig.COL_QUANTITY),
                    config.get(ErpCdcConfig.COL_WORK_CENTER), config.get(ErpCdcConfig.COL_IDEAL_CYCLE),
                    config.get(ErpCdcConfig.COL_DUE_DATE), config.get(ErpCdcConfig.COL_PRIORITY),
                    config.get(ErpCdcConfig.COL_STATUS), config.get(ErpCdcConfig.COL_UPDATED_AT));
        } catch (IllegalArgumentException e) {
            throw new ConfigException("erp-cdc order columns", List.of(e.getMessage()));
        }
    }

    private static ConfirmationColumns confirmationColumns(Config config) {
        try {
            return new ConfirmationColumns(config.get(ErpCdcConfig.CONFIRM_TABLE), config.get(ErpCdcConfig.COL_C_ORDER_NO),
                    config.get(ErpCdcConfig.COL_C_MACHINE), config.get(ErpCdcConfig.COL_C_AT),
                    config.get(ErpCdcConfig.COL_C_GOOD), config.get(ErpCdcConfig.COL_C_SCRAP),
                    config.get(ErpCdcConfig.COL_C_STATUS), config.get(ErpCdcConfig.COL_C_SOURCE_ID));
        } catch (IllegalArgumentException e) {
            throw new ConfigException("erp-cdc confirmation columns", List.of(e.getMessage()));
        }
    }

    private static String password(Config config, Setting<String> literal, Setting<String> file, String name) {
        String password = config.secret(literal, file);
        if (password.isBlank()) {
            throw new ConfigException("erp-cdc", List.of(name + " or " + name + ".file is required"));
        }
        return password;
    }
}
