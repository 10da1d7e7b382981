package io.plantstream.andon.board;

import io.plantstream.config.yaml.YamlDocument;
import io.plantstream.config.yaml.YamlNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What one board shows: the plant's name, how many tiles a row, and the machines in order.
 * <pre>
 * plant: Plant A, hall 1
 * columns: 4
 * machines:
 *   - {id: M01, name: Press 1}
 * </pre>
 */
public record BoardLayout(String plant, int columns, List<Machine> machines) {

    public record Machine(String id, String name) {
    }

    public BoardLayout {
        machines = List.copyOf(machines);
    }

    public boolean shows(String machineId) {
        return machines.stream().anyMatch(m -> m.id().equals(machineId));
    }

    /** Reads and checks a layout file; every problem is reported at once with file, line and key. */
    public static BoardLayout read(Path file) {
        return from(YamlDocument.read(file), file.toString());
    }

    public static BoardLayout parse(String name, String yaml) {
        return from(YamlDocument.parse(name, yaml), name);
    }

    private static BoardLayout from(YamlNode root, String name) {
        root.allowOnly("plant", "columns", "machines");
        String plant = root.get("plant").text(true).orElse("");
        int columns = root.get("columns").as(false, "a number of columns from 1 to 12", text -> {
            int value = Integer.parseInt(text);
            if (value < 1 || value > 12) {
                throw new IllegalArgumentException("out of range");
            }
            return value;
        }).orElse(4);
        List<Machine> machines = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (YamlNode node : root.get("machines").items()) {
            node.allowOnly("id", "name");
            String id = node.get("id").text(true).orElse("");
            if (!id.isEmpty() && !ids.add(id)) {
                node.problems().add(node.where() + ": machine '" + id + "' is listed twice");
            }
            machines.add(new Machine(id, node.get("name").text(false).orElse(id)));
        }
        if (machines.isEmpty()) {
            root.problems().add(root.where() + ": machines: at least one machine is needed");
        }
        root.problems().throwIfAny("board layout " + name);
        return new BoardLayout(plant, columns, machines);
    }
}
