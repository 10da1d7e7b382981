package io.plantstream.dashboard.feed;

import io.plantstream.dashboard.view.PlantView;
import io.plantstream.events.CloudTopics;
import io.plantstream.events.Topic;
import io.plantstream.events.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads every site's topics in the cloud into the {@link PlantView}: from their beginning at each
 * start (so the view is rebuilt from the compacted topics, shift OEE history included), then
 * live. New sites are found by listing the topics every few seconds. No consumer group: each
 * dashboard instance reads everything and commits nothing. A record that cannot be decoded is
 * counted and logged with its coordinates, and reading goes on.
 */
public final class CloudFeed implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CloudFeed.class);
    /** What the dashboard shows; counts and telemetry are not needed for it. */
    static final Set<Topic<?, ?>> READ = Set.of(Topics.MACHINE_STATE, Topics.MACHINE_ALARMS, Topics.OEE,
            Topics.JOB_STATE, Topics.JOB_COMMANDS, Topics.JOB_ACKS, Topics.ALERTS, Topics.ANDON_CALLS);
    private static final Duration DISCOVERY_INTERVAL = Duration.ofSeconds(5);
    private static final Duration FORGET_INTERVAL = Duration.ofMinutes(10);
    private static final Duration LOG_INTERVAL = Duration.ofSeconds(30);

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final PlantView view;
    private final Consumer<List<PlantView.Change>> changes;
    private final Thread thread;
    private final Map<TopicPartition, Long> startupEnd = new HashMap<>();
    private final Set<String> sites = new HashSet<>();
    private final AtomicLong records = new AtomicLong();
    private final AtomicLong undecodable = new AtomicLong();
    private volatile boolean caughtUp;
    private volatile Instant lastContact;
    private volatile String lastProblem;
    private volatile boolean running = true;
    private long nextDiscovery;
    private long nextForget;
    private long nextProblemLog;

    public CloudFeed(Map<String, Object> kafka, PlantView view, Consumer<List<PlantView.Change>> changes) {
        Map<String, Object> props = new HashMap<>(kafka);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "cloud-dashboard-feed");
        this.consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        this.view = view;
        this.changes = changes;
        this.thread = new Thread(this::run, "cloud-feed");
    }

    public CloudFeed start() {
        thread.start();
        return this;
    }

    /** Whether everything that was on the topics when the feed started has been read. */
    public boolean caughtUp() {
        return caughtUp;
    }

    /** Status for the health endpoint. */
    public Map<String, Object> status() {
        Map<String, Object> status = new HashMap<>();
        status.put("caughtUp", caughtUp);
        status.put("sites", Set.copyOf(sites));
        status.put("records", records.get());
        status.put("undecodable", undecodable.get());
        status.put("lastContact", lastContact == null ? null : lastContact.toString());
        if (lastProblem != null) {
            status.put("lastProblem", lastProblem);
        }
        return status;
    }

    private void run() {
        while (running) {
            try {
                long now = System.currentTimeMillis();
                if (now >= nextDiscovery) {
                    discover();
                    nextDiscovery = now + DISCOVERY_INTERVAL.toMillis();
                }
                if (now >= nextForget) {
                    view.forgetOld();
                    nextForget = now + FORGET_INTERVAL.toMillis();
                }
                if (consumer.assignment().isEmpty()) {
                    pause(); // no site has sent anything yet: the next discovery looks again
                    continue;
                }
                List<PlantView.Change> changed = new ArrayList<>();
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    changed.addAll(take(record));
                }
                if (!changed.isEmpty()) {
                    changes.accept(changed);
                }
                checkCaughtUp();
            } catch (WakeupException e) {
                // closing
            } catch (KafkaException e) {
                problem("reading the cloud Kafka failed: " + e.getMessage() + "; retrying");
                pause();
            } catch (RuntimeException e) {
                // whatever goes wrong, the feed is the dashboard's only source: it logs and goes on
                LOG.error("The cloud feed failed; it goes on", e);
                problem("the cloud feed failed: " + e);
                pause();
            }
        }
    }

    private void pause() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    /** Assigns every partition of every site topic not yet read, from its beginning. */
    private void discover() {
        Map<String, List<PartitionInfo>> topics;
        try {
            topics = consumer.listTopics(Duration.ofSeconds(5));
        } catch (KafkaException e) {
            problem("cannot list the cloud's topics: " + e.getMessage());
            return;
        }
        lastContact = Instant.now();
        Set<TopicPartition> assigned = new HashSet<>(consumer.assignment());
        List<TopicPartition> added = new ArrayList<>();
        topics.forEach((name, partitions) -> CloudTopics.parse(name).filter(st -> READ.contains(st.topic()))
                .ifPresent(st -> {
                    if (sites.add(st.site())) {
                        LOG.info("Site {} found in the cloud", st.site());
                    }
                    partitions.forEach(p -> {
                        TopicPartition tp = new TopicPartition(name, p.partition());
                        if (!assigned.contains(tp)) {
                            added.add(tp);
                        }
                    });
                }));
        if (added.isEmpty()) {
            if (!caughtUp && startupEnd.isEmpty() && !topics.isEmpty()) {
                caughtUp = true; // nothing to read yet
            }
            return;
        }
        assigned.addAll(added);
        consumer.assign(assigned);
        consumer.seekToBeginning(added);
        if (!caughtUp) {
            startupEnd.putAll(consumer.endOffsets(added, Duration.ofSeconds(10)));
        }
    }

    private List<PlantView.Change> take(ConsumerRecord<byte[], byte[]> record) {
        records.incrementAndGet();
        if (record.value() == null) {
            return List.of();
        }
        Optional<CloudTopics.SiteTopic> siteTopic = CloudTopics.parse(record.topic());
        if (siteTopic.isEmpty()) {
            return List.of();
        }
        Object value;
        try {
            value = siteTopic.get().topic().valueSerde().deserializer().deserialize(record.topic(), record.value());
        } catch (RuntimeException e) {
            undecodable.incrementAndGet();
            problem("record " + record.topic() + "-" + record.partition() + "@" + record.offset()
                    + " cannot be read and is left out: " + e.getMessage());
            return List.of();
        }
        return view.apply(siteTopic.get().site(), value, Instant.ofEpochMilli(record.timestamp()));
    }

    private void checkCaughtUp() {
        if (caughtUp || startupEnd.isEmpty()) {
            return;
        }
        for (Map.Entry<TopicPartition, Long> end : startupEnd.entrySet()) {
            if (consumer.position(end.getKey(), Duration.ofSeconds(5)) < end.getValue()) {
                return;
            }
        }
        caughtUp = true;
        LOG.info("Cloud feed caught up: {} records from {} site(s)", records.get(), sites.size());
    }

    private void problem(String message) {
        lastProblem = message;
        long now = System.currentTimeMillis();
        if (now >= nextProblemLog) {
            LOG.warn("{} ({} undecodable records so far)", message, undecodable.get());
            nextProblemLog = now + LOG_INTERVAL.toMillis();
        }
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        consumer.close();
    }
}
