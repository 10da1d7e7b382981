package io.plantstream.collector.app;

import com.sun.net.httpserver.HttpServer;
import io.plantstream.collector.adapter.FileAdapter;
import io.plantstream.collector.adapter.MachineAdapter;
import io.plantstream.collector.adapter.MqttAdapter;
import io.plantstream.collector.adapter.OpcUaSecurity;
import io.plantstream.collector.adapter.Plc4xAdapter;
import io.plantstream.collector.adapter.SimulatedAdapter;
import io.plantstream.collector.adapter.SqlAdapter;
import io.plantstream.collector.core.SignalProcessor;
import io.plantstream.collector.definition.DefinitionLoader;
import io.plantstream.collector.definition.MachineDefinition;
import io.plantstream.collector.job.FileJobTarget;
import io.plantstream.collector.job.JobAgent;
import io.plantstream.collector.job.JobTarget;
import io.plantstream.collector.job.PlcJobTarget;
import io.plantstream.collector.job.SqlJobTarget;
import io.plantstream.collector.publish.StoreAndForward;
import io.plantstream.config.Config;
import io.plantstream.config.ConfigException;
import io.plantstream.config.KafkaClientSettings;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A collector process: one machine (the per-machine pod) or many (small installs, the local
 * plant), same code. Definitions are checked completely before any connection opens; then each
 * machine is polled on a shared pool, what it reads is processed on the same pool, and its events
 * go through the store-and-forward journal.
 */
