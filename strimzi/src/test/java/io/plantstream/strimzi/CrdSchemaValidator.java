package io.plantstream.strimzi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Validates a custom resource against the openAPIV3Schema of its Strimzi CRD (derived into
 * src/test/resources/crd-schemas without descriptions), strictly: an object that declares its
 * properties accepts no other field, so a typo fails instead of passing unnoticed. Free-form
 * maps (x-kubernetes-preserve-unknown-fields, additionalProperties, no declared properties)
 * stay open; oneOf/anyOf branches are checked leniently.
 */
final class CrdSchemaValidator {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final JsonNode schema;

    private CrdSchemaValidator(JsonNode schema) {
        this.schema = schema;
    }

    static CrdSchemaValidator forKind(String kind) {
        try (InputStream in = CrdSchemaValidator.class.getResourceAsStream("/crd-schemas/" + kind + ".v1.json")) {
            if (in == null) {
                throw new IllegalArgumentException("no schema for kind " + kind);
            }
            return new CrdSchemaValidator(JSON.readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every problem of {@code resource}, each starting with {@code where} and the field path. */
    List<String> validate(JsonNode resource, String where) {
        List<String> problems = new ArrayList<>();
        check(schema, resource, "", where, true, problems);
        return problems;
    }

    private void check(JsonNode s, JsonNode value, String path, String where, boolean strict, List<String> out) {
        if (s.path("x-kubernetes-int-or-string").asBoolean(false)) {
            if (!value.isIntegralNumber() && !value.isTextual()) {
                out.add(where + ": " + path + " must be an integer or a string");
            }
            return;
        }
        if (s.has("anyOf") || s.has("oneOf")) {
            JsonNode branches = s.has("anyOf") ? s.get("anyOf") : s.get("oneOf");
            boolean any = false;
            for (JsonNode branch : branches) {
                List<String> tried = new ArrayList<>();
                check(branch, value, path, where, false, tried);
                any |= tried.isEmpty();
            }
            if (!any) {
                out.add(where + ": " + path + " matches none of its allowed forms");
            }
        }
        String type = s.path("type").asText("");
        if (!type.isEmpty() && !hasType(value, type)) {
            out.add(where + ": " + path + " must be " + type + ", was " + value.getNodeType().toString().toLowerCase());
            return;
        }
        if (s.has("enum") && !contains(s.get("enum"), value)) {
            out.add(where + ": " + path + " '" + value.asText() + "' is not one of " + s.get("enum"));
        }
        if (s.has("minimum") && value.isNumber() && value.asDouble() < s.get("minimum").asDouble()) {
            out.add(where + ": " + path + " " + value + " is below the minimum " + s.get("minimum"));
        }
        if (s.has("maximum") && value.isNumber() && value.asDouble() > s.get("maximum").asDouble()) {
            out.add(where + ": " + path + " " + value + " is above the maximum " + s.get("maximum"));
        }
        if (s.has("pattern") && value.isTextual() && !Pattern.compile(s.get("pattern").asText()).matcher(value.asText()).find()) {
            out.add(where + ": " + path + " '" + value.asText() + "' does not match " + s.get("pattern").asText());
        }
        if (value.isObject()) {
            checkObject(s, value, path, where, strict, out);
        } else if (value.isArray() && s.has("items")) {
            for (int i = 0; i < value.size(); i++) {
                check(s.get("items"), value.get(i), path + "[" + i + "]", where, strict, out);
            }
        }
    }

    private void checkObject(JsonNode s, JsonNode value, String path, String where, boolean strict, List<String> out) {
        for (JsonNode required : s.path("required")) {
            if (!value.has(required.asText())) {
                out.add(where + ": " + join(path, required.asText()) + " is required");
            }
        }
        JsonNode properties = s.get("properties");
        boolean open = s.path("x-kubernetes-preserve-unknown-fields").asBoolean(false) || properties == null;
        for (Map.Entry<String, JsonNode> field : value.properties()) {
            String fieldPath = join(path, field.getKey());
            if (properties != null && properties.has(field.getKey())) {
                check(properties.get(field.getKey()), field.getValue(), fieldPath, where, strict, out);
            } else if (s.path("additionalProperties").isObject()) {
                check(s.get("additionalProperties"), field.getValue(), fieldPath, where, strict, out);
            } else if (!open && strict) {
                out.add(where + ": unknown field " + fieldPath + (properties == null ? ""
                        : " (known: " + String.join(", ", names(properties)) + ")"));
            }
        }
    }

    private static boolean hasType(JsonNode value, String type) {
        return switch (type) {
            case "object" -> value.isObject();
            case "array" -> value.isArray();
            case "string" -> value.isTextual();
            case "integer" -> value.isIntegralNumber();
            case "number" -> value.isNumber();
            case "boolean" -> value.isBoolean();
            default -> true;
        };
    }

    private static boolean contains(JsonNode values, JsonNode value) {
        for (JsonNode candidate : values) {
            if (candidate.equals(value)) {
                return true;
            }
        }
        return false;
    }

    private static List<String> names(JsonNode properties) {
        List<String> names = new ArrayList<>();
        properties.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static String join(String path, String field) {
        return path.isEmpty() ? field : path + "." + field;
    }
}
