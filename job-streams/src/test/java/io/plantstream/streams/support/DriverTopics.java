package io.plantstream.streams.support;

import io.plantstream.events.Topic;
import java.time.Instant;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;

/** Catalogue topics on a TopologyTestDriver, with the contract's serdes. */
public final class DriverTopics {
    private DriverTopics() {
    }

    /** A driver for a production topology, with its own state directory name and a start time. */
    public static TopologyTestDriver start(Topology topology, String applicationPrefix, Instant wallClock) {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationPrefix + "-" + UUID.randomUUID());
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        return new TopologyTestDriver(topology, props, wallClock);
    }

    public static <K, V> TestOutputTopic<K, V> output(TopologyTestDriver driver, Topic<K, V> topic) {
        return driver.createOutputTopic(topic.name(), topic.keySerde().deserializer(), topic.valueSerde().deserializer());
    }

    public static <V> TestInputTopic<String, V> input(TopologyTestDriver driver, Topic<String, V> topic) {
        return driver.createInputTopic(topic.name(), topic.keySerde().serializer(), topic.valueSerde().serializer());
    }

    public static TestOutputTopic<byte[], byte[]> deadLetters(TopologyTestDriver driver, Topic<String, ?> topic) {
        return driver.createOutputTopic(topic.deadLetter().name(), Serdes.ByteArray().deserializer(),
                Serdes.ByteArray().deserializer());
    }
}
