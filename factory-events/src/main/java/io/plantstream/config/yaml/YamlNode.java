package io.plantstream.config.yaml;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * A YAML value that knows where it stands (file, line, key path), so that whoever reads
 * configuration can report each problem at its place. Accessors never throw on bad content:
 * they record a problem in the document's {@link Problems} and return empty.
 */
public final class YamlNode {
    private final String file;
    private final int line;
    private final String path;
    private final Object value;
    private final Problems problems;

    YamlNode(String file, int line, String path, Object value, Problems problems) {
        this.file = file;
        this.line = line;
        this.path = path;
        this.value = value;
        this.problems = problems;
    }

    /** "file:line (path)", for messages. */
    public String where() {
        return file + ":" + line + " (" + (path.isEmpty() ? "document" : path) + ")";
    }

    public String path() {
        return path;
    }

    public boolean isMissing() {
        return value == null;
    }

    /** Whether this is a single value (not a mapping, not a list, not missing). */
    public boolean isScalar() {
        return value instanceof String;
    }

    public Problems problems() {
        return problems;
    }

    /** A child of a mapping; a missing child is a node whose {@link #isMissing()} is true. */
    public YamlNode get(String key) {
        Map<String, YamlNode> map = mapOrEmpty();
        YamlNode child = map.get(key);
        return child != null ? child : new YamlNode(file, line, join(key), null, problems);
    }

    /** The entries of a mapping (empty, with a problem, when this is something else). */
    public Map<String, YamlNode> entries() {
        if (value == null) {
            return Map.of();
        }
        return mapOrProblem();
    }

    /** The items of a sequence (empty when missing; a problem when this is something else). */
    public List<YamlNode> items() {
        if (value == null) {
            return List.of();
        }
        if (value instanceof List<?> list) {
            List<YamlNode> nodes = new ArrayList<>();
            list.forEach(item -> nodes.add((YamlNode) item));
            return nodes;
        }
        problems.add(where() + ": expected a list");
        return List.of();
    }

    /** Scalar text; empty (with a problem if {@code required}) when missing or not a scalar. */
    public Optional<String> text(boolean required) {
        if (value == null) {
            if (required) {
                problems.add(where() + ": required value is missing");
            }
            return Optional.empty();
        }
        if (value instanceof String s) {
            return Optional.of(s);
        }
        problems.add(where() + ": expected a single value");
        return Optional.empty();
    }

    /** Scalar converted by {@code parser}; a parser exception becomes a problem with its message. */
    public <T> Optional<T> as(boolean required, String expected, Function<String, T> parser) {
        return text(required).flatMap(text -> {
            try {
                return Optional.of(parser.apply(text.strip()));
            } catch (RuntimeException e) {
                problems.add(where() + ": '" + text + "' is not " + expected);
                return Optional.empty();
            }
        });
    }

    /** Reports keys of this mapping that are not among {@code known}. */
    public void allowOnly(String... known) {
        List<String> allowed = List.of(known);
        for (Map.Entry<String, YamlNode> entry : entries().entrySet()) {
            if (!allowed.contains(entry.getKey())) {
                problems.add(entry.getValue().where() + ": unknown key '" + entry.getKey() + "' (known: "
                        + String.join(", ", allowed) + ")");
            }
        }
    }

    private Map<String, YamlNode> mapOrEmpty() {
        return value instanceof Map<?, ?> ? mapOrProblem() : Map.of();
    }

    @SuppressWarnings("unchecked")
    private Map<String, YamlNode> mapOrProblem() {
        if (value instanceof Map<?, ?> map) {
            return Collections.unmodifiableMap(new LinkedHashMap<>((Map<String, YamlNode>) map));
        }
        problems.add(where() + ": expected a mapping of keys to values");
        return Map.of();
    }

    private String join(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }
}
