package io.plantstream.sim.machines;

import io.plantstream.config.yaml.YamlDocument;
import io.plantstream.config.yaml.YamlNode;
import io.plantstream.testkit.kafka.FreePorts;
import io.plantstream.testkit.mariadb.MariaDbServer;
import io.plantstream.testkit.s7.Snap7Server;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BiPredicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local plant's machines, each speaking its real protocol: S7 machines on a Snap7 server,
 * Modbus TCP machines on j2mod, OPC UA machines on Eclipse Milo, edge-database machines in
 * MariaDB, file machines in real folders. Each has its own behaviour ({@link MachineModel}),
 * advanced every {@value #TICK_MS} ms. {@link #definitions()} is what a collector needs to read
 * them, written anew at every start (the ports change).
 *
 * <p>S7 machines need Node.js and npm for the Snap7 server; without them they speak Modbus TCP
 * instead, and the start says so.
 */
public final class SimulatedMachines implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SimulatedMachines.class);
    static final long TICK_MS = 250;
    static final List<String> PROTOCOLS = List.of("s7", "modbus", "opcua", "sql", "file");

    /** One machine as the simulation file describes it. */
    public record Spec(String id, String name, String line, String protocol, MachineModel.Behaviour behaviour) {
    }

    private record Running(Spec spec, String protocol, MachineModel model, MachineFront front) {
    }

    private final List<Running> machines;
    private final Snap7Server s7;
    private final Path definitions;
    private final ScheduledExecutorService ticker;

    private SimulatedMachines(List<Running> machines, Snap7Server s7, Path definitions) {
        this.machines = machines;
        this.s7 = s7;
        this.definitions = definitions;
        this.ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "simulated-machines");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Reads the simulation file: every problem at once, with file, line and key. */
    public static List<Spec> read(Path file) {
        YamlNode root = YamlDocument.read(file);
        root.allowOnly("machines");
        List<Spec> specs = new ArrayList<>();
        for (YamlNode m : root.get("machines").items()) {
            m.allowOnly("id", "name", "line", "protocol", "cycleSeconds", "jitter", "scrapRate", "faultEveryMinutes",
                    "repairMinutes", "setupSeconds", "idleAfterJobMinutes", "seed");
            String id = m.get("id").text(true).orElse("?");
            String protocol = m.get("protocol").text(true).orElse("modbus").toLowerCase(Locale.ROOT);
            if (!PROTOCOLS.contains(protocol)) {
                m.problems().add(m.get("protocol").where() + ": '" + protocol + "' is not one of " + PROTOCOLS);
            }
            double cycle = number(m, "cycleSeconds", null);
            try {
                specs.add(new Spec(id, m.get("name").text(false).orElse(id), m.get("line").text(false).orElse(null),
                        protocol, new MachineModel.Behaviour(cycle, number(m, "jitter", 0.05),
                        number(m, "scrapRate", 0.02), number(m, "faultEveryMinutes", 60.0),
                        number(m, "repairMinutes", 2.0), number(m, "setupSeconds", 20.0),
                        Duration.ofSeconds((long) (number(m, "idleAfterJobMinutes", 2.0) * 60)),
                        (long) number(m, "seed", (double) id.hashCode()))));
            } catch (IllegalArgumentException e) {
                m.problems().add(m.where() + ": " + e.getMessage());
            }
        }
        root.problems().throwIfAny("simulated machines " + file);
        return specs;
    }

    private static double number(YamlNode machine, String key, Double fallback) {
        return machine.get(key).as(fallback == null, "a number", Double::parseDouble).orElse(fallback == null ? 1 : fallback);
    }

    /**
     * Starts every machine's server and its behaviour and writes the collector's definitions.
     *
     * @param zone the plant's time zone (edge databases hold local time)
     * @param breakTime true while a machine's shift is in a break (it stands still, as planned)
     */
    public static SimulatedMachines start(List<Spec> specs, Path dataDir, MariaDbServer database,
            java.time.ZoneId zone, BiPredicate<String, Instant> breakTime) throws Exception {
        Map<Integer, Integer> blocks = new LinkedHashMap<>();
        boolean node = nodeAvailable();
        long plcs = specs.stream().filter(spec -> spec.protocol().equals("s7")).count();
        for (int block = 1; block <= plcs; block++) {
            blocks.put(block, SimulatedPlcImage.SIZE);
        }
        if (!blocks.isEmpty() && !node) {
            LOG.warn("Node.js and npm were not found: the S7 machines speak Modbus TCP instead (install nodejs and npm"
                    + " for a Snap7 S7 server)");
        }
        Snap7Server s7 = blocks.isEmpty() || !node ? null : Snap7Server.create(blocks).start();
        List<Running> machines = new ArrayList<>();
        Path secrets = dataDir.resolve("secrets");
        int db = 1;
        try {
            for (Spec spec : specs) {
                String protocol = spec.protocol().equals("s7") && s7 == null ? "modbus" : spec.protocol();
                MachineFront front = switch (protocol) {
                    case "s7" -> new S7Front(spec.id(), s7, db++);
                    case "modbus" -> new ModbusFront(spec.id(), FreePorts.next());
                    case "opcua" -> new OpcUaFront(spec.id());
                    case "sql" -> sqlMachine(spec.id(), database, zone, secrets);
                    case "file" -> new FileFront(spec.id(), dataDir.resolve("machines").resolve(spec.id()));
                    default -> throw new IllegalArgumentException(protocol);
                };
                machines.add(new Running(spec, protocol, new MachineModel(spec.behaviour(),
                        t -> breakTime.test(spec.id(), t)), front));
            }
        } catch (Exception e) {
            machines.forEach(m -> m.front().close());
            if (s7 != null) {
                s7.close();
            }
            throw e;
        }
        SimulatedMachines plant = new SimulatedMachines(machines, s7, dataDir.resolve("machines.yaml"));
        plant.tick();
        plant.writeDefinitions();
        plant.ticker.scheduleWithFixedDelay(plant::tick, TICK_MS, TICK_MS, TimeUnit.MILLISECONDS);
        return plant;
    }

    /** A machine database of its own in the plant's MariaDB, and a read-and-command login for the collector. */
    private static SqlFront sqlMachine(String id, MariaDbServer database, java.time.ZoneId zone, Path secrets)
            throws Exception {
        String schema = id.toLowerCase(Locale.ROOT);
        String reader = schema + "_collector";
        Path passwordFile = secrets.resolve(schema + "-collector.password");
        database.executeAsRoot("CREATE DATABASE IF NOT EXISTS " + schema);
        java.sql.Connection owner = java.sql.DriverManager.getConnection(database.jdbcUrl(schema), database.rootUser(),
                database.rootPassword());
        try (java.sql.Statement statement = owner.createStatement()) {
            for (String table : SqlFront.SCHEMA) {
                statement.execute(table);
            }
        }
        if (!Files.exists(passwordFile)) {
            String password = database.createUser(reader, "SELECT ON " + schema + ".results",
                    "SELECT, INSERT ON " + schema + ".commands");
            io.plantstream.sim.LocalFiles.writeSecret(passwordFile, password);
        }
        return new SqlFront(id, owner, zone, database.jdbcUrl(schema), reader, passwordFile);
    }

    private void tick() {
        Instant now = Instant.now();
        for (Running machine : machines) {
            try {
                machine.front().takeCommands(machine.model());
                machine.front().show(machine.model().advance(now));
            } catch (Exception e) {
                LOG.warn("{} ({}): {}", machine.spec().id(), machine.protocol(), e.toString());
            }
        }
    }

    private void writeDefinitions() {
        StringBuilder yaml = new StringBuilder("""
                # The local plant's machines as the collector reads them: written at every start from
                # simulation.yaml (edit that file: protocol, cycle, scrap, faults, setups), because the
                # simulated machines' ports change from start to start.
                machines:
                """);
        for (Running machine : machines) {
            Spec spec = machine.spec();
            StringBuilder one = new StringBuilder("id: " + spec.id() + "\nname: " + spec.name() + "\n");
            if (spec.line() != null) {
                one.append("line: ").append(spec.line()).append('\n');
            }
            one.append(machine.front().definition()).append(COMMON);
            boolean first = true;
            for (String line : one.toString().split("\n")) {
                yaml.append(first ? "  - " : "    ").append(line).append('\n');
                first = false;
            }
        }
        try {
            Files.writeString(definitions, yaml.toString(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + definitions, e);
        }
    }

    private static final String COMMON = """
            stateRules:
              - {when: fault, state: DOWN, reason: FAULT}
              - {when: setup, state: SETUP, reason: JOB-CHANGE}
              - {when: plannedStop, state: PLANNED_STOP, reason: BREAK}
              - {when: running, state: RUNNING}
              - {otherwise: IDLE, reason: NO-JOB}
            alarms:
              - {bit: 0, code: JAM, text: Part jammed, severity: CRITICAL}
              - {bit: 1, code: TOOL-BREAK, text: Tool broken, severity: CRITICAL}
              - {bit: 2, code: DOOR-OPEN, text: Guard door open, severity: WARNING}
              - {bit: 3, code: LOW-AIR, text: Air pressure low, severity: WARNING}
            """;

    /** The collector's definitions of these machines. */
    public Path definitions() {
        return definitions;
    }

    /** Each machine with the protocol it speaks, e.g. {@code M01 s7}. */
    public Map<String, String> protocols() {
        Map<String, String> protocols = new LinkedHashMap<>();
        machines.forEach(m -> protocols.put(m.spec().id(), m.protocol()));
        return protocols;
    }

    private static boolean nodeAvailable() {
        for (String program : List.of("node", "npm")) {
            boolean found = false;
            for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
                if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, program))) {
                    found = true;
                    break;
                }
            }
            if (!found) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void close() {
        ticker.shutdownNow();
        try {
            ticker.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        machines.forEach(m -> m.front().close());
        if (s7 != null) {
            s7.close();
        }
    }
}
