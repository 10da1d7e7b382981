package io.plantstream.strimzi;

import io.plantstream.events.Application;
import io.plantstream.events.Applications;
import io.plantstream.events.Topic;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Renders a KafkaUser per application (SCRAM-SHA-512, simple authorization) with exactly the
 * ACLs its declaration in {@link Applications} asks for. {@code main} rewrites
 * strimzi/base/kafka-users.yaml.
 */
public final class UserManifests {
    private static final String TOPIC_READ = "[Read, Describe]";
    private static final String TOPIC_WRITE = "[Write, Describe]";
    private static final String TOPIC_READ_WRITE = "[Read, Write, Describe]";
    private static final String TOPIC_MIRROR = "[Read, Describe, DescribeConfigs]";

    private UserManifests() {
    }

    public static void main(String[] args) throws IOException {
        Path file = Path.of(args.length > 0 ? args[0] : "strimzi/base/kafka-users.yaml");
        Files.writeString(file, render(), StandardCharsets.UTF_8);
        System.out.println("wrote " + Applications.all().size() + " KafkaUsers to " + file);
    }

    public static String render() {
        StringBuilder yaml = new StringBuilder("# Generated from the application catalogue (factory-events Applications) by\n"
                + "# io.plantstream.strimzi.UserManifests; UserManifestsTest fails when the two differ.\n");
        for (Application app : Applications.all()) {
            yaml.append("---\n")
                    .append("apiVersion: kafka.strimzi.io/v1\n")
                    .append("kind: KafkaUser\n")
                    .append("metadata:\n")
                    .append("  name: ").append(app.name()).append('\n')
                    .append("  labels:\n")
                    .append("    strimzi.io/cluster: ").append(TopicManifests.CLUSTER).append('\n')
                    .append("spec:\n")
                    .append("  authentication:\n")
                    .append("    type: scram-sha-512\n")
                    .append("  authorization:\n")
                    .append("    type: simple\n")
                    .append("    acls:\n");
            topicOperations(app).forEach((topic, operations) -> acl(yaml, "topic", topic, "literal", operations));
            acl(yaml, "group", app.groupPrefix(), "prefix", "[Read]");
            if (app.mirror()) {
                // MirrorMaker's checkpoints: the positions of the groups it carries to the other cluster
                acl(yaml, "group", "*", "literal", "[Describe]");
            }
            if (app.internalPrefix() != null) {
                acl(yaml, "topic", app.internalPrefix(), "prefix",
                        "[Create, Delete, Read, Write, Describe, DescribeConfigs, AlterConfigs]");
                acl(yaml, "transactionalId", app.internalPrefix(), "prefix", "[Write, Describe]");
            }
        }
        return yaml.toString();
    }

    /** Topic name to the operations the application needs on it, in declaration order. */
    static Map<String, String> topicOperations(Application app) {
        Map<String, String> operations = new LinkedHashMap<>();
        List<String> written = new ArrayList<>();
        app.writes().forEach(t -> written.add(t.name()));
        for (Topic<?, ?> topic : app.reads()) {
            operations.put(topic.name(), written.contains(topic.name()) ? TOPIC_READ_WRITE
                    : app.mirror() ? TOPIC_MIRROR : TOPIC_READ);
        }
        for (String topic : written) {
            operations.putIfAbsent(topic, TOPIC_WRITE);
        }
        return operations;
    }

    private static void acl(StringBuilder yaml, String type, String name, String pattern, String operations) {
        yaml.append("      - resource:\n")
                .append("          type: ").append(type).append('\n')
                // "*" (every resource of the type) must be quoted: a bare * starts a YAML alias
                .append("          name: ").append(name.equals("*") ? "\"*\"" : name).append('\n')
                .append("          patternType: ").append(pattern).append('\n')
                .append("        operations: ").append(operations).append('\n');
    }
}
