package io.plantstream.config;

import java.util.List;

/** Every configuration problem found, reported together. */
public final class ConfigException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient List<String> problems;

    public ConfigException(String module, List<String> problems) {
        super(module + ": " + problems.size() + " configuration problem(s):" + System.lineSeparator()
                + "  - " + String.join(System.lineSeparator() + "  - ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