public final class CollectorService implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CollectorService.class);

    private final StoreAndForward journal;
    private final List<MachineRunner> runners;
    private final ScheduledExecutorService pool;
    private final HttpServer http;
    private final JobAgent agent;
    private final CounterStore counters;

    private CollectorService(StoreAndForward journal, List<MachineRunner> runners, ScheduledExecutorService pool,
            HttpServer http, JobAgent agent, CounterStore counters) {
        this.journal = journal;
        this.runners = runners;
        this.pool = pool;
        this.http = http;
        this.agent = agent;
        this.counters = counters;
    }

    public static CollectorService start(Config config) {
        List<MachineDefinition> machines = DefinitionLoader.load(config.get(CollectorConfig.MACHINES));
        List<String> problems = new ArrayList<>();
        for (MachineDefinition machine : machines) {
            switch (machine.kind()) {
                case SQL, FILE, SIMULATED, S7, MODBUS, OPCUA, MQTT -> {
                    // supported
                }
                default -> problems.add(machine.where() + ": kind " + machine.kind().yamlName()
                        + " is not supported by this build yet");
            }
        }
        if (!problems.isEmpty()) {
            throw new ConfigException("machine definitions", problems);
        }
        Path stateDir = config.get(CollectorConfig.STATE_DIR);
        try {
            Files.createDirectories(stateDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + stateDir, e);
        }
        Map<String, Object> kafka = KafkaClientSettings.clientProperties(config);
        StoreAndForward journal = new StoreAndForward(stateDir.resolve("journal"),
                config.get(CollectorConfig.JOURNAL_MB) * 1024L * 1024L, kafka,
                java.time.Duration.ofMillis(config.get(CollectorConfig.JOURNAL_LINGER_MS)));
        CounterStore counters = new CounterStore(stateDir);
        java.util.Set<String> strangers = new java.util.HashSet<>();
        machines.stream().map(MachineDefinition::id).filter(id -> !counters.has(id)).forEach(strangers::add);
        Map<String, String> published = strangers.isEmpty() ? Map.of()
                : KafkaCounterBaseline.lastCounters(kafka, strangers);
        if (!published.isEmpty()) {
            LOG.info("Continuing the counters of {} machines from their last published counts", published.size());
        }
        ScheduledExecutorService pool = Executors.newScheduledThreadPool(config.get(CollectorConfig.THREADS), r -> {
            Thread thread = new Thread(r, "collector-poll");
            thread.setDaemon(true);
            return thread;
        });
        List<MachineRunner> runners = new ArrayList<>();
        Map<String, JobAgent.Binding> bindings = new java.util.HashMap<>();
        for (MachineDefinition machine : machines) {
            SignalProcessor processor = new SignalProcessor(machine, journal);
            counters.restore(processor, published.get(machine.id()));
            processor.declareParameters(java.time.Instant.now());
            MachineAdapter adapter = adapter(machine, config, stateDir);
            runners.add(new MachineRunner(machine, adapter, processor, journal, counters, pool));
            bindings.put(machine.id(), new JobAgent.Binding(jobTarget(machine, adapter), processor));
        }
        String group = config.get(CollectorConfig.AGENT_GROUP).isBlank() ? group(machines)
                : config.get(CollectorConfig.AGENT_GROUP);
        JobAgent agent = new JobAgent(kafka, group, bindings, journal, stateDir, Duration.ofSeconds(1)).start();
        for (int i = 0; i < runners.size(); i++) {
            MachineDefinition machine = machines.get(i);
            long period = machine.poll().toMillis();
            // spread the first polls over one interval, so that many machines do not poll in step
            pool.scheduleWithFixedDelay(runners.get(i), (period * i) / Math.max(1, runners.size()), period,
                    TimeUnit.MILLISECONDS);
        }
        HttpServer http = health(config.get(CollectorConfig.HTTP_PORT), journal, runners);
        LOG.info("Collector started: {} machines ({}), journal in {}", machines.size(),
                machines.stream().map(MachineDefinition::id).toList(), stateDir.resolve("journal"));
        return new CollectorService(journal, runners, pool, http, agent, counters);
    }

    /** How a machine takes jobs; one without a way refuses them with the reason. */
    private static JobTarget jobTarget(MachineDefinition machine, MachineAdapter adapter) {
        Map<String, String> connection = machine.connection();
        return switch (machine.kind()) {
            case SQL -> connection.containsKey("commandTable")
                    ? new SqlJobTarget(connection.get("url"), connection.get("user"), password(machine),
                            connection.get("commandTable"))
                    : refusing(machine.id() + " has no commandTable");
            case FILE -> connection.containsKey("inbox") ? new FileJobTarget(Path.of(connection.get("inbox")))
                    : refusing(machine.id() + " has no inbox");
            case S7, MODBUS, OPCUA -> machine.job().isEmpty() ? refusing(machine.id() + " has no job section")
                    : new PlcJobTarget((Plc4xAdapter) adapter, machine.job());
            case SIMULATED -> ((SimulatedAdapter) adapter)::take;
            default -> refusing(machine.id() + " takes no jobs");
        };
    }

    private static JobTarget refusing(String reason) {
        return command -> JobTarget.Outcome.rejected(reason + "; it takes no job commands");
    }

    /** A stable group per set of machines: the same collector finds its position again after a restart. */
    static String group(List<MachineDefinition> machines) {
        String ids = String.join(",", machines.stream().map(MachineDefinition::id).sorted().toList());
        if (ids.length() <= 40) {
            return "collector-" + ids.replace(',', '-');
        }
        try {
            byte[] hash = java.security.MessageDigest.getInstance("SHA-256").digest(ids.getBytes(StandardCharsets.UTF_8));
            return "collector-" + java.util.HexFormat.of().formatHex(hash, 0, 8);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static MachineAdapter adapter(MachineDefinition machine, Config config, Path stateDir) {
        return switch (machine.kind()) {
            case SQL -> new SqlAdapter(machine, password(machine), stateDir, config.get(CollectorConfig.ZONE));
            case FILE -> new FileAdapter(machine, config.get(CollectorConfig.ZONE));
            case SIMULATED -> new SimulatedAdapter(machine);
            case S7, MODBUS -> new Plc4xAdapter(machine);
            case OPCUA -> new Plc4xAdapter(machine, OpcUaSecurity.of(machine, name -> secret(machine, name)));
            case MQTT -> new MqttAdapter(machine, machine.connection().containsKey("user") ? password(machine) : "");
            default -> throw new IllegalStateException("unsupported kind " + machine.kind());
        };
    }

    private static String password(MachineDefinition machine) {
        return secret(machine, "password");
    }

    /** A secret of a machine's connection: from the file {@code <name>File} or the variable {@code <name>Env}. */
    private static String secret(MachineDefinition machine, String name) {
        String file = machine.connection().get(name + "File");
        if (file != null) {
            try {
                return Files.readString(Path.of(file), StandardCharsets.UTF_8).strip();
            } catch (IOException e) {
                throw new ConfigException("machine definitions", List.of(machine.where() + ": cannot read " + name
                        + "File " + file + ": " + e.getMessage()));
            }
        }
        String variable = machine.connection().get(name + "Env");
        String value = variable == null ? null : System.getenv(variable);
        if (value == null) {
            throw new ConfigException("machine definitions", List.of(machine.where()
                    + ": environment variable " + variable + " (" + name + "Env) is not set"));
        }
        return value;
    }

    private static final com.fasterxml.jackson.databind.ObjectMapper HEALTH_JSON =
            new com.fasterxml.jackson.databind.ObjectMapper();

    /**
     * UP while the journal delivers, DEGRADED while Kafka is out of reach (events wait on disk);
     * the journal's counts, and per machine its state, last read, problem and counts.
     */
    static Map<String, Object> health(StoreAndForward journal, List<MachineRunner> runners) {
        Map<String, Object> health = new java.util.LinkedHashMap<>();
        health.put("status", journal.failure() == null ? "UP" : "DEGRADED");
        Map<String, Object> journalHealth = new java.util.LinkedHashMap<>();
        journalHealth.put("appended", journal.appended());
        journalHealth.put("delivered", journal.delivered());
        journalHealth.put("backlogBytes", journal.backlogBytes());
        journalHealth.put("dropped", journal.dropped());
        journalHealth.put("undeliverable", journal.undeliverable());
        journalHealth.put("failure", journal.failure());
        health.put("journal", journalHealth);
        health.put("machines", runners.stream().map(MachineRunner::health).toList());
        return health;
    }

    private static HttpServer health(int port, StoreAndForward journal, List<MachineRunner> runners) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(port), 16);
            server.createContext("/health", exchange -> {
                byte[] body;
                int code = 200;
                try {
                    body = HEALTH_JSON.writeValueAsBytes(health(journal, runners));
                } catch (RuntimeException | IOException e) {
                    LOG.warn("The health page failed", e);
                    body = ("{\"status\":\"UNKNOWN\",\"problem\":" + HEALTH_JSON.writeValueAsString(e.toString())
                            + "}").getBytes(StandardCharsets.UTF_8);
                    code = 500;
                }
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(code, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            });
            server.setExecutor(Executors.newSingleThreadExecutor(r -> {
                Thread thread = new Thread(r, "collector-health");
                thread.setDaemon(true);
                return thread;
            }));
            server.start();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the health endpoint on port " + port, e);
        }
    }

    public StoreAndForward journal() {
        return journal;
    }

    public int healthPort() {
        return http.getAddress().getPort();
    }

    /** Whether the machine has been read successfully at least once (connected, subscribed). */
    public boolean reading(String machineId) {
        return runners.stream().anyMatch(r -> r.machineId().equals(machineId) && r.lastRead() != null);
    }

    /** The machines' current states and read problems, for tests and status pages. */
    public Map<String, String> status() {
        Map<String, String> status = new java.util.TreeMap<>();
        for (MachineRunner runner : runners) {
            status.put(runner.machineId(), runner.processor().state() + (runner.problem() == null ? ""
                    : " (" + runner.problem() + ")"));
        }
        return status;
    }

    /** Job acknowledgements published so far. */
    public long acknowledged() {
        return agent.acknowledged();
    }

    @Override
    public void close() {
        agent.close();
        pool.shutdown();
        try {
            if (!pool.awaitTermination(30, TimeUnit.SECONDS)) {
                pool.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            pool.shutdownNow();
        }
        runners.forEach(MachineRunner::close);
        http.stop(0);
        journal.close();
        counters.close();
    }
}
