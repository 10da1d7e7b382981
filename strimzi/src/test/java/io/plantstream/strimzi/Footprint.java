package io.plantstream.strimzi;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * What the plant asks of the cluster: the memory and CPU requests of every pod the manifests
 * make (Kafka nodes, the entity operator, MirrorMaker 2, the Deployments), plus the Strimzi
 * cluster operator, which is installed beside them.
 */
final class Footprint {
    /** The Strimzi cluster operator as its installation files request it. */
    static final Need OPERATOR = new Need("Strimzi cluster operator", 384, 200);

    record Need(String what, long memoryMib, long cpuMillis) {
    }

    private Footprint() {
    }

    static List<Need> of(Plant plant) {
        List<Need> needs = new ArrayList<>();
        for (Manifests.Resource pool : plant.ofKind("KafkaNodePool")) {
            JsonNode spec = pool.body().path("spec");
            needs.add(times(spec.path("replicas").asInt(), requests("Kafka node pool " + pool.name(), spec.path("resources"))));
        }
        for (Manifests.Resource kafka : plant.ofKind("Kafka")) {
            JsonNode operators = kafka.body().path("spec").path("entityOperator");
            needs.add(requests("topic operator", operators.path("topicOperator").path("resources")));
            needs.add(requests("user operator", operators.path("userOperator").path("resources")));
            JsonNode exporter = kafka.body().path("spec").path("kafkaExporter");
            if (!exporter.isMissingNode()) {
                needs.add(requests("Kafka exporter", exporter.path("resources")));
            }
        }
        for (Manifests.Resource mirror : plant.ofKind("KafkaMirrorMaker2")) {
            JsonNode spec = mirror.body().path("spec");
            needs.add(times(spec.path("replicas").asInt(), requests("MirrorMaker 2 " + mirror.name(), spec.path("resources"))));
        }
        for (Manifests.Resource deployment : plant.ofKind("Deployment")) {
            JsonNode spec = deployment.body().path("spec");
            long memory = 0;
            long cpu = 0;
            for (JsonNode container : spec.path("template").path("spec").path("containers")) {
                Need one = requests("", container.path("resources"));
                memory += one.memoryMib();
                cpu += one.cpuMillis();
            }
            needs.add(times(spec.path("replicas").asInt(1), new Need("Deployment " + deployment.name(), memory, cpu)));
        }
        needs.add(OPERATOR);
        return needs;
    }

    static long memoryMib(List<Need> needs) {
        return needs.stream().mapToLong(Need::memoryMib).sum();
    }

    static long cpuMillis(List<Need> needs) {
        return needs.stream().mapToLong(Need::cpuMillis).sum();
    }

    private static Need times(int replicas, Need one) {
        return new Need(one.what() + " x" + replicas, one.memoryMib() * replicas, one.cpuMillis() * replicas);
    }

    private static Need requests(String what, JsonNode resources) {
        JsonNode requests = resources.path("requests");
        if (requests.path("memory").isMissingNode() || requests.path("cpu").isMissingNode()) {
            throw new AssertionError(what + " requests no memory or no CPU: the scheduler cannot place it safely");
        }
        return new Need(what, ClusterManifestsTest.mebibytes(requests.path("memory").asText()),
                millis(requests.path("cpu").asText()));
    }

    static long millis(String cpu) {
        String q = cpu.strip();
        return q.endsWith("m") ? Long.parseLong(q.substring(0, q.length() - 1)) : Math.round(Double.parseDouble(q) * 1000);
    }
}
