package io.plantstream.sim;

import io.plantstream.collector.app.CollectorConfig;
import io.plantstream.collector.app.CollectorService;
import io.plantstream.config.Config;
import io.plantstream.config.ConfigException;
import io.plantstream.config.ConfigSource;
import io.plantstream.erp.app.ErpCdcConfig;
import io.plantstream.erp.app.ErpCdcService;
import io.plantstream.events.Topics;
import io.plantstream.events.admin.TopicProvisioner;
import io.plantstream.streams.app.JobStreamsConfig;
import io.plantstream.streams.app.JobStreamsService;
import io.plantstream.testkit.kafka.Directories;
import io.plantstream.testkit.kafka.EmbeddedKafkaCluster;
import io.plantstream.sim.machines.SimulatedMachines;
import io.plantstream.testkit.mariadb.MariaDbServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import org.apache.kafka.clients.admin.Admin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole local plant in one process: the edge Kafka (KRaft, in this JVM) with every catalogue
 * topic, eleven simulated machines speaking S7, Modbus TCP, OPC UA, SQL and files, read by the
 * collector, the sample ERP (a real MariaDB with two
 * weeks of orders), erp-cdc (orders in, confirmations out), job-streams (OEE, job state, alerts,
 * queries), and the cloud side: a second Kafka cluster, the cloud bridge between the two, and the
 * dashboard. Each component is started as a named step: its progress is shown, and one that
 * fails is named with the reason while the ones already up are stopped again.
 */
