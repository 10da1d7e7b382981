package io.plantstream.config.yaml;

import io.plantstream.config.ConfigException;
import java.util.ArrayList;
import java.util.List;

/** Problems found while reading a configuration document, reported together. */
public final class Problems {
    private final List<String> found = new ArrayList<>();

    public void add(String problem) {
        found.add(problem);
    }

    public List<String> list() {
        return List.copyOf(found);
    }

    /** Throws one {@link ConfigException} listing every problem, if there is any. */
    public void throwIfAny(String what) {
        if (!found.isEmpty()) {
            throw new ConfigException(what, found);
        }
    }
}
