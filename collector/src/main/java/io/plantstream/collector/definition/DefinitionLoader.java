package io.plantstream.collector.definition;

import io.plantstream.config.ConfigException;
import io.plantstream.config.Durations;
import io.plantstream.config.yaml.YamlDocument;
import io.plantstream.config.yaml.YamlNode;
import io.plantstream.events.InvalidFieldException;
import io.plantstream.events.MachineStatus;
import io.plantstream.events.Severity;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Reads machine definitions from YAML files (one machine per file, or a plant file with a
 * {@code machines:} list; folders are read file by file) and checks them all before anything
 * connects: unknown keys and kinds, bad address syntax, a missing counter, state rules on tags
 * that do not exist, duplicate machine ids across files. Every problem is reported at once
 * with its file, line and key.
 *
 * <pre>
 * id: M07
 * name: Press 7
 * line: L2
 * kind: s7
 * connection: {url: "s7://10.0.2.7?remote-rack=0&amp;remote-slot=1"}
 * poll: 1s
 * tags:
 *   running: "%DB10.DBX0.0:BOOL"
 *   fault: "%DB10.DBX0.1:BOOL"
 *   partCounter: {address: "%DB10.DBD2:UDINT"}
 *   rejectCounter: "%DB10.DBD6:UDINT"
 *   alarmWord: "%DB10.DBW10:WORD"
 * telemetry:
 *   - {name: spindleLoad, address: "%DB10.DBD12:REAL", unit: "%", min: 0, max: 150}
 * stateRules:
 *   - {when: fault, state: DOWN, reason: PLC-FAULT}
 *   - {when: running, state: RUNNING}
 *   - {otherwise: IDLE}
 * alarms:
 *   - {bit: 0, code: A100, text: Door open, severity: WARNING}
 * </pre>
 */
public final class DefinitionLoader {
    private static final String ID_PATTERN = "[A-Za-z0-9][A-Za-z0-9_.-]{0,31}";
    private static final Map<MachineKind, List<String>> CONNECTION_KEYS = Map.of(
            MachineKind.S7, List.of("url", "timeout"),
            MachineKind.MODBUS, List.of("url", "timeout"),
            MachineKind.OPCUA, List.of("url", "timeout", "subscribe", "securityPolicy", "messageSecurity", "keyStoreFile",
                    "keyStorePasswordFile", "keyStorePasswordEnv", "serverCertificateFile", "user", "passwordFile",
                    "passwordEnv"),
            MachineKind.SQL, List.of("url", "user", "passwordFile", "passwordEnv", "resultTable", "resultKey",
                    "commandTable"),
            MachineKind.FILE, List.of("outbox", "inbox", "maxFileBytes"),
            MachineKind.MQTT, List.of("url", "topic", "format", "user", "passwordFile", "passwordEnv", "timeout"),
            MachineKind.SIMULATED, List.of("cycleSeconds", "scrapRate", "faultEveryMinutes", "seed"));
    private static final Map<MachineKind, List<String>> REQUIRED_CONNECTION_KEYS = Map.of(
            MachineKind.S7, List.of("url"),
            MachineKind.MODBUS, List.of("url"),
            MachineKind.OPCUA, List.of("url"),
            MachineKind.SQL, List.of("url", "user", "resultTable"),
            MachineKind.FILE, List.of("outbox"),
            MachineKind.MQTT, List.of("url", "topic"),
            MachineKind.SIMULATED, List.of());
    private static final Map<MachineKind, String> URL_PREFIX = Map.of(
            MachineKind.S7, "s7://", MachineKind.MODBUS, "modbus-tcp://", MachineKind.OPCUA, "opcua:tcp://",
            MachineKind.SQL, "jdbc:", MachineKind.MQTT, "tcp://");

    private DefinitionLoader() {
    }

    /** Reads every definition under the given files and folders; throws one ConfigException listing all problems. */
    public static List<MachineDefinition> load(List<Path> paths) {
        List<String> problems = new ArrayList<>();
        List<MachineDefinition> machines = new ArrayList<>();
        for (Path file : yamlFiles(paths, problems)) {
            try {
                YamlNode root = YamlDocument.read(file);
                read(root, machines);
                problems.addAll(root.problems().list());
            } catch (IllegalArgumentException e) {
                problems.add(e.getMessage());
            }
        }
        checkUnique(machines, problems);
        if (machines.isEmpty() && problems.isEmpty()) {
            problems.add("no machine definitions in " + paths);
        }
        if (!problems.isEmpty()) {
            throw new ConfigException("machine definitions", problems);
        }
        return List.copyOf(machines);
    }

