package io.plantstream.dashboard.view;

import io.plantstream.config.yaml.YamlDocument;
import io.plantstream.config.yaml.YamlNode;
import io.plantstream.events.CloudTopics;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * How people name and group what the data only knows by id: sites, their lines, and the
 * machines on each line. Optional: a machine the layout does not name still shows, on a line
 * called "other", so a new machine is never hidden.
 * <pre>
 * sites:
 *   - id: plant-a
 *     name: Plant A, Stuttgart
 *     lines:
 *       - {id: L1, name: Pressing, machines: [{id: M01, name: Press 1}, {id: M02}]}
 * </pre>
 */
public record PlantLayout(Map<String, Site> sites) {

    public static final String OTHER_LINE = "other";

    public record Site(String id, String name, List<Line> lines) {
    }

    public record Line(String id, String name, List<Machine> machines) {
    }

    public record Machine(String id, String name) {
    }

    public static PlantLayout empty() {
        return new PlantLayout(Map.of());
    }

    /** Reads and checks a layout file; every problem is reported at once with file, line and key. */
    public static PlantLayout read(Path file) {
        YamlNode root = YamlDocument.read(file);
        root.allowOnly("sites");
        Map<String, Site> sites = new LinkedHashMap<>();
        for (YamlNode node : root.get("sites").items()) {
            node.allowOnly("id", "name", "lines");
            Optional<String> id = node.get("id").as(true, "a site alias (lower case, digits, dashes)",
                    CloudTopics::checkSite);
            String name = node.get("name").text(false).orElse(id.orElse(""));
            List<Line> lines = lines(node.get("lines"));
            id.ifPresent(site -> {
                if (sites.put(site, new Site(site, name, lines)) != null) {
                    node.problems().add(node.where() + ": site '" + site + "' is listed twice");
                }
            });
        }
        root.problems().throwIfAny("layout " + file);
        return new PlantLayout(Map.copyOf(sites));
    }

    private static List<Line> lines(YamlNode node) {
        List<Line> lines = new ArrayList<>();
        Set<String> machinesSeen = new HashSet<>();
        for (YamlNode line : node.items()) {
            line.allowOnly("id", "name", "machines");
            String id = line.get("id").text(true).orElse("");
            List<Machine> machines = new ArrayList<>();
            for (YamlNode machine : line.get("machines").items()) {
                machine.allowOnly("id", "name");
                String machineId = machine.get("id").text(true).orElse("");
                if (!machinesSeen.add(machineId)) {
                    machine.problems().add(machine.where() + ": machine '" + machineId + "' is listed twice");
                }
                machines.add(new Machine(machineId, machine.get("name").text(false).orElse(machineId)));
            }
            lines.add(new Line(id, line.get("name").text(false).orElse(id), List.copyOf(machines)));
        }
        return List.copyOf(lines);
    }

    /** The layout of a site, empty when the layout does not name it. */
    public Site site(String id) {
        return sites.getOrDefault(id, new Site(id, id, List.of()));
    }
}