public final class LocalPlant implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LocalPlant.class);

    /** Everything started so far, stopped in reverse order. */
    private final List<AutoCloseable> running = Collections.synchronizedList(new ArrayList<>());
    /** Components starting in the background; waited for before stopping, so none is left running. */
    private final List<CompletableFuture<?>> starting = Collections.synchronizedList(new ArrayList<>());
    private EmbeddedKafkaCluster edge;
    private EmbeddedKafkaCluster cloud;
    private LocalErp erp;
    private JobStreamsService streams;
    private LocalCloud cloudSide;
    private SimulatedMachines machines;

    private LocalPlant() {
    }

    public static void main(String[] args) throws Exception {
        Config config;
        try {
            config = LocalPlantConfig.CATALOGUE.resolve(new ConfigSource().withArguments(args)
                    .withEnvironment(LocalPlantConfig.CATALOGUE, System.getenv()));
        } catch (ConfigException e) {
            System.err.println(e.getMessage());
            System.err.println("Settings:" + System.lineSeparator() + LocalPlantConfig.CATALOGUE.help());
            System.exit(2);
            return;
        }
        if (config.get(LocalPlantConfig.HELP)) {
            System.out.println("Usage: ./plant [settings]" + System.lineSeparator() + LocalPlantConfig.CATALOGUE.help());
            return;
        }
        LOG.info("Effective configuration:{}{}", System.lineSeparator(), config.describe());
        LocalPlant plant;
        try {
            plant = start(config);
        } catch (Exception e) {
            LOG.error("The local plant did not start: {}", e.getMessage());
            System.exit(1);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            LOG.info("Stopping the local plant ...");
            plant.close();
            stopped.countDown();
        }, "local-plant-shutdown"));
        LOG.info("Press Ctrl-C to stop.");
        stopped.await();
    }

    /** Starts every component of the local plant; returns once all are up. */
    public static LocalPlant start(Config config) throws Exception {
        Path dataDir = config.get(LocalPlantConfig.DATA_DIR).toAbsolutePath();
        if (config.get(LocalPlantConfig.RESET)) {
            LOG.info("Reset: deleting {}", dataDir);
            Directories.deleteRecursively(dataDir);
        }
        long began = System.nanoTime();
        LocalPlant plant = new LocalPlant();
        try {
            plant.startAll(config, dataDir);
        } catch (Exception e) {
            plant.close();
            throw e;
        }
        LOG.info("Local plant up in {} ms:{}  edge Kafka      {}{}  cloud Kafka     {}{}  ERP database    MariaDB "
                        + "127.0.0.1:{}, database {}{}  machines        {} ({}), definitions in {}{}"
                        + "  job-streams     http://localhost:{}/api (bearer token in {}){}"
                        + "  dashboard       http://localhost:{}/  {}",
                Duration.ofNanos(System.nanoTime() - began).toMillis(), System.lineSeparator(),
                plant.edge.bootstrapServers(), System.lineSeparator(), plant.cloud.bootstrapServers(),
                System.lineSeparator(), plant.erp.server().port(), LocalErp.DATABASE, System.lineSeparator(),
                plant.machines.protocols().size(), plant.machines.protocols(), plant.machines.definitions(),
                System.lineSeparator(),
                plant.streams.queries().port(), LocalStreams.tokenFile(dataDir), System.lineSeparator(),
                plant.cloudSide.dashboardPort(), plant.cloudSide.login());
        return plant;
    }

    private void startAll(Config config, Path dataDir) throws Exception {
        CompletableFuture<LocalErp> erpStart = async("the sample ERP (MariaDB)",
                () -> LocalErp.start(dataDir, config.get(LocalPlantConfig.ERP_PORT)));
        CompletableFuture<EmbeddedKafkaCluster> cloudStart = async("the cloud Kafka (KRaft, in-JVM)",
                () -> EmbeddedKafkaCluster.builder().dataDir(dataDir.resolve("cloud-kafka"))
                        .brokerPort(config.get(LocalPlantConfig.CLOUD_PORT)).build().start());
        edge = step("the edge Kafka (KRaft, in-JVM)", () -> EmbeddedKafkaCluster.builder()
                .dataDir(dataDir.resolve("edge-kafka")).brokerPort(config.get(LocalPlantConfig.EDGE_PORT)).build().start());
        step("the catalogue topics", () -> {
            try (Admin admin = edge.admin()) {
                return new TopicProvisioner(admin, (short) 1, Duration.ofSeconds(30)).ensure(Topics.all());
            }
        });
        java.util.List<SimulatedMachines.Spec> specs = SimulatedMachines.read(LocalMachines.simulation(dataDir));
        streams = step("job-streams (OEE, job state, alerts)", () -> JobStreamsService.start(
                JobStreamsConfig.CATALOGUE.resolve(ConfigSource.of(LocalStreams.settings(dataDir, edge.bootstrapServers(),
                        config.get(LocalPlantConfig.QUERY_PORT), specs), "local plant"))));
        erp = await("the sample ERP (MariaDB)", erpStart);
        io.plantstream.streams.calendar.ShiftCalendar calendar = io.plantstream.streams.calendar.CalendarLoader.load(
                LocalStreams.calendar(dataDir));
        machines = step("the machines (" + specs.size() + ", each on its own protocol)", () -> SimulatedMachines.start(
                specs, dataDir, erp.server(), calendar.zone(), (machine, t) -> calendar.shiftAt(machine, t)
                        .map(shift -> shift.plannedStops().stream().anyMatch(stop -> stop.contains(t.toEpochMilli())))
                        .orElse(false)));
        step("the collector (" + specs.size() + " machines)", () -> CollectorService.start(
                CollectorConfig.CATALOGUE.resolve(ConfigSource.of(Map.of(
                        "kafka.bootstrap.servers", edge.bootstrapServers(),
                        "machines", machines.definitions().toString(),
                        "state.dir", dataDir.resolve("collector").toString(),
                        "http.port", "0",
                        "time.zone", calendar.zone().getId()), "local plant"))));
        step("erp-cdc (orders from the ERP, confirmations back)", () -> ErpCdcService.start(ErpCdcConfig.CATALOGUE
                .resolve(ConfigSource.of(erp.cdcSettings(edge.bootstrapServers()), "local plant"))));
        cloud = await("the cloud Kafka (KRaft, in-JVM)", cloudStart);
        cloudSide = step("the cloud bridge and the dashboard", () -> LocalCloud.start(dataDir,
                config.get(LocalPlantConfig.SITE), edge, cloud, config.get(LocalPlantConfig.DASHBOARD_PORT),
                machines.definitions()));
        String andon = config.get(LocalPlantConfig.ANDON);
        if (andon.equals("on") || andon.equals("auto") && LocalAndon.displayPresent()) {
            step("the Andon board (window)", () -> LocalAndon.start(dataDir, edge.bootstrapServers(),
                    machines.definitions()));
        } else {
            LOG.info("Andon board not shown: {}", andon.equals("off") ? "andon=off" : "no display (DISPLAY is not set)");
        }
    }

    /** Starts one component, saying so; a failure names the component. */
    private <T> T step(String name, Callable<T> start) throws Exception {
        LOG.info("Starting {} ...", name);
        long began = System.nanoTime();
        T started;
        try {
            started = start.call();
        } catch (Exception e) {
            throw new IllegalStateException(name + " failed to start: " + e.getMessage(), e);
        }
        if (started instanceof AutoCloseable closeable) {
            running.add(closeable);
        }
        LOG.info("{} up ({} ms)", name, Duration.ofNanos(System.nanoTime() - began).toMillis());
        return started;
    }

    private <T> CompletableFuture<T> async(String name, Callable<T> start) {
        CompletableFuture<T> future = CompletableFuture.supplyAsync(() -> {
            try {
                return step(name, start);
            } catch (Exception e) {
                throw new CompletionException(e);
            }
        });
        starting.add(future);
        return future;
    }

    private static <T> T await(String name, CompletableFuture<T> start) throws Exception {
        try {
            return start.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof Exception cause ? cause : new IllegalStateException(name + " failed", e);
        }
    }

    public String edgeBootstrapServers() {
        return edge.bootstrapServers();
    }

    public String cloudBootstrapServers() {
        return cloud.bootstrapServers();
    }

    public int queryPort() {
        return streams.queries().port();
    }

    public int dashboardPort() {
        return cloudSide.dashboardPort();
    }

    /** The sample ERP's database server. */
    public MariaDbServer erpDatabase() {
        return erp.server();
    }

    @Override
    public void close() {
        for (CompletableFuture<?> future : List.copyOf(starting)) {
            try {
                future.join();
            } catch (CompletionException failedToStart) {
                // named when it failed; nothing of it to stop
            }
        }
        List<AutoCloseable> started;
        synchronized (running) {
            started = new ArrayList<>(running);
            running.clear();
        }
        Collections.reverse(started);
        for (AutoCloseable component : started) {
            try {
                component.close();
            } catch (Exception e) {
                LOG.warn("Stopping {} failed: {}", component.getClass().getSimpleName(), e.getMessage());
            }
        }
    }
}
