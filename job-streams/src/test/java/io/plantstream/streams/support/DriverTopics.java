package io.plantstream.streams.support;

import io.plantstream.events.Topic;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;

/** Catalogue topics on a TopologyTestDriver, with the contract's serdes. */
public final class DriverTopics {
    private DriverTopics() {
    }

    public static <V> TestInputTopic<String, V> input(TopologyTestDriver driver, Topic<String, V> topic) {
        return driver.createInputTopic(topic.name(), topic.keySerde().serializer(), topic.valueSerde().serializer());
    }

    public static TestOutputTopic<byte[], byte[]> deadLetters(TopologyTestDriver driver, Topic<String, ?> topic) {
        return driver.createOutputTopic(topic.deadLetter().name(), Serdes.ByteArray().deserializer(),
                Serdes.ByteArray().deserializer());
    }
}
