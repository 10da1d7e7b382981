package io.plantstream.strimzi;

import io.plantstream.collector.definition.DefinitionLoader;
import io.plantstream.collector.definition.MachineDefinition;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * One collector per machine: renders a ConfigMap (the machine definition) and a Deployment for
 * every machine definition file of a plant overlay. Adding a machine is adding its file to
 * {@code overlays/<plant>/machines/} and rendering again; CollectorManifestsTest fails while the
 * rendered file and the definitions differ. Every definition is checked as the collector would
 * check it before anything is rendered.
 *
 * <p>The collector reaches Kafka over TLS with SCRAM as the KafkaUser {@code collector} (its
 * password from the Secret the User Operator creates, the cluster CA from the Secret the Cluster
 * Operator creates); a machine's own credentials come from the optional Secret
 * {@code collector-<id>-machine}, mounted at {@code /etc/plantstream/machine-secret}.
 *
 * <p>A collector keeps its journal and counters in its state folder: by default on the node
 * (emptyDir), so that a collector whose node dies starts elsewhere at once, continuing from the
 * counters it last published, and what its journal held unsent is lost with the node. With
 * {@code --state-storage-class=<class>} each collector gets a PersistentVolumeClaim of that class
 * instead ({@code --state-size}, default 1Gi): on storage that replicates across nodes the
 * journal survives the node, and the collector moves once Kubernetes has released the volume.
 */
public final class CollectorManifests {
    static final String IMAGE = "plantstream/collector:0.1.0-SNAPSHOT";

    private CollectorManifests() {
    }

    /**
     * Where a collector's state folder lives: on the node ({@code storageClass} null) or on a
     * claim of {@code size} from that storage class.
     */
    record StateStorage(String storageClass, String size) {
        static final StateStorage NODE = new StateStorage(null, "1Gi");

        StateStorage {
            if (storageClass != null && !storageClass.matches("[a-z0-9]([-a-z0-9.]*[a-z0-9])?")) {
                throw new IllegalArgumentException("storage class '" + storageClass + "' is not a Kubernetes name");
            }
            if (!size.matches("[1-9][0-9]*(Mi|Gi|Ti)")) {
                throw new IllegalArgumentException("state size '" + size + "' is not like 512Mi, 1Gi or 2Ti");
            }
        }

        String describe() {
            return storageClass == null ? "on the node (emptyDir, " + size + ")"
                    : "a PersistentVolumeClaim of " + size + " of the storage class " + storageClass;
        }
    }

    /**
     * Renders {@code <overlay>/collectors.yaml} from {@code <overlay>/machines/}. Arguments: the
     * overlay (default {@code strimzi/overlays/plant}), {@code --state-storage-class=<class>},
     * {@code --state-size=<size>}.
     */
    public static void main(String[] args) throws IOException {
        Path overlay = Path.of("strimzi/overlays/plant");
        String storageClass = null;
        String size = StateStorage.NODE.size();
        for (String arg : args) {
            if (arg.startsWith("--state-storage-class=")) {
                storageClass = arg.substring("--state-storage-class=".length());
            } else if (arg.startsWith("--state-size=")) {
                size = arg.substring("--state-size=".length());
            } else if (arg.startsWith("--")) {
                throw new IllegalArgumentException("unknown option " + arg
                        + " (known: --state-storage-class=<class>, --state-size=<size>)");
            } else {
                overlay = Path.of(arg);
            }
        }
        StateStorage storage = new StateStorage(storageClass, size);
        Files.writeString(overlay.resolve("collectors.yaml"), render(overlay.resolve("machines"), storage),
                StandardCharsets.UTF_8);
        System.out.println("wrote collectors for " + files(overlay.resolve("machines")).size() + " machines to "
                + overlay.resolve("collectors.yaml") + ", state " + storage.describe());
    }

    public static String render(Path machines) {
        return render(machines, StateStorage.NODE);
    }

    static String render(Path machines, StateStorage storage) {
        StringBuilder yaml = new StringBuilder("# Generated from the machine definitions in machines/ by\n"
                + "# io.plantstream.strimzi.CollectorManifests; CollectorManifestsTest fails when the two differ.\n"
                + "# Collector state " + storage.describe() + ".\n");
        for (Path file : files(machines)) {
            MachineDefinition machine = DefinitionLoader.load(List.of(file)).get(0);
            String name = "collector-" + machine.id().toLowerCase(Locale.ROOT).replace('_', '-').replace('.', '-');
            yaml.append(configMap(name, machine, file));
            if (storage.storageClass() != null) {
                yaml.append(claim(name, machine, storage));
            }
            yaml.append(deployment(name, machine, file, storage));
        }
        return yaml.toString();
    }

    private static String claim(String name, MachineDefinition machine, StateStorage storage) {
        return "---\napiVersion: v1\nkind: PersistentVolumeClaim\nmetadata:\n  name: " + name + "-state\n"
                + labels(machine, "  ") + "spec:\n  accessModes: [ReadWriteOnce]\n  storageClassName: "
                + storage.storageClass() + "\n  resources:\n    requests: {storage: " + storage.size() + "}\n";
    }

