package io.plantstream.erp.app;

import io.plantstream.config.Config;
import io.plantstream.config.ConfigException;
import io.plantstream.config.KafkaClientSettings;
import io.plantstream.erp.cdc.CaptureSettings;
import io.plantstream.erp.cdc.InternalTopics;
import io.plantstream.erp.cdc.OrderCapture;
import io.plantstream.erp.cdc.OrderColumns;
import io.plantstream.erp.cdc.OrderMapper;
import io.plantstream.erp.confirm.ConfirmationColumns;
import io.plantstream.erp.confirm.ConfirmationPolicy;
import io.plantstream.erp.confirm.ConfirmationWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * erp-cdc as one service: the order capture (ERP -> erp.orders.v1) and the confirmation writer
 * (job.state.v1 -> ERP), sharing one idempotent producer. Run it as a single instance.
 */
public final class ErpCdcService implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ErpCdcService.class);

    private final Producer<byte[], byte[]> producer;
    private final OrderCapture capture;
    private final ConfirmationWriter writer;

    private ErpCdcService(Producer<byte[], byte[]> producer, OrderCapture capture, ConfirmationWriter writer) {
        this.producer = producer;
        this.capture = capture;
        this.writer = writer;
    }

    /** Checks the configuration completely, then starts both directions. */
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

        Map<String, Object> producerProps = new HashMap<>(kafka);
        producerProps.put(ProducerConfig.ACKS_CONFIG, "all");
        producerProps.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        producerProps.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        producerProps.put(ProducerConfig.CLIENT_ID_CONFIG, name + "-producer");
        Producer<byte[], byte[]> producer = new KafkaProducer<>(producerProps, new ByteArraySerializer(),
                new ByteArraySerializer());

        CaptureSettings capture = new CaptureSettings(name, config.get(ErpCdcConfig.DB_CONNECTOR),
                config.get(ErpCdcConfig.DB_HOST), config.get(ErpCdcConfig.DB_PORT), config.get(ErpCdcConfig.DB_NAME),
                orderColumns.table(), config.get(ErpCdcConfig.CDC_USER), capturePassword,
                config.get(ErpCdcConfig.SERVER_ID), config.get(ErpCdcConfig.SNAPSHOT_MODE),
                config.get(ErpCdcConfig.POLL_INTERVAL), config.get(ErpCdcConfig.OFFSETS_TOPIC),
                config.get(ErpCdcConfig.HISTORY_TOPIC), config.get(ErpCdcConfig.REPLICATION), kafka);
        try {
            InternalTopics.ensure(kafka, capture.offsetsTopic(), capture.historyTopic(), capture.replication(),
                    Duration.ofSeconds(60));
        } catch (java.util.concurrent.TimeoutException e) {
            producer.close();
            throw new IllegalStateException("Kafka did not answer within 60 s while creating the capture's topics", e);
        }
        OrderCapture orders = new OrderCapture(capture.engineProperties(), mapper, producer).start();

        ConfirmationWriter writer = null;
        if (config.get(ErpCdcConfig.CONFIRM_ENABLED)) {
            String jdbcUrl = "jdbc:mariadb://" + config.get(ErpCdcConfig.DB_HOST) + ":" + config.get(ErpCdcConfig.DB_PORT)
                    + "/" + config.get(ErpCdcConfig.DB_NAME);
            writer = new ConfirmationWriter(kafka, name + "-confirmations", producer,
                    new ConfirmationPolicy(config.get(ErpCdcConfig.PARTIAL_STEP)), confirmationColumns, jdbcUrl,
                    config.get(ErpCdcConfig.WRITER_USER), writerPassword, config.get(ErpCdcConfig.ERP_ZONE),
                    config.get(ErpCdcConfig.RETRY_MAX)).start();
        }
        LOG.info("erp-cdc started: capturing {}.{}, confirmations {}", config.get(ErpCdcConfig.DB_NAME),
                orderColumns.table(), writer == null ? "off" : "into " + confirmationColumns.table());
        return new ErpCdcService(producer, orders, writer);
    }

    /** Completes when the capture stops; exceptionally when it failed for good. */
    public CompletableFuture<Void> captureFinished() {
        return capture.finished();
    }

    public OrderCapture capture() {
        return capture;
    }

    /** The confirmation writer, or null when confirmations are off. */
    public ConfirmationWriter writer() {
        return writer;
    }

    @Override
    public void close() {
        if (writer != null) {
            writer.close();
        }
        capture.close();
        producer.close();
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

    private static String password(Config config, io.plantstream.config.Setting<String> literal,
            io.plantstream.config.Setting<String> file, String name) {
        String path = config.get(file);
        if (!path.isBlank()) {
            try {
                return Files.readString(Path.of(path), StandardCharsets.UTF_8).strip();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + path, e);
            }
        }
        if (config.get(literal).isBlank()) {
            List<String> problems = new ArrayList<>();
            problems.add(name + " or " + name + ".file is required");
            throw new ConfigException("erp-cdc", problems);
        }
        return config.get(literal);
    }
}
