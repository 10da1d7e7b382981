package io.plantstream.strimzi;

import static org.assertj.core.api.Assertions.assertThat;

import io.plantstream.collector.definition.DefinitionLoader;
import io.plantstream.collector.definition.MachineDefinition;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** One collector per machine definition, and Kubernetes resources that are what they claim to be. */
class CollectorManifestsTest {
    private static final Path OVERLAY = Manifests.module().resolve("overlays/plant");

    @Test
    void theRenderedCollectorsAreTheCommittedOnes() throws Exception {
        assertThat(Files.readString(OVERLAY.resolve("collectors.yaml")))
                .as("overlays/plant/collectors.yaml is out of date: render it again with CollectorManifests")
                .isEqualTo(CollectorManifests.render(OVERLAY.resolve("machines")));
    }

    @Test
    void everyMachineHasItsCollectorAndEveryCollectorItsMachine() {
        Set<String> machines = DefinitionLoader.load(List.of(OVERLAY.resolve("machines"))).stream()
                .map(MachineDefinition::id).collect(Collectors.toCollection(TreeSet::new));
        Set<String> deployed = Manifests.read(OVERLAY.resolve("collectors.yaml")).stream()
                .filter(r -> r.kind().equals("Deployment"))
                .map(r -> r.body().path("metadata").path("labels").path("plantstream.io/machine").asText())
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(deployed).isEqualTo(machines).hasSize(5);
    }

    @Test
    void withAStorageClassEveryCollectorKeepsItsStateOnAClaimOfItsOwn() {
        String rendered = CollectorManifests.render(OVERLAY.resolve("machines"),
                new CollectorManifests.StateStorage("longhorn", "2Gi"));
        List<Manifests.Resource> resources = Manifests.parse("collectors.yaml", rendered);
        List<String> problems = new ArrayList<>();
        resources.forEach(r -> problems.addAll(CoreResources.validate(r.body(), r.where())));
        assertThat(problems).isEmpty();
        List<Manifests.Resource> claims = resources.stream().filter(r -> r.kind().equals("PersistentVolumeClaim"))
                .toList();
        List<Manifests.Resource> deployments = resources.stream().filter(r -> r.kind().equals("Deployment")).toList();
        assertThat(claims).hasSameSizeAs(deployments).hasSize(5).allSatisfy(claim -> {
            assertThat(claim.body().path("spec").path("storageClassName").asText()).isEqualTo("longhorn");
            assertThat(claim.body().path("spec").path("resources").path("requests").path("storage").asText())
                    .isEqualTo("2Gi");
            assertThat(claim.body().path("spec").path("accessModes").get(0).asText()).isEqualTo("ReadWriteOnce");
        });
        for (Manifests.Resource deployment : deployments) {
            String name = deployment.body().path("metadata").path("name").asText();
            com.fasterxml.jackson.databind.JsonNode state = null;
            for (com.fasterxml.jackson.databind.JsonNode volume : deployment.body().path("spec").path("template")
                    .path("spec").path("volumes")) {
                if (volume.path("name").asText().equals("state")) {
                    state = volume;
                }
            }
            assertThat(state).as(name + " has a state volume").isNotNull();
            assertThat(state.has("emptyDir")).as(name).isFalse();
            assertThat(state.path("persistentVolumeClaim").path("claimName").asText()).isEqualTo(name + "-state");
            assertThat(claims).anySatisfy(c -> assertThat(c.body().path("metadata").path("name").asText())
                    .isEqualTo(name + "-state"));
        }
        assertThat(rendered).startsWith(CollectorManifests.render(OVERLAY.resolve("machines")).lines().limit(2)
                .collect(Collectors.joining("\n")));
    }

    @Test
    void aStorageClassOrSizeKubernetesWouldRefuseIsRefusedWhenRendering() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new CollectorManifests.StateStorage("Fast_SSD", "1Gi"))
                .hasMessageContaining("'Fast_SSD' is not a Kubernetes name");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new CollectorManifests.StateStorage("fast", "1GB"))
                .hasMessageContaining("'1GB' is not like 512Mi, 1Gi or 2Ti");
    }

    @Test
    void everyCoreResourceReadsStrictly() {
        List<String> problems = new ArrayList<>();
        for (Manifests.Resource resource : Manifests.read(OVERLAY.resolve("collectors.yaml"))) {
            problems.addAll(CoreResources.validate(resource.body(), resource.where()));
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void aTypoInADeploymentIsNamedWithItsResourceAndField() throws Exception {
        String broken = Files.readString(OVERLAY.resolve("collectors.yaml")).replaceFirst("  replicas: 1", "  replica: 1")
                .replaceFirst("periodSeconds: 10", "periodSecond: 10");
        List<String> problems = new ArrayList<>();
        for (Manifests.Resource resource : Manifests.parse("collectors.yaml", broken)) {
            problems.addAll(CoreResources.validate(resource.body(), resource.where()));
        }
        assertThat(problems).containsExactly(
                "collectors.yaml document 2 (Deployment collector-m01): unknown field spec.[replica]",
                "collectors.yaml document 2 (Deployment collector-m01): unknown field "
                        + "spec.template.spec.containers[0].readinessProbe.[periodSecond]");
    }

    @Test
    void collectorsRunAsTheCollectorKafkaUserWithProbesAndLimits() {
        Set<String> users = Manifests.read(Manifests.module().resolve("base/kafka-users.yaml")).stream()
                .map(Manifests.Resource::name).collect(Collectors.toSet());
        for (Manifests.Resource resource : Manifests.read(OVERLAY.resolve("collectors.yaml"))) {
            if (!resource.kind().equals("Deployment")) {
                continue;
            }
            var pod = resource.body().path("spec").path("template").path("spec");
            var container = pod.path("containers").get(0);
            assertThat(users).as(resource.where()).contains(pod.path("volumes").get(1).path("secret")
                    .path("secretName").asText());
            assertThat(container.path("readinessProbe").path("httpGet").path("path").asText()).isEqualTo("/health");
            assertThat(container.path("livenessProbe").path("httpGet").path("path").asText()).isEqualTo("/health");
            assertThat(container.path("resources").path("requests").path("memory").asText()).isEqualTo("192Mi");
            assertThat(container.path("resources").path("limits").path("memory").asText()).isEqualTo("256Mi");
            assertThat(resource.body().path("spec").path("strategy").path("type").asText())
                    .as("one collector per machine at a time: its journal and counters are its own")
                    .isEqualTo("Recreate");
        }
    }

    @Test
    void noManifestCarriesASecretValue() throws Exception {
        List<String> secrets = new ArrayList<>();
        try (Stream<Path> files = Files.walk(Manifests.module())) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml"))
                    .filter(f -> !f.toString().contains("/target/") && !f.toString().contains("/machines/")).toList()) {
                for (Manifests.Resource resource : Manifests.read(file)) {
                    if (resource.kind().equals("Secret") && (resource.body().has("data")
                            || resource.body().has("stringData"))) {
                        secrets.add(resource.where());
                    }
                }
            }
        }
        assertThat(secrets).as("Secrets are created by the operators or by the admin, never committed").isEmpty();
    }
}
