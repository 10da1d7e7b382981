package io.plantstream.testkit.kafka;

import java.nio.file.Path;
import java.util.List;

/** Fixed identity of a cluster: node ids, ports and directories stay the same across restarts. */
record ClusterLayout(String clusterId, List<Node> nodes, boolean secured, String adminPassword, TlsMaterial tls) {

    record Node(int id, int brokerPort, int controllerPort, Path logDir) {
    }

    Node node(int id) {
        return nodes.stream().filter(n -> n.id() == id).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no node " + id + " in this cluster"));
    }
}
