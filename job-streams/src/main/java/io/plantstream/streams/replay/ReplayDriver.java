package io.plantstream.streams.replay;

import io.plantstream.events.Topic;
import io.plantstream.events.serde.EventJson;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Set;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.function.Predicate;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyDescription;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;

/**
 * One production topology run offline: no broker, the wall clock following the events' own
 * times, so a replay gives what the live stream would have given.
 */
final class ReplayDriver implements AutoCloseable {
    private final TopologyTestDriver driver;
    private final Path stateDir;
    private final Map<String, TestInputTopic<String, byte[]>> inputs = new HashMap<>();
    private final Set<String> inputTopics = new HashSet<>();
    private Instant clock;

    ReplayDriver(Topology topology, String applicationId) {
        TopologyDescription description = topology.describe();
        for (TopologyDescription.Subtopology sub : description.subtopologies()) {
            for (TopologyDescription.Node node : sub.nodes()) {
                if (node instanceof TopologyDescription.Source source) {
                    inputTopics.addAll(source.topicSet());
                }
            }
        }
        description.globalStores().forEach(store -> inputTopics.addAll(store.source().topicSet()));
        try {
            this.stateDir = Files.createTempDirectory(applicationId);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "replay:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        this.driver = new TopologyTestDriver(topology, props, Instant.EPOCH);
        this.clock = Instant.EPOCH;
    }

    void pipe(Topic<String, ?> topic, byte[] value, Instant time) {
        if (!inputTopics.contains(topic.name())) {
            return;
        }
        advanceTo(time);
        inputs.computeIfAbsent(topic.name(), name -> driver.createInputTopic(name, Serdes.String().serializer(),
                Serdes.ByteArray().serializer())).pipeInput(new TestRecord<>(keyOf(topic, value), value, time));
    }

    void advanceTo(Instant time) {
        if (time.isAfter(clock)) {
            driver.advanceWallClockTime(Duration.between(clock, time));
            clock = time;
        }
    }

    /** Prints the records of an output topic that pass {@code filter} as JSON lines; returns how many. */
    <K, V> int print(Topic<K, V> topic, PrintWriter out, Predicate<V> filter) {
        int written = 0;
        for (TestRecord<K, V> record : driver.createOutputTopic(topic.name(), topic.keySerde().deserializer(),
                topic.valueSerde().deserializer()).readRecordsToList()) {
            if (filter.test(record.value())) {
                Map<String, Object> line = new LinkedHashMap<>();
                line.put("topic", topic.name());
                line.put("key", record.key());
                line.put("value", record.value());
                try {
                    out.println(EventJson.mapper().writeValueAsString(line));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                written++;
            }
        }
        return written;
    }

    int deadLetters() {
        int count = 0;
        for (String name : driver.producedTopicNames()) {
            if (name.endsWith(Topic.DLQ_SUFFIX)) {
                count += driver.createOutputTopic(name, Serdes.ByteArray().deserializer(),
                        Serdes.ByteArray().deserializer()).readRecordsToList().size();
            }
        }
        return count;
    }

    @SuppressWarnings("unchecked")
    private static String keyOf(Topic<String, ?> topic, byte[] value) {
        Topic<String, Object> typed = (Topic<String, Object>) topic;
        return typed.keyFor(typed.valueSerde().deserializer().deserialize(topic.name(), value));
    }

    @Override
    public void close() {
        driver.close();
        try (var paths = Files.walk(stateDir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
