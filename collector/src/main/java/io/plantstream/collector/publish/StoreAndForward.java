package io.plantstream.collector.publish;

import io.plantstream.collector.core.EventSink;
import io.plantstream.collector.core.StateFile;
import io.plantstream.events.FactoryEvent;
import io.plantstream.events.Topic;
import io.plantstream.events.dlq.DeadLetters;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every event first goes to a journal on local disk, then a forwarder sends it to Kafka in
 * journal order (acks=all, idempotent, retried without end), and the journal is trimmed behind
 * what Kafka acknowledged. When the broker is unreachable, events simply wait in the journal;
 * when it returns they are delivered in order. A collector that crashes re-sends from its last
 * stored acknowledgement (at most a fraction of a second of events twice, never one lost). The
 * journal is bounded: events that do not fit are dropped, counted and logged, never silently.
 */
public final class StoreAndForward implements EventSink, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(StoreAndForward.class);
    private static final long SEGMENT_BYTES = 16L * 1024 * 1024;
    private static final int MAX_IN_FLIGHT = 20_000;
    /**
     * How long the forwarder, woken by a first event, lets others gather before it hands them to
     * the producer (which gathers them further for its linger time): one wake-up per gathering
     * instead of one per event. Measured: 2-3 µs of forwarder CPU per event at 20 ms, 4-14 µs at
     * 5 ms, 7-8 µs when woken for every event.
     */
    private static final long GATHER_MILLIS = 20;
    /**
     * The producer's default gathering time. Measured against an in-JVM broker on two cores:
     * at 10 ms every event cost the broker 16-20 µs and the producer 7-11 µs of CPU, at 100 ms
     * 6-11 µs and 3-6 µs (a produce request costs the broker some 300-500 µs however few events
     * it carries).
     */
    public static final Duration DEFAULT_LINGER = Duration.ofMillis(100);


    private final Path dir;
    private final StateFile cursor;
    private final long maxBytes;
    private final Map<String, Object> producerProps;
    private final ConcurrentSkipListMap<Long, Long> inFlight = new ConcurrentSkipListMap<>();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong undeliverable = new AtomicLong();
    private final AtomicLong appended = new AtomicLong();
    private final AtomicLong delivered = new AtomicLong();
    private final Object appendLock = new Object();
    private final java.util.concurrent.ConcurrentLinkedQueue<Tail> tail = new java.util.concurrent.ConcurrentLinkedQueue<>();
    private final java.util.concurrent.atomic.AtomicInteger tailSize = new java.util.concurrent.atomic.AtomicInteger();
    private static final int TAIL_LIMIT = 50_000;
    private volatile boolean forwarderWaiting;
    private final Thread forwarder;
    private volatile boolean running = true;
    private volatile long writePosition;
    private volatile long ackedPosition;
    private volatile String failure;
    private long lastDropLog;
    private FileChannel segment;
    private volatile long segmentBase;
    private volatile long readPosition;
    private final java.util.concurrent.ConcurrentSkipListSet<Long> segmentBases =
            new java.util.concurrent.ConcurrentSkipListSet<>();
    private FileChannel readChannel;
    private long readChannelBase = -1;
    private long lastCursorStore;
    private long storedCursor = -1;

    /** A journal whose producer gathers events for {@link #DEFAULT_LINGER} per request. */
    public StoreAndForward(Path dir, long maxBytes, Map<String, Object> kafka) {
        this(dir, maxBytes, kafka, DEFAULT_LINGER);
    }

    /**
     * @param dir the journal's folder (local disk of the node; one per collector process)
     * @param maxBytes how much unsent data the journal may hold
     * @param kafka client properties (bootstrap servers, TLS, SCRAM)
     * @param linger how long the producer gathers events into one request: longer costs the
     *        collector and the broker less per event and delivers that much later
     */
    public StoreAndForward(Path dir, long maxBytes, Map<String, Object> kafka, Duration linger) {
        this.dir = dir;
        this.cursor = new StateFile(dir.resolve("cursor"));
        this.maxBytes = maxBytes;
        Map<String, Object> props = new HashMap<>(kafka);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, Integer.MAX_VALUE);
        props.put(ProducerConfig.LINGER_MS_CONFIG, (int) linger.toMillis());
        props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        props.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "collector-" + dir.getFileName());
        this.producerProps = props;
        try {
            Files.createDirectories(dir);
            open();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the journal in " + dir, e);
        }
        this.forwarder = new Thread(this::forward, "store-and-forward");
        forwarder.start();
    }

    @Override
    public <V extends FactoryEvent> void publish(Topic<String, V> topic, String key, V event) {
        append(topic.name(), key.getBytes(StandardCharsets.UTF_8), topic.valueSerde().serializer()
                .serialize(topic.name(), event), null);
    }

    @Override
    public void deadLetter(Topic<?, ?> intended, String key, byte[] value, String origin, String reason) {
        ProducerRecord<byte[], byte[]> record = DeadLetters.of(intended.name(),
                key == null ? null : key.getBytes(StandardCharsets.UTF_8), value, origin, "collector", reason, null);
        append(record.topic(), record.key(), record.value(), record.headers());
    }

    /** Events written to the journal. */
    public long appended() {
        return appended.get();
    }

    /** Events Kafka acknowledged. */
    public long delivered() {
        return delivered.get();
    }

    /** Events refused because the journal was full. */
    public long dropped() {
        return dropped.get();
    }

    /** Events Kafka can never take (e.g. too large), logged and skipped. */
    public long undeliverable() {
        return undeliverable.get();
    }

    /** Bytes written but not yet acknowledged by Kafka. */
    public long backlogBytes() {
        return writePosition - ackedPosition;
    }

    /** Why delivery is stalled right now, or null. */
    public String failure() {
        return failure;
    }

    private void append(String topic, byte[] key, byte[] value, Iterable<Header> headers) {
        ByteBuffer buffer = JournalFormat.frame(topic, key, value, headers);
        RecordHeaders copied = new RecordHeaders();
        if (headers != null) {
            headers.forEach(copied::add);
        }
        ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(topic, null, key, value, copied);
        synchronized (appendLock) {
            long size = buffer.remaining();
            if (writePosition + size - ackedPosition > maxBytes) {
                dropped.incrementAndGet();
                long now = System.currentTimeMillis();
                if (now - lastDropLog > 10_000) {
                    lastDropLog = now;
                    LOG.error("Journal full ({} bytes unsent, bound {}): {} events dropped so far", writePosition
                            - ackedPosition, maxBytes, dropped.get());
                }
                return;
            }
            try {
                if (writePosition - segmentBase >= SEGMENT_BYTES) {
                    segment.force(false);
                    segment.close();
                    segmentBase = writePosition;
                    segment = FileChannel.open(segmentFile(segmentBase), StandardOpenOption.CREATE,
                            StandardOpenOption.WRITE, StandardOpenOption.READ);
                    segmentBases.add(segmentBase);
                }
                long at = writePosition - segmentBase;
                while (buffer.hasRemaining()) {
                    at += segment.write(buffer, at);
                }
                if (tailSize.get() < TAIL_LIMIT) {
                    tail.add(new Tail(writePosition, new Entry(record, (int) size)));
                    tailSize.incrementAndGet();
                }
                writePosition += size;
                appended.incrementAndGet();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write to the journal in " + dir, e);
            }
            if (forwarderWaiting) {
                forwarderWaiting = false; // one wake-up per gathering, not one per event
                appendLock.notifyAll();
            }
        }
    }

    private void forward() {
        Producer<byte[], byte[]> producer = new KafkaProducer<>(producerProps, new ByteArraySerializer(),
                new ByteArraySerializer());
        long backoff = 200;
        try {
            while (running || readPosition < writePosition) {
                storeCursor(false);
                if (failure != null) {
                    // a non-retriable error: wait for what is in flight, start a fresh producer, send again
                    // from the last acknowledgement
                    awaitInFlight();
                    producer.close(Duration.ofSeconds(5));
                    LOG.warn("Delivery to Kafka failed ({}); again from the last acknowledgement in {} ms", failure,
                            backoff);
                    sleep(backoff);
                    backoff = Math.min(60_000, backoff * 2);
                    failure = null;
                    inFlight.clear();
                    readPosition = ackedPosition;
                    producer = new KafkaProducer<>(producerProps, new ByteArraySerializer(), new ByteArraySerializer());
                    continue;
                }
                if (readPosition >= writePosition || inFlight.size() >= MAX_IN_FLIGHT) {
                    synchronized (appendLock) {
                        if (readPosition >= writePosition && running) {
                            forwarderWaiting = true;
                            appendLock.wait(100);
                            forwarderWaiting = false;
                        }
                    }
                    if (inFlight.size() >= MAX_IN_FLIGHT) {
                        sleep(5);
                    } else if (running && readPosition < writePosition) {
                        // woken by a first event: let its followers gather before they are sent
                        sleep(GATHER_MILLIS);
                    }
                    continue;
                }
                Entry entry = fromTail(readPosition);
                if (entry == null) {
                    entry = read(readPosition);
                }
                if (entry == null) {
                    sleep(5);
                    continue;
                }
                long start = readPosition;
                long end = readPosition + entry.size;
                inFlight.put(start, end);
                try {
                    producer.send(entry.record, (metadata, error) -> acknowledged(start, end, error));
                    readPosition = end;
                    backoff = 200;
                } catch (RuntimeException e) {
                    inFlight.remove(start);
                    failure = e.getClass().getSimpleName() + ": " + e.getMessage();
                }
            }
            producer.flush();
            awaitInFlight();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            LOG.error("Reading the journal failed; the collector stops forwarding", e);
        } finally {
            producer.close(Duration.ofSeconds(10));
            storeCursor(true);
        }
    }

    private void acknowledged(long start, long end, Exception error) {
        if (error == null) {
            delivered.incrementAndGet();
            inFlight.remove(start);
            advanceAcked();
            return;
        }
        if (error instanceof RecordTooLargeException) {
            undeliverable.incrementAndGet();
            LOG.error("An event at journal position {} is too large for Kafka and is skipped: {}", start,
                    error.getMessage());
            inFlight.remove(start);
            advanceAcked();
            return;
        }
        if (failure == null) {
            failure = error.getClass().getSimpleName() + ": " + error.getMessage();
        }
    }

    /** Everything before the oldest record still in flight (or before the read position) is acknowledged. */
    private synchronized void advanceAcked() {
        Map.Entry<Long, Long> first = inFlight.firstEntry();
        long candidate = first == null ? readPosition : first.getKey();
        if (candidate > ackedPosition) {
            ackedPosition = candidate;
        }
    }

    private void awaitInFlight() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!inFlight.isEmpty() && failure == null && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
    }

    /** The record at this position from memory, when it is still there; older ones are dropped. */
    private Entry fromTail(long position) {
        Tail head = tail.peek();
        while (head != null && head.start() < position) {
            tail.poll();
            tailSize.decrementAndGet();
            head = tail.peek();
        }
        if (head != null && head.start() == position) {
            tail.poll();
            tailSize.decrementAndGet();
            return head.entry();
        }
        return null;
    }

    private Entry read(long position) throws IOException {
        long base = segmentBaseFor(position);
        if (base != readChannelBase) {
            if (readChannel != null) {
                readChannel.close();
            }
            readChannel = FileChannel.open(segmentFile(base), StandardOpenOption.READ);
            readChannelBase = base;
        }
        byte[] payload = JournalFormat.readFrame(readChannel, position - base);
        return payload == null ? null : new Entry(JournalFormat.decode(payload), JournalFormat.HEADER + payload.length);
    }

    private long segmentBaseFor(long position) {
        Long base = segmentBases.floor(position);
        if (base == null) {
            throw new IllegalStateException("no journal segment holds position " + position);
        }
        return base;
    }

    private TreeMap<Long, Path> segments() {
        TreeMap<Long, Path> segments = new TreeMap<>();
        try (Stream<Path> files = Files.list(dir)) {
            files.filter(f -> f.getFileName().toString().matches("segment-\\d{20}\\.log"))
                    .forEach(f -> segments.put(Long.parseLong(f.getFileName().toString().substring(8, 28)), f));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return segments;
    }

    private Path segmentFile(long base) {
        return dir.resolve(String.format("segment-%020d.log", base));
    }

    /** Opens the journal: the stored acknowledgement, and the end of the last complete record. */
    private void open() throws IOException {
        TreeMap<Long, Path> segments = segments();
        String stored = cursor.read();
        long acked = stored != null ? Long.parseLong(stored) : segments.isEmpty() ? 0 : segments.firstKey();
        if (segments.isEmpty()) {
            segmentBase = acked;
            writePosition = acked;
        } else {
            segmentBase = segments.lastKey();
            writePosition = JournalFormat.validEnd(segments.lastEntry().getValue(), segmentBase);
        }
        segment = FileChannel.open(segmentFile(segmentBase), StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.READ);
        segment.truncate(writePosition - segmentBase);
        segmentBases.addAll(segments.keySet());
        segmentBases.add(segmentBase);
        ackedPosition = Math.min(acked, writePosition);
        readPosition = ackedPosition;
        storedCursor = ackedPosition;
        if (writePosition > ackedPosition) {
            LOG.info("Journal in {} holds {} bytes not yet acknowledged by Kafka; sending them first", dir,
                    writePosition - ackedPosition);
        }
    }

    /** Stores the acknowledged position (at most five times a second unless forced). */
    private void storeCursor(boolean force) {
        long acked = ackedPosition;
        long now = System.nanoTime();
        if (acked == storedCursor || (!force && now - lastCursorStore < 200_000_000L)) {
            return;
        }
        lastCursorStore = now;
        try {
            synchronized (appendLock) {
                segment.force(false);
            }
            cursor.write(Long.toString(acked));
            storedCursor = acked;
            trimSegments();
        } catch (IOException | UncheckedIOException e) {
            if (force) {
                LOG.error("Cannot store the journal cursor in {}", dir, e);
            }
        }
    }

    /** Deletes segments that lie wholly before the stored acknowledgement. */
    private void trimSegments() {
        for (Long base : segmentBases) {
            Long next = segmentBases.higher(base);
            if (next == null || next > storedCursor || base == segmentBase) {
                return;
            }
            try {
                if (base == readChannelBase && readChannel != null) {
                    readChannel.close();
                    readChannel = null;
                    readChannelBase = -1;
                }
                Files.deleteIfExists(segmentFile(base));
                segmentBases.remove(base);
            } catch (IOException e) {
                LOG.warn("Cannot delete journal segment {}", segmentFile(base), e);
                return;
            }
        }
    }

    private static void sleep(long millis) throws InterruptedException {
        Thread.sleep(millis);
    }

    /** Stops after everything written so far was delivered (up to 30 s), then stores the cursor. */
    @Override
    public void close() {
        running = false;
        synchronized (appendLock) {
            appendLock.notifyAll();
        }
        try {
            forwarder.join(Duration.ofSeconds(40).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            synchronized (appendLock) {
                segment.force(false);
                segment.close();
            }
        } catch (IOException e) {
            LOG.warn("Closing the journal failed", e);
        }
        cursor.close();
    }

    private record Entry(ProducerRecord<byte[], byte[]> record, int size) {
    }

    /** A record just written, kept in memory so the forwarder need not read it back from disk. */
    private record Tail(long start, Entry entry) {
    }
}
