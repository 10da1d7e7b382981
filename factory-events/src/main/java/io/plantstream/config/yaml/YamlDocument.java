package io.plantstream.config.yaml;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/** Reads YAML into {@link YamlNode}s that remember file, line and key path. */
public final class YamlDocument {
    private static final int MAX_BYTES = 4 * 1024 * 1024;

    private YamlDocument() {
    }

    public static YamlNode read(Path file) {
        try {
            if (Files.size(file) > MAX_BYTES) {
                throw new IllegalArgumentException(file + ": larger than " + MAX_BYTES + " bytes");
            }
            return parse(file.toString(), Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": cannot be read: " + e.getMessage(), e);
        }
    }

    /** Parses text; a syntax error is thrown at once, with its line. */
    public static YamlNode parse(String name, String text) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        options.setMaxAliasesForCollections(10);
        Problems problems = new Problems();
        try {
            Node root = new Yaml(options).compose(new StringReader(text));
            if (root == null) {
                return new YamlNode(name, 1, "", new LinkedHashMap<String, YamlNode>(), problems);
            }
            return convert(name, "", root, problems);
        } catch (MarkedYAMLException e) {
            int line = e.getProblemMark() == null ? 0 : e.getProblemMark().getLine() + 1;
            throw new IllegalArgumentException(name + ":" + line + ": not valid YAML: " + e.getProblem(), e);
        }
    }

    private static YamlNode convert(String file, String path, Node node, Problems problems) {
        int line = node.getStartMark().getLine() + 1;
        if (node instanceof ScalarNode scalar) {
            String value = scalar.getValue();
            return new YamlNode(file, line, path, Tag.NULL.equals(scalar.getTag()) ? null : value, problems);
        }
        if (node instanceof SequenceNode sequence) {
            List<YamlNode> items = new ArrayList<>();
            List<Node> children = sequence.getValue();
            for (int i = 0; i < children.size(); i++) {
                items.add(convert(file, path + "[" + i + "]", children.get(i), problems));
            }
            return new YamlNode(file, line, path, items, problems);
        }
        Map<String, YamlNode> entries = new LinkedHashMap<>();
        for (NodeTuple tuple : ((MappingNode) node).getValue()) {
            String key = tuple.getKeyNode() instanceof ScalarNode k ? k.getValue() : "?";
            entries.put(key, convert(file, path.isEmpty() ? key : path + "." + key, tuple.getValueNode(), problems));
        }
        return new YamlNode(file, line, path, entries, problems);
    }
}
