package io.plantstream.erp.confirm;

import io.plantstream.events.JobState;
import io.plantstream.events.Topics;
import io.plantstream.events.dlq.DeadLetters;
import io.plantstream.events.serde.EventDecodingException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes job progress back to the ERP as rows of its confirmation table. It reads job.state.v1
 * (committed transactions only), asks the {@link ConfirmationPolicy} which milestones a state
 * means, and inserts them; a row whose source event id is already there is a replay and is
 * skipped. Kafka offsets are committed only after the rows are in the database. While the
 * database is unreachable it keeps the records, retries with back-off, and loses nothing.
 */
public final class ConfirmationWriter implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ConfirmationWriter.class);
    private static final String STAGE = "erp-cdc/confirm";
    private static final int DUPLICATE_KEY = 1062;
    private static final Duration FIRST_RETRY = Duration.ofMillis(250);

    private final Map<String, Object> consumerProps;
    private final Producer<byte[], byte[]> deadLetters;
    private final ConfirmationPolicy policy;
    private final ConfirmationColumns columns;
    private final String jdbcUrl;
    private final String user;
    private final String password;
    private final ZoneId erpZone;
    private final Duration maxRetry;
    private final Deserializer<JobState> decoder = Topics.JOB_STATE.valueSerde().deserializer();
    private final Deque<ConsumerRecord<byte[], byte[]>> pending = new ArrayDeque<>();
    private final Map<TopicPartition, OffsetAndMetadata> done = new HashMap<>();
    private final CountDownLatch stop = new CountDownLatch(1);
    private final Thread thread;
    private final AtomicLong written = new AtomicLong();
    private final AtomicLong duplicates = new AtomicLong();
    private final AtomicLong deadLettered = new AtomicLong();
    private final AtomicLong failedAttempts = new AtomicLong();
    private volatile Consumer<byte[], byte[]> consumer;
    private Connection connection;

    /**
     * @param kafka client properties (bootstrap, security) of this service
     * @param group consumer group, e.g. {@code erp-cdc-confirmations}
     * @param deadLetters idempotent producer for job.state.v1.dlq
     */
    public ConfirmationWriter(Map<String, Object> kafka, String group, Producer<byte[], byte[]> deadLetters,
            ConfirmationPolicy policy, ConfirmationColumns columns, String jdbcUrl, String user, String password,
            ZoneId erpZone, Duration maxRetry) {
        Map<String, Object> props = new HashMap<>(kafka);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 500);
        this.consumerProps = props;
        this.deadLetters = deadLetters;
        this.policy = policy;
        this.columns = columns;
        this.jdbcUrl = jdbcUrl;
        this.user = user;
        this.password = password;
        this.erpZone = erpZone;
        this.maxRetry = maxRetry;
        this.thread = new Thread(this::run, "erp-cdc-confirmations");
    }

    public ConfirmationWriter start() {
        thread.start();
        return this;
    }

    /** Rows inserted into the ERP. */
    public long written() {
        return written.get();
    }

    /** Rows skipped because their source event id was already in the ERP (replays). */
    public long duplicates() {
        return duplicates.get();
    }

    public long deadLettered() {
        return deadLettered.get();
    }

    /** Attempts that failed because the database was unreachable. */
    public long failedAttempts() {
        return failedAttempts.get();
    }

    private void run() {
        try (Consumer<byte[], byte[]> kafka = new KafkaConsumer<>(consumerProps, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            consumer = kafka;
            kafka.subscribe(List.of(Topics.JOB_STATE.name()), new ConsumerRebalanceListener() {
                @Override
                public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
                    commitDone();
                    pending.removeIf(record -> partitions.contains(new TopicPartition(record.topic(), record.partition())));
                }

                @Override
                public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
                    // records of newly assigned partitions come from their committed offsets
                }
            });
            Duration backoff = FIRST_RETRY;
            while (stop.getCount() > 0) {
                kafka.poll(Duration.ofMillis(200)).forEach(pending::add);
                if (pending.isEmpty()) {
                    continue;
                }
                try {
                    writePending();
                    commitDone();
                    kafka.resume(kafka.paused());
                    backoff = FIRST_RETRY;
                } catch (SQLException e) {
                    failedAttempts.incrementAndGet();
                    commitDone();
                    closeConnection();
                    kafka.pause(kafka.assignment());
                    LOG.warn("ERP database unavailable ({}); {} job states wait, next attempt in {} ms",
                            e.getMessage(), pending.size(), backoff.toMillis());
                    if (stop.await(backoff.toMillis(), TimeUnit.MILLISECONDS)) {
                        break;
                    }
                    backoff = backoff.multipliedBy(2).compareTo(maxRetry) > 0 ? maxRetry : backoff.multipliedBy(2);
                }
            }
            commitDone();
        } catch (WakeupException e) {
            // closing
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.error("Confirmation writer stopped", e);
        } finally {
            closeConnection();
        }
    }

    /** Writes the pending records in order; each one leaves the queue only once its rows are in. */
    private void writePending() throws SQLException, InterruptedException {
        while (!pending.isEmpty()) {
            ConsumerRecord<byte[], byte[]> record = pending.peekFirst();
            if (record.value() != null) {
                JobState state = decode(record);
                if (state != null) {
                    for (Confirmation confirmation : policy.confirmationsFor(state)) {
                        if (!insert(record, confirmation)) {
                            break;
                        }
                    }
                }
            }
            pending.removeFirst();
            done.put(new TopicPartition(record.topic(), record.partition()), new OffsetAndMetadata(record.offset() + 1));
        }
    }

    private JobState decode(ConsumerRecord<byte[], byte[]> record) throws InterruptedException {
        try {
            return decoder.deserialize(record.topic(), record.value());
        } catch (EventDecodingException e) {
            deadLetter(record, e.getMessage(), e);
            return null;
        }
    }

    /** Inserts one row; false when the ERP refused it for good and the job state went to the DLQ. */
    private boolean insert(ConsumerRecord<byte[], byte[]> record, Confirmation confirmation)
            throws SQLException, InterruptedException {
        Connection db = connection();
        try (PreparedStatement insert = db.prepareStatement(columns.insertStatement())) {
            insert.setString(1, confirmation.orderNo());
            insert.setString(2, confirmation.machineId());
            insert.setObject(3, LocalDateTime.ofInstant(confirmation.confirmedAt(), erpZone));
            insert.setLong(4, confirmation.good());
            insert.setLong(5, confirmation.scrap());
            insert.setString(6, confirmation.status().name());
            insert.setString(7, confirmation.sourceEventId());
            insert.executeUpdate();
            written.incrementAndGet();
            return true;
        } catch (SQLException e) {
            if (e.getErrorCode() == DUPLICATE_KEY) {
                duplicates.incrementAndGet();
                return true;
            }
            String state = e.getSQLState() == null ? "" : e.getSQLState();
            if (state.startsWith("22") || state.startsWith("23")) {
                // the row itself is wrong for this table (too long, out of range): no retry can help
                deadLetter(record, "the ERP refused confirmation " + confirmation.sourceEventId() + ": "
                        + e.getMessage(), e);
                return false;
            }
            throw e;
        }
    }

    private void deadLetter(ConsumerRecord<byte[], byte[]> record, String reason, Throwable error)
            throws InterruptedException {
        try {
            deadLetters.send(DeadLetters.of(record, STAGE, reason, error)).get();
            deadLettered.incrementAndGet();
            LOG.warn("Job state {}@{} to the dead-letter topic: {}", record.partition(), record.offset(), reason);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot write to the dead-letter topic", e.getCause());
        }
    }

    private Connection connection() throws SQLException {
        if (connection == null || connection.isClosed()) {
            connection = DriverManager.getConnection(jdbcUrl + "?connectTimeout=5000&socketTimeout=30000", user,
                    password);
            connection.setAutoCommit(true);
        }
        return connection;
    }

    private void closeConnection() {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException e) {
                LOG.debug("closing the ERP connection failed", e);
            }
            connection = null;
        }
    }

    private void commitDone() {
        if (done.isEmpty() || consumer == null) {
            return;
        }
        consumer.commitSync(new LinkedHashMap<>(done));
        done.clear();
    }

    /** Stops after the record in hand; idempotent. */
    @Override
    public void close() {
        stop.countDown();
        try {
            thread.join(TimeUnit.SECONDS.toMillis(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
