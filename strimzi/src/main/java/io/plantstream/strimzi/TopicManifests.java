package io.plantstream.strimzi;

import io.plantstream.events.Topic;
import io.plantstream.events.Topics;
import io.plantstream.events.admin.TopicProvisioner;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * Renders a KafkaTopic resource for every topic of the catalogue, with the same settings the
 * platform creates topics with. {@code main} rewrites strimzi/base/kafka-topics.yaml.
 */
public final class TopicManifests {
    public static final String CLUSTER = "edge";
    public static final short REPLICAS = 3;

    private TopicManifests() {
    }

    public static void main(String[] args) throws IOException {
        Path file = Path.of(args.length > 0 ? args[0] : "strimzi/base/kafka-topics.yaml");
        Files.writeString(file, render(), StandardCharsets.UTF_8);
        System.out.println("wrote " + Topics.all().size() + " KafkaTopics to " + file);
    }

    public static String render() {
        StringBuilder yaml = new StringBuilder("# Generated from the topic catalogue (factory-events Topics) by\n"
                + "# io.plantstream.strimzi.TopicManifests; TopicManifestsTest fails when the two differ.\n");
        for (Topic<?, ?> topic : Topics.all()) {
            NewTopic spec = TopicProvisioner.newTopic(topic, REPLICAS);
            yaml.append("---\n")
                    .append("apiVersion: kafka.strimzi.io/v1\n")
                    .append("kind: KafkaTopic\n")
                    .append("metadata:\n")
                    .append("  name: ").append(topic.name()).append('\n')
                    .append("  labels:\n")
                    .append("    strimzi.io/cluster: ").append(CLUSTER).append('\n')
                    .append("spec:\n")
                    .append("  topicName: ").append(topic.name()).append('\n')
                    .append("  partitions: ").append(spec.numPartitions()).append('\n')
                    .append("  replicas: ").append(spec.replicationFactor()).append('\n')
                    .append("  config:\n");
            Map<String, String> config = new TreeMap<>(spec.configs());
            config.forEach((key, value) -> yaml.append("    ").append(key).append(": \"").append(value).append("\"\n"));
        }
        return yaml.toString();
    }
}