    /** Reads definitions from YAML text (one document), e.g. in tests. */
    public static List<MachineDefinition> parse(String name, String yaml) {
        List<String> problems = new ArrayList<>();
        List<MachineDefinition> machines = new ArrayList<>();
        YamlNode root;
        try {
            root = YamlDocument.parse(name, yaml);
        } catch (IllegalArgumentException e) {
            throw new ConfigException("machine definitions", List.of(e.getMessage()));
        }
        read(root, machines);
        problems.addAll(root.problems().list());
        checkUnique(machines, problems);
        if (!problems.isEmpty()) {
            throw new ConfigException("machine definitions", problems);
        }
        return List.copyOf(machines);
    }

    private static List<Path> yamlFiles(List<Path> paths, List<String> problems) {
        List<Path> files = new ArrayList<>();
        for (Path path : paths) {
            if (Files.isDirectory(path)) {
                try (Stream<Path> children = Files.list(path)) {
                    children.filter(f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".yml"))
                            .sorted().forEach(files::add);
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot list " + path, e);
                }
            } else if (Files.isRegularFile(path)) {
                files.add(path);
            } else {
                problems.add(path + ": no such file or folder");
            }
        }
        return files;
    }

    private static void read(YamlNode root, List<MachineDefinition> machines) {
        if (!root.get("machines").isMissing()) {
            root.allowOnly("machines");
            for (YamlNode machine : root.get("machines").items()) {
                machine(machine).ifPresent(machines::add);
            }
        } else {
            machine(root).ifPresent(machines::add);
        }
    }

    private static java.util.Optional<MachineDefinition> machine(YamlNode node) {
        int before = node.problems().list().size();
        node.allowOnly("id", "name", "line", "kind", "connection", "poll", "silence", "heartbeat", "tags", "telemetry",
                "stateRules", "alarms", "counterMax", "counterMaxStep", "job");
        String id = node.get("id").text(true).orElse(null);
        if (id != null && !id.matches(ID_PATTERN)) {
            node.problems().add(node.get("id").where() + ": '" + id + "' is not a machine id (letters, digits, _ . -;"
                    + " at most 32)");
        }
        String name = node.get("name").text(false).orElse(id);
        String line = node.get("line").text(false).orElse(null);
        MachineKind kind = node.get("kind").as(true, "a machine kind (s7, modbus, opcua, sql, file, mqtt, simulated)",
                MachineKind::parse).orElse(null);
        Duration poll = node.get("poll").as(false, "a duration such as 1s", Durations::parse).orElse(Duration.ofSeconds(1));
        if (poll.compareTo(Duration.ofMillis(10)) < 0) {
            node.problems().add(node.get("poll").where() + ": poll interval " + poll + " is shorter than 10 ms");
        }
        Duration silence = node.get("silence").as(false, "a duration such as 30s", Durations::parse)
                .orElse(max(Duration.ofSeconds(10), poll.multipliedBy(5)));
        Duration heartbeat = node.get("heartbeat").as(false, "a duration such as 10s", Durations::parse)
                .orElse(Duration.ofSeconds(10));
        Map<String, String> connection = connection(node.get("connection"), kind);
        Map<Meaning, TagSpec> tags = tags(node.get("tags"), kind);
        List<TagSpec> telemetry = telemetry(node.get("telemetry"), kind, tags);
        if (node.get("tags").isMissing() || !tags.containsKey(Meaning.PART_COUNTER)) {
            node.problems().add(node.get("tags").where() + ": partCounter is required (the machine's absolute part "
                    + "counter)");
        }
        List<StateRule> rules = stateRules(node, tags, telemetry);
        List<AlarmBit> alarms = alarms(node.get("alarms"), tags);
        long counterMax = node.get("counterMax").as(false, "a positive whole number", Long::parseLong)
                .orElse(4_294_967_295L);
        long counterMaxStep = node.get("counterMaxStep").as(false, "a positive whole number", Long::parseLong)
                .orElse(100_000L);
        if (counterMax <= 0 || counterMaxStep <= 0) {
            node.problems().add(node.where() + ": counterMax and counterMaxStep must be positive");
        }
        Map<String, String> job = job(node.get("job"), kind, connection);
        if (node.problems().list().size() > before || id == null || kind == null) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(new MachineDefinition(id, name, line, kind, connection, poll, silence, heartbeat,
                tags, telemetry, rules, alarms, counterMax, counterMaxStep, job, node.where()));
    }

    private static Map<String, String> connection(YamlNode node, MachineKind kind) {
        Map<String, String> connection = new LinkedHashMap<>();
        if (kind == null) {
            return connection;
        }
        node.allowOnly(CONNECTION_KEYS.get(kind).toArray(String[]::new));
        node.entries().forEach((key, value) -> value.text(true).ifPresent(text -> connection.put(key, text.strip())));
        for (String required : REQUIRED_CONNECTION_KEYS.get(kind)) {
            if (!connection.containsKey(required)) {
                node.problems().add(node.get(required).where() + ": required for a " + kind.yamlName() + " machine");
            }
        }
        String url = connection.get("url");
        if (url != null && URL_PREFIX.containsKey(kind) && !url.startsWith(URL_PREFIX.get(kind))) {
            node.problems().add(node.get("url").where() + ": '" + url + "' must start with " + URL_PREFIX.get(kind));
        }
        if (kind == MachineKind.SQL && !connection.containsKey("passwordFile") && !connection.containsKey("passwordEnv")) {
            node.problems().add(node.where() + ": passwordFile or passwordEnv is required (no passwords in definitions)");
        }
        for (String table : List.of("resultTable", "resultKey", "commandTable")) {
            String value = connection.get(table);
            if (value != null && MachineKind.SQL.checkAddress(value) != null) {
                node.problems().add(node.get(table).where() + ": '" + value + "' is not a plain table or column name");
            }
        }
        String format = connection.get("format");
        if (format != null && !format.equals("json") && !format.equals("sparkplug")) {
            node.problems().add(node.get("format").where() + ": '" + format + "' is not json or sparkplug");
        }
        if (kind == MachineKind.OPCUA) {
            OpcUaSecurityRules.check(node, connection);
        }
        String subscribe = connection.get("subscribe");
        if (subscribe != null && !subscribe.equals("true") && !subscribe.equals("false")) {
            node.problems().add(node.get("subscribe").where() + ": '" + subscribe + "' is not true or false");
        }
        String maxBytes = connection.get("maxFileBytes");
        if (maxBytes != null && !maxBytes.matches("\\d{1,10}")) {
            node.problems().add(node.get("maxFileBytes").where() + ": '" + maxBytes + "' is not a number of bytes");
        }
        return connection;
    }

    private static Map<Meaning, TagSpec> tags(YamlNode node, MachineKind kind) {
        Map<Meaning, TagSpec> tags = new EnumMap<>(Meaning.class);
        node.entries().forEach((key, value) -> {
            Meaning meaning = Meaning.byKey(key);
            if (meaning == null) {
                node.problems().add(value.where() + ": unknown tag meaning '" + key + "' (known: "
                        + String.join(", ", Meaning.keys()) + "; put other values under telemetry)");
                return;
            }
            tag(value, key, kind).ifPresent(tag -> tags.put(meaning, tag));
        });
        return tags;
    }

    private static List<TagSpec> telemetry(YamlNode node, MachineKind kind, Map<Meaning, TagSpec> tags) {
        List<TagSpec> telemetry = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (YamlNode item : node.items()) {
            String name = item.get("name").text(true).orElse(null);
            if (name == null) {
                continue;
            }
            if (!name.matches("[A-Za-z_][A-Za-z0-9_]{0,63}")) {
                item.problems().add(item.get("name").where() + ": '" + name + "' is not a tag name");
            } else if (Meaning.byKey(name) != null) {
                item.problems().add(item.get("name").where() + ": '" + name + "' is a tag meaning; declare it under tags");
            } else if (!names.add(name)) {
                item.problems().add(item.get("name").where() + ": telemetry tag '" + name + "' is declared twice");
            }
            tag(item, name, kind).ifPresent(telemetry::add);
        }
        return telemetry;
    }

    private static java.util.Optional<TagSpec> tag(YamlNode node, String name, MachineKind kind) {
        String address;
        double scale = 1;
        double offset = 0;
        String unit = null;
        Double min = null;
        Double max = null;
        TagSpec.Limits spec = TagSpec.Limits.NONE;
        TagSpec.Limits control = TagSpec.Limits.NONE;
        if (node.isScalar()) {
            address = node.text(true).orElse(null);
        } else {
            node.allowOnly("name", "address", "scale", "offset", "unit", "min", "max", "spec", "control");
            address = node.get("address").text(true).orElse(null);
            scale = node.get("scale").as(false, "a number", Double::parseDouble).orElse(1.0);
            offset = node.get("offset").as(false, "a number", Double::parseDouble).orElse(0.0);
            unit = node.get("unit").text(false).orElse(null);
            min = node.get("min").as(false, "a number", Double::parseDouble).orElse(null);
            max = node.get("max").as(false, "a number", Double::parseDouble).orElse(null);
            if (min != null && max != null && min > max) {
                node.problems().add(node.where() + ": min " + min + " is above max " + max);
            }
            if (scale == 0 || !Double.isFinite(scale) || !Double.isFinite(offset)) {
                node.problems().add(node.where() + ": scale must be a finite non-zero number and offset finite");
            }
            spec = limits(node.get("spec"));
            control = limits(node.get("control"));
        }
        if (address == null) {
            return java.util.Optional.empty();
        }
        if (kind != null) {
            String problem = kind.checkAddress(address.strip());
            if (problem != null) {
                node.problems().add(node.where() + ": " + problem);
                return java.util.Optional.empty();
            }
        }
        TagSpec tag = new TagSpec(name, address.strip(), scale, offset, unit, min, max, spec, control);
        try {
            tag.parameter();
        } catch (InvalidFieldException e) {
            node.problems().add(node.where() + ": limits of '" + name + "': " + e.getMessage());
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(tag);
    }

    private static TagSpec.Limits limits(YamlNode node) {
        if (node.isMissing()) {
            return TagSpec.Limits.NONE;
        }
        if (node.isScalar()) {
            if ("learn".equals(node.text(true).orElse(null))) {
                return TagSpec.Limits.LEARN;
            }
            node.problems().add(node.where() + ": limits are {lower: ..., upper: ...}"
                    + (node.path().endsWith("control") ? " or learn" : ""));
            return TagSpec.Limits.NONE;
        }
        node.allowOnly("lower", "upper");
        return new TagSpec.Limits(node.get("lower").as(false, "a number", Double::parseDouble).orElse(null),
                node.get("upper").as(false, "a number", Double::parseDouble).orElse(null), false);
    }

    private static List<StateRule> stateRules(YamlNode machine, Map<Meaning, TagSpec> tags, List<TagSpec> telemetry) {
        YamlNode node = machine.get("stateRules");
        Set<String> known = new java.util.TreeSet<>();
        tags.keySet().forEach(m -> known.add(m.key()));
        telemetry.forEach(t -> known.add(t.name()));
        List<StateRule> rules = new ArrayList<>();
        for (YamlNode item : node.items()) {
            item.allowOnly("when", "otherwise", "state", "reason");
            String reason = item.get("reason").text(false).orElse(null);
            if (!item.get("otherwise").isMissing()) {
                item.get("otherwise").as(true, "a machine state (RUNNING, IDLE, DOWN, SETUP, PLANNED_STOP)",
                        DefinitionLoader::status).ifPresent(state -> rules.add(StateRule.otherwise(state, reason)));
                continue;
            }
            String condition = item.get("when").text(true).orElse(null);
            MachineStatus state = item.get("state").as(true, "a machine state (RUNNING, IDLE, DOWN, SETUP, PLANNED_STOP)",
                    DefinitionLoader::status).orElse(null);
            if (condition == null || state == null) {
                continue;
            }
            try {
                StateRule rule = StateRule.parse(condition, state, reason);
                if (!known.contains(rule.tag())) {
                    item.problems().add(item.get("when").where() + ": the condition names '" + rule.tag()
                            + "', which is no tag of this machine (known: " + String.join(", ", known) + ")");
                }
                rules.add(rule);
            } catch (IllegalArgumentException e) {
                item.problems().add(item.get("when").where() + ": " + e.getMessage());
            }
        }
        if (rules.isEmpty()) {
            if (tags.containsKey(Meaning.STATE_WORD)) {
                machine.problems().add(node.where() + ": a machine with a stateWord needs stateRules that map its values");
            }
            if (tags.containsKey(Meaning.FAULT)) {
                rules.add(new StateRule("fault", "true", 0, MachineStatus.DOWN, "FAULT"));
            }
            if (tags.containsKey(Meaning.PLANNED_STOP)) {
                rules.add(new StateRule("plannedStop", "true", 0, MachineStatus.PLANNED_STOP, null));
            }
            if (tags.containsKey(Meaning.SETUP)) {
                rules.add(new StateRule("setup", "true", 0, MachineStatus.SETUP, null));
            }
            if (tags.containsKey(Meaning.RUNNING)) {
                rules.add(new StateRule("running", "true", 0, MachineStatus.RUNNING, null));
            }
            if (rules.isEmpty() && !tags.containsKey(Meaning.STATE_WORD)) {
                machine.problems().add(machine.get("tags").where() + ": a state needs a running, fault, setup or "
                        + "plannedStop tag, or a stateWord with stateRules");
            }
            rules.add(StateRule.otherwise(MachineStatus.IDLE, null));
        }
        return rules;
    }

    /** Where a PLC takes its jobs; SQL machines take them as command rows, file machines as files. */
    private static Map<String, String> job(YamlNode node, MachineKind kind, Map<String, String> connection) {
        Map<String, String> job = new LinkedHashMap<>();
        if (node.isMissing() || kind == null) {
            return job;
        }
        if (kind == MachineKind.SQL || kind == MachineKind.FILE) {
            node.problems().add(node.where() + ": a " + kind.yamlName() + " machine takes jobs through "
                    + (kind == MachineKind.SQL ? "connection.commandTable" : "connection.inbox") + ", not a job section");
            return job;
        }
        node.allowOnly("orderNo", "targetQuantity", "article", "recipe", "command");
        node.entries().forEach((field, value) -> value.text(true).ifPresent(address -> {
            String problem = kind.checkAddress(address.strip());
            if (problem != null) {
                value.problems().add(value.where() + ": " + problem);
            } else {
                job.put(field, address.strip());
            }
        }));
        if (!job.containsKey("orderNo")) {
            node.problems().add(node.get("orderNo").where() + ": required: where the machine takes the order number");
        }
        return job;
    }

    private static MachineStatus status(String text) {
        MachineStatus status = MachineStatus.valueOf(text.strip().toUpperCase(java.util.Locale.ROOT));
        if (status == MachineStatus.OFFLINE) {
            throw new IllegalArgumentException("OFFLINE is the collector's verdict, not a rule's");
        }
        return status;
    }

    private static List<AlarmBit> alarms(YamlNode node, Map<Meaning, TagSpec> tags) {
        List<AlarmBit> alarms = new ArrayList<>();
        Set<Integer> bits = new HashSet<>();
        for (YamlNode item : node.items()) {
            item.allowOnly("bit", "code", "text", "severity");
            Integer bit = item.get("bit").as(true, "a bit number 0..63", Integer::parseInt).orElse(null);
            String code = item.get("code").text(true).orElse(null);
            String text = item.get("text").text(false).orElse(null);
            Severity severity = item.get("severity").as(false, "INFO, WARNING or CRITICAL",
                    s -> Severity.valueOf(s.toUpperCase(java.util.Locale.ROOT))).orElse(Severity.WARNING);
            if (bit != null && (bit < 0 || bit > 63)) {
                item.problems().add(item.get("bit").where() + ": bit " + bit + " is outside 0..63");
            } else if (bit != null && !bits.add(bit)) {
                item.problems().add(item.get("bit").where() + ": bit " + bit + " is declared twice");
            }
            if (bit != null && code != null) {
                alarms.add(new AlarmBit(bit, code, text, severity));
            }
        }
        if (!alarms.isEmpty() && !tags.containsKey(Meaning.ALARM_WORD)) {
            node.problems().add(node.where() + ": alarms need an alarmWord tag");
        }
        return alarms;
    }

    private static void checkUnique(List<MachineDefinition> machines, List<String> problems) {
        Map<String, String> seen = new HashMap<>();
        for (MachineDefinition machine : machines) {
            String first = seen.putIfAbsent(machine.id(), machine.where());
            if (first != null) {
                problems.add(machine.where() + ": machine id '" + machine.id() + "' is already defined at " + first);
            }
        }
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