    static List<Path> files(Path machines) {
        try (Stream<Path> files = Files.list(machines)) {
            return files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + machines, e);
        }
    }

    private static String configMap(String name, MachineDefinition machine, Path file) {
        StringBuilder yaml = new StringBuilder("---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n")
                .append("  name: ").append(name).append("-definition\n")
                .append(labels(machine, "  "))
                .append("data:\n  ").append(file.getFileName()).append(": |\n");
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                yaml.append(line.isEmpty() ? "" : "    " + line).append('\n');
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return yaml.toString();
    }

    private static String deployment(String name, MachineDefinition machine, Path file, StateStorage storage) {
        return """
                ---
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: %1$s
                %2$sspec:
                  replicas: 1
                  strategy:
                    type: Recreate
                  selector:
                    matchLabels:
                      app.kubernetes.io/name: collector
                      plantstream.io/machine: %3$s
                  template:
                    metadata:
                %4$s    spec:
                      automountServiceAccountToken: false
                      securityContext:
                        runAsNonRoot: true
                        runAsUser: 10001
                        fsGroup: 10001
                      containers:
                        - name: collector
                          image: %5$s
                          env:
                            - {name: JAVA_TOOL_OPTIONS, value: "-Xms64m -Xmx112m -XX:+UseSerialGC"}
                            - {name: COLLECTOR_MACHINES, value: /etc/plantstream/machines/%6$s}
                            - {name: COLLECTOR_STATE_DIR, value: /var/lib/plantstream/collector}
                            - {name: COLLECTOR_AGENT_GROUP, value: collector-%3$s}
                            - {name: COLLECTOR_KAFKA_BOOTSTRAP_SERVERS, value: "edge-kafka-bootstrap:9093"}
                            - {name: COLLECTOR_KAFKA_SECURITY_PROTOCOL, value: SASL_SSL}
                            - {name: COLLECTOR_KAFKA_SASL_USERNAME, value: collector}
                            - {name: COLLECTOR_KAFKA_SASL_PASSWORD_FILE, value: /etc/plantstream/kafka-user/password}
                            - {name: COLLECTOR_KAFKA_SSL_TRUSTSTORE_LOCATION, value: /etc/plantstream/cluster-ca/ca.p12}
                            - name: COLLECTOR_KAFKA_SSL_TRUSTSTORE_PASSWORD
                              valueFrom:
                                secretKeyRef: {name: edge-cluster-ca-cert, key: ca.password}
                          ports:
                            - {name: health, containerPort: 8082}
                          readinessProbe:
                            httpGet: {path: /health, port: health}
                            periodSeconds: 10
                          livenessProbe:
                            httpGet: {path: /health, port: health}
                            initialDelaySeconds: 30
                            periodSeconds: 20
                            failureThreshold: 6
                          resources:
                            requests: {cpu: 50m, memory: 192Mi}
                            limits: {memory: 256Mi}
                          securityContext:
                            allowPrivilegeEscalation: false
                            readOnlyRootFilesystem: true
                            capabilities: {drop: [ALL]}
                          volumeMounts:
                            - {name: definition, mountPath: /etc/plantstream/machines, readOnly: true}
                            - {name: kafka-user, mountPath: /etc/plantstream/kafka-user, readOnly: true}
                            - {name: cluster-ca, mountPath: /etc/plantstream/cluster-ca, readOnly: true}
                            - {name: machine-secret, mountPath: /etc/plantstream/machine-secret, readOnly: true}
                            - {name: state, mountPath: /var/lib/plantstream/collector}
                            - {name: tmp, mountPath: /tmp}
                      volumes:
                        - name: definition
                          configMap: {name: %1$s-definition}
                        - name: kafka-user
                          secret: {secretName: collector}
                        - name: cluster-ca
                          secret: {secretName: edge-cluster-ca-cert}
                        - name: machine-secret
                          secret: {secretName: %1$s-machine, optional: true}
                        - name: state
                          %7$s
                        - name: tmp
                          emptyDir: {sizeLimit: 64Mi}
                """.formatted(name, labels(machine, "  "), machine.id(), labels(machine, "      "), IMAGE,
                file.getFileName(), storage.storageClass() == null ? "emptyDir: {sizeLimit: " + storage.size() + "}"
                        : "persistentVolumeClaim: {claimName: " + name + "-state}");
    }

    private static String labels(MachineDefinition machine, String indent) {
        return indent + "labels:\n"
                + indent + "  app.kubernetes.io/name: collector\n"
                + indent + "  app.kubernetes.io/part-of: plantstream\n"
                + indent + "  plantstream.io/machine: " + machine.id() + "\n"
                + (machine.line() == null ? "" : indent + "  plantstream.io/line: " + machine.line() + "\n");
    }
}
