package io.plantstream.strimzi;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The Kafka cluster resources validate strictly and fit the edge's industrial PCs. */
class ClusterManifestsTest {
    private static final long NODE_MEMORY_MIB = 4096;
    private static final long OS_RESERVE_MIB = 1024;

    @Test
    void everyResourceOfTheBaseValidatesStrictly() throws Exception {
        List<String> problems = new ArrayList<>();
        for (Manifests.Resource resource : base()) {
            problems.addAll(CrdSchemaValidator.forKind(resource.kind()).validate(resource.body(), resource.where()));
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void aTypoInTheClusterIsNamedWithFileAndField() throws Exception {
        String yaml = Files.readString(Manifests.module().resolve("base/kafka.yaml"))
                .replace("    authorization:\n      type: simple", "    authorisation:\n      type: simple");
        Manifests.Resource kafka = Manifests.parse("kafka.yaml", yaml).get(1);
        assertThat(CrdSchemaValidator.forKind("Kafka").validate(kafka.body(), kafka.where()))
                .anySatisfy(problem -> assertThat(problem)
                        .startsWith("kafka.yaml document 2 (Kafka edge): unknown field spec.kafka.authorisation"));
    }

    @Test
    void theKustomizationsListEveryManifest() throws Exception {
        for (String dir : new String[] {"base", "overlays/plant"}) {
            String kustomization = Files.readString(Manifests.module().resolve(dir).resolve("kustomization.yaml"));
            try (var files = Files.list(Manifests.module().resolve(dir))) {
                files.map(Path::getFileName).map(Path::toString)
                        .filter(name -> name.endsWith(".yaml") && !name.equals("kustomization.yaml"))
                        .forEach(name -> assertThat(kustomization).as(dir + "/" + name).contains("- " + name));
            }
        }
    }

    @Test
    void replicationSurvivesOneNodeAndTheBrokersAreSpreadOverHosts() {
        JsonNode kafka = only("Kafka").path("spec").path("kafka");
        JsonNode pool = only("KafkaNodePool").path("spec");
        assertThat(pool.path("replicas").asInt()).isEqualTo(3);
        assertThat(kafka.path("config").path("default.replication.factor").asInt()).isEqualTo(3);
        assertThat(kafka.path("config").path("min.insync.replicas").asInt()).isEqualTo(2);
        assertThat(pool.path("template").path("pod").path("affinity").path("podAntiAffinity")
                .path("requiredDuringSchedulingIgnoredDuringExecution").get(0).path("topologyKey").asText())
                .isEqualTo("kubernetes.io/hostname");
        assertThat(kafka.path("listeners")).allSatisfy(listener -> {
            assertThat(listener.path("tls").asBoolean()).as("TLS on " + listener.path("name")).isTrue();
            assertThat(listener.path("authentication").path("type").asText()).isEqualTo("scram-sha-512");
        });
        assertThat(kafka.path("authorization").path("type").asText()).isEqualTo("simple");
    }

    @Test
    void oneKafkaPodLeavesRoomOnAFourGigabyteNode() {
        JsonNode pool = only("KafkaNodePool").path("spec");
        long limit = mebibytes(pool.path("resources").path("limits").path("memory").asText());
        long heap = mebibytes(pool.path("jvmOptions").path("-Xmx").asText());
        assertThat(heap).as("heap below the container limit, room for page cache").isLessThanOrEqualTo(limit / 2);
        assertThat(limit).as("Kafka plus the OS leave room for the apps on the node")
                .isLessThanOrEqualTo(NODE_MEMORY_MIB - OS_RESERVE_MIB - 1024);
    }

    private static List<Manifests.Resource> base() {
        return Manifests.read(Manifests.module().resolve("base/kafka.yaml"));
    }

    private static JsonNode only(String kind) {
        List<Manifests.Resource> found = base().stream().filter(r -> r.kind().equals(kind)).toList();
        assertThat(found).as(kind).hasSize(1);
        return found.get(0).body();
    }

    static long mebibytes(String quantity) {
        String q = quantity.strip();
        if (q.endsWith("Gi")) {
            return Long.parseLong(q.substring(0, q.length() - 2)) * 1024;
        }
        if (q.endsWith("Mi")) {
            return Long.parseLong(q.substring(0, q.length() - 2));
        }
        if (q.endsWith("g")) {
            return Long.parseLong(q.substring(0, q.length() - 1)) * 1024;
        }
        if (q.endsWith("m")) {
            return Long.parseLong(q.substring(0, q.length() - 1));
        }
        throw new IllegalArgumentException("unsupported memory quantity " + quantity);
    }
}
