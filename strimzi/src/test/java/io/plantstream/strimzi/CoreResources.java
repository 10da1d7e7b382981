package io.plantstream.strimzi;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Reads Kubernetes core resources into the fabric8 model strictly: every field must be one the
 * model knows (the model keeps unknown fields aside instead of failing, so they are looked for
 * everywhere in the object tree and reported with their path).
 */
final class CoreResources {
    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);
    private static final Map<String, Class<?>> KINDS = Map.of("Deployment", Deployment.class,
            "ConfigMap", ConfigMap.class, "Service", Service.class, "PodDisruptionBudget", PodDisruptionBudget.class,
            "NetworkPolicy", NetworkPolicy.class, "Secret", Secret.class, "PersistentVolumeClaim",
            PersistentVolumeClaim.class);

    private CoreResources() {
    }

    static boolean knows(String kind) {
        return KINDS.containsKey(kind);
    }

    /** The problems of one resource, each naming where it is and the field. */
    static List<String> validate(JsonNode resource, String where) {
        List<String> problems = new ArrayList<>();
        Class<?> type = KINDS.get(resource.path("kind").asText());
        if (type == null) {
            problems.add(where + ": no model for kind " + resource.path("kind").asText());
            return problems;
        }
        try {
            Object model = JSON.treeToValue(resource, type);
            unknownFields(model, "", where, problems);
        } catch (Exception e) {
            problems.add(where + ": " + e.getMessage());
        }
        return problems;
    }

    private static void unknownFields(Object node, String path, String where, List<String> problems) {
        if (node == null) {
            return;
        }
        if (node instanceof Collection<?> items) {
            int i = 0;
            for (Object item : items) {
                unknownFields(item, path + "[" + i++ + "]", where, problems);
            }
            return;
        }
        if (node instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                unknownFields(entry.getValue(), path + "." + entry.getKey(), where, problems);
            }
            return;
        }
        if (!node.getClass().getName().startsWith("io.fabric8.kubernetes.api.model")) {
            return;
        }
        for (Method getter : node.getClass().getMethods()) {
            if (getter.getParameterCount() != 0 || !getter.getName().startsWith("get")
                    || getter.getDeclaringClass() == Object.class) {
                continue;
            }
            try {
                Object value = getter.invoke(node);
                if (getter.getName().equals("getAdditionalProperties")) {
                    if (value instanceof Map<?, ?> extra && !extra.isEmpty()) {
                        problems.add(where + ": unknown field " + (path.isEmpty() ? "" : path + ".") + extra.keySet());
                    }
                    continue;
                }
                String field = Character.toLowerCase(getter.getName().charAt(3)) + getter.getName().substring(4);
                unknownFields(value, path.isEmpty() ? field : path + "." + field, where, problems);
            } catch (ReflectiveOperationException e) {
                problems.add(where + ": cannot read " + getter.getName() + ": " + e.getMessage());
            }
        }
    }
}
