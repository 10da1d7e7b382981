package io.plantstream.strimzi;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

/** Turns a KafkaUser's simple-authorization ACLs into Kafka ACL bindings, as the User Operator does. */
final class AclDefinitions {
    private AclDefinitions() {
    }

    static List<AclBinding> of(JsonNode kafkaUser) {
        String principal = "User:" + kafkaUser.path("metadata").path("name").asText();
        List<AclBinding> bindings = new ArrayList<>();
        for (JsonNode acl : kafkaUser.path("spec").path("authorization").path("acls")) {
            JsonNode resource = acl.path("resource");
            ResourcePattern pattern = new ResourcePattern(resourceType(resource.path("type").asText()),
                    resource.path("type").asText().equals("cluster") ? "kafka-cluster" : resource.path("name").asText(),
                    resource.path("patternType").asText("literal").equals("prefix") ? PatternType.PREFIXED
                            : PatternType.LITERAL);
            AclPermissionType permission = acl.path("type").asText("allow").equals("deny") ? AclPermissionType.DENY
                    : AclPermissionType.ALLOW;
            for (JsonNode operation : acl.path("operations")) {
                bindings.add(new AclBinding(pattern, new AccessControlEntry(principal, acl.path("host").asText("*"),
                        operation(operation.asText()), permission)));
            }
        }
        return bindings;
    }

    private static ResourceType resourceType(String type) {
        return switch (type) {
            case "topic" -> ResourceType.TOPIC;
            case "group" -> ResourceType.GROUP;
            case "cluster" -> ResourceType.CLUSTER;
            case "transactionalId" -> ResourceType.TRANSACTIONAL_ID;
            default -> throw new IllegalArgumentException("unknown ACL resource type " + type);
        };
    }

    private static AclOperation operation(String camelCase) {
        AclOperation operation = AclOperation.fromString(camelCase.replaceAll("([a-z])([A-Z])", "$1_$2")
                .toUpperCase(Locale.ROOT));
        if (operation == AclOperation.UNKNOWN) {
            throw new IllegalArgumentException("unknown ACL operation " + camelCase);
        }
        return operation;
    }
}
