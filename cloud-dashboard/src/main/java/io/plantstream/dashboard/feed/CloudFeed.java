package io.plantstream.dashboard.feed;

import io.plantstream.dashboard.view.ParameterHistory;
import io.plantstream.dashboard.view.PlantView;
import io.plantstream.events.CloudTopics;
import io.plantstream.events.Topic;
import io.plantstream.events.Topics;
import io.plantstream.events.follow.TopicFollower;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads every site's topics in the cloud into the {@link PlantView}: from their beginning at each
 * start (so the view is rebuilt from the compacted topics, shift OEE history included), then
 * live. New sites are found by listing the topics every few seconds. No consumer group (see
 * {@link TopicFollower}). A record that cannot be decoded is counted and logged with its
 * coordinates, and reading goes on.
 */
public final class CloudFeed implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CloudFeed.class);
    /** What the dashboard shows; counts and raw telemetry are not needed for it. */
    static final Set<Topic<?, ?>> READ = Set.of(Topics.MACHINE_STATE, Topics.MACHINE_ALARMS, Topics.OEE,
            Topics.JOB_STATE, Topics.JOB_COMMANDS, Topics.JOB_ACKS, Topics.ALERTS, Topics.ANDON_CALLS,
            Topics.MACHINE_PARAMETERS, Topics.PARAMETER_STATS_MINUTE, Topics.PARAMETER_STATS_HOUR);
    /** Parameter aggregates are read from this far back only: as far as the charts reach. */
    private static final Map<Topic<?, ?>, Duration> READ_BACK = Map.of(
            Topics.PARAMETER_STATS_MINUTE, Duration.ofHours(26), Topics.PARAMETER_STATS_HOUR, Duration.ofDays(35));
    private static final Duration DISCOVERY_INTERVAL = Duration.ofSeconds(5);
    private static final Duration FORGET_INTERVAL = Duration.ofMinutes(10);
    private static final Duration LOG_INTERVAL = Duration.ofSeconds(30);

    private final TopicFollower follower;
    private final PlantView view;
    private final ParameterHistory parameters;
    private final Consumer<List<PlantView.Change>> changes;
    private final Set<String> sites = ConcurrentHashMap.newKeySet();
    private final AtomicLong undecodable = new AtomicLong();
    private volatile String lastProblem;
    private long nextForget;
    private long nextProblemLog;

    public CloudFeed(Map<String, Object> kafka, PlantView view, ParameterHistory parameters,
            Consumer<List<PlantView.Change>> changes) {
        this.view = view;
        this.parameters = parameters;
        this.changes = changes;
        this.follower = new TopicFollower("cloud-dashboard-feed", kafka, this::select, new TopicFollower.Sink() {
            @Override
            public void take(ConsumerRecords<byte[], byte[]> records) {
                List<PlantView.Change> changed = new ArrayList<>();
                records.forEach(record -> changed.addAll(CloudFeed.this.take(record)));
                if (!changed.isEmpty()) {
                    changes.accept(changed);
                }
            }
        }, DISCOVERY_INTERVAL);
    }

    public CloudFeed start() {
        follower.start();
        return this;
    }

    /** Whether everything that was on the topics when the feed started has been read. */
    public boolean caughtUp() {
        return follower.caughtUp();
    }

    /** Status for the health endpoint. */
    public Map<String, Object> status() {
        Map<String, Object> status = new HashMap<>();
        status.put("caughtUp", follower.caughtUp());
        status.put("sites", Set.copyOf(sites));
        status.put("records", follower.records());
        status.put("undecodable", undecodable.get());
        Instant contact = follower.lastContact();
        status.put("lastContact", contact == null ? null : contact.toString());
        if (lastProblem != null) {
            status.put("lastProblem", lastProblem);
        }
        return status;
    }

    /** Every partition of every site topic the dashboard shows and does not read yet, from its beginning. */
    private Map<TopicPartition, Long> select(Map<String, List<PartitionInfo>> topics, Set<TopicPartition> assigned) {
        forgetOldNowAndThen();
        Map<TopicPartition, Long> added = new HashMap<>();
        topics.forEach((name, partitions) -> CloudTopics.parse(name).filter(st -> READ.contains(st.topic()))
                .ifPresent(st -> {
                    if (sites.add(st.site())) {
                        LOG.info("Site {} found in the cloud", st.site());
                    }
                    Duration back = READ_BACK.get(st.topic());
                    Long from = back == null ? null : System.currentTimeMillis() - back.toMillis();
                    partitions.stream().map(p -> new TopicPartition(name, p.partition()))
                            .filter(tp -> !assigned.contains(tp)).forEach(tp -> added.put(tp, from));
                }));
        return added;
    }

    private void forgetOldNowAndThen() {
        long now = System.currentTimeMillis();
        if (now >= nextForget) {
            view.forgetOld();
            nextForget = now + FORGET_INTERVAL.toMillis();
        }
    }

    private List<PlantView.Change> take(ConsumerRecord<byte[], byte[]> record) {
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
        if (parameters.apply(siteTopic.get().site(), value) && !(value instanceof io.plantstream.events.Alert)) {
            return List.of();
        }
        return view.apply(siteTopic.get().site(), value, Instant.ofEpochMilli(record.timestamp()));
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
        follower.close();
    }
}
