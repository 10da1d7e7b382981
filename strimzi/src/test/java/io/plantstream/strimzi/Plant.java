package io.plantstream.strimzi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything {@code kubectl apply -k overlays/plant} would apply: the resources of the base and
 * of the overlay, each with its file and position, plus the ConfigMaps the overlay's generator
 * makes from files.
 */
final class Plant {
    static final Path BASE = Manifests.module().resolve("base");
    static final Path OVERLAY = Manifests.module().resolve("overlays/plant");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private final List<Manifests.Resource> resources;
    private final List<String> generatedConfigMaps;

    private Plant(List<Manifests.Resource> resources, List<String> generatedConfigMaps) {
        this.resources = List.copyOf(resources);
        this.generatedConfigMaps = List.copyOf(generatedConfigMaps);
    }

    /** The plant as committed. */
    static Plant load() {
        return load(Map.of());
    }

    /** The plant with some files' texts replaced (file name to text), to inject defects. */
    static Plant load(Map<String, String> replaced) {
        List<Manifests.Resource> all = new ArrayList<>();
        for (Path dir : List.of(BASE, OVERLAY)) {
            for (JsonNode entry : kustomization(dir).path("resources")) {
                Path path = dir.resolve(entry.asText()).normalize();
                if (Files.isDirectory(path)) {
                    continue;
                }
                String name = path.getFileName().toString();
                all.addAll(replaced.containsKey(name) ? Manifests.parse(name, replaced.get(name)) : Manifests.read(path));
            }
        }
        List<String> generated = new ArrayList<>();
        for (JsonNode generator : kustomization(OVERLAY).path("configMapGenerator")) {
            generated.add(generator.path("name").asText());
        }
        return new Plant(all, generated);
    }

    static JsonNode kustomization(Path dir) {
        try {
            return YAML.readTree(dir.resolve("kustomization.yaml").toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    List<Manifests.Resource> resources() {
        return resources;
    }

    List<Manifests.Resource> ofKind(String kind) {
        return resources.stream().filter(r -> r.kind().equals(kind)).toList();
    }

    Optional<Manifests.Resource> find(String kind, String name) {
        return resources.stream().filter(r -> r.kind().equals(kind) && r.name().equals(name)).findFirst();
    }

    boolean hasConfigMap(String name) {
        return find("ConfigMap", name).isPresent() || generatedConfigMaps.contains(name);
    }
}
