package io.plantstream.strimzi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads the resources of a multi-document YAML manifest, each with its file and position. */
final class Manifests {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    record Resource(String where, JsonNode body) {
        String kind() {
            return body.path("kind").asText();
        }

        String name() {
            return body.path("metadata").path("name").asText();
        }
    }

    private Manifests() {
    }

    /** The module's directory, whether tests run from it or from the repository root. */
    static Path module() {
        Path here = Path.of("").toAbsolutePath();
        return Files.isDirectory(here.resolve("base")) ? here : here.resolve("strimzi");
    }

    static List<Resource> read(Path file) {
        return parse(file.getFileName().toString(), text(file));
    }

    static List<Resource> parse(String name, String yaml) {
        List<Resource> resources = new ArrayList<>();
        try (MappingIterator<JsonNode> docs = YAML.readerFor(JsonNode.class).readValues(yaml)) {
            int index = 0;
            while (docs.hasNext()) {
                JsonNode doc = docs.next();
                if (doc != null && !doc.isNull() && !doc.isEmpty()) {
                    resources.add(new Resource(name + " document " + (++index) + " (" + doc.path("kind").asText()
                            + " " + doc.path("metadata").path("name").asText() + ")", doc));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(name + ": not valid YAML", e);
        }
        return resources;
    }

    private static String text(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
