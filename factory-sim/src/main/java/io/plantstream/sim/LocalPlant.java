package io.plantstream.sim;

import io.plantstream.config.Config;
import io.plantstream.config.ConfigException;
import io.plantstream.config.ConfigSource;
import io.plantstream.collector.app.CollectorConfig;
import io.plantstream.collector.app.CollectorService;
import io.plantstream.erp.app.ErpCdcConfig;
import io.plantstream.erp.app.ErpCdcService;
import io.plantstream.events.Topics;
import io.plantstream.events.admin.TopicProvisioner;
import io.plantstream.streams.app.JobStreamsConfig;
import io.plantstream.streams.app.JobStreamsService;
import io.plantstream.testkit.kafka.Directories;
import io.plantstream.testkit.kafka.EmbeddedKafkaCluster;
import io.plantstream.testkit.mariadb.MariaDbServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.apache.kafka.clients.admin.Admin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole local plant in one process. Today it runs the edge Kafka broker (KRaft, in this
 * JVM) with every catalogue topic, eleven simulated machines read by the collector, the sample
 * ERP (a real MariaDB with two weeks of orders), erp-cdc (orders in, confirmations out) and
 * job-streams (OEE, job state, alerts, queries); the further components join it as they are
 * built.
 */
public final class LocalPlant implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LocalPlant.class);

    private final EmbeddedKafkaCluster edge;
    private final LocalErp erp;
    private JobStreamsService streams;
    private ErpCdcService cdc;
    private CollectorService collector;

    private LocalPlant(EmbeddedKafkaCluster edge, LocalErp erp) {
        this.edge = edge;
        this.erp = erp;
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
        run(config);
    }

    private static void run(Config config) throws Exception {
        LocalPlant plant = start(config);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            LOG.info("Stopping the local plant ...");
            plant.close();
            stopped.countDown();
        }, "local-plant-shutdown"));
        LOG.info("Not part of the local plant yet: machines speaking S7, Modbus, OPC UA, SQL and files, "
                + "cloud Kafka and bridge, dashboard, Andon board. Press Ctrl-C to stop.");
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
        LOG.info("Starting edge Kafka (KRaft, in-JVM) on port {} and the sample ERP (MariaDB) ...",
                config.get(LocalPlantConfig.EDGE_PORT));
        CompletableFuture<LocalErp> erpStart = CompletableFuture.supplyAsync(() -> {
            try {
                return LocalErp.start(dataDir, config.get(LocalPlantConfig.ERP_PORT));
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException("cannot set up the sample ERP: " + e.getMessage(), e);
            }
        });
        EmbeddedKafkaCluster edge;
        try {
            edge = EmbeddedKafkaCluster.builder()
                    .dataDir(dataDir.resolve("edge-kafka"))
                    .brokerPort(config.get(LocalPlantConfig.EDGE_PORT))
                    .build()
                    .start();
        } catch (RuntimeException e) {
            erpStart.thenAccept(LocalErp::close);
            throw e;
        }
        LocalErp erp;
        try {
            erp = erpStart.join();
        } catch (java.util.concurrent.CompletionException e) {
            edge.close();
            throw e;
        }
        LocalPlant plant = new LocalPlant(edge, erp);
        try (Admin admin = edge.admin()) {
            List<String> created = new TopicProvisioner(admin, (short) 1, Duration.ofSeconds(30)).ensure(Topics.all());
            LOG.info("Edge Kafka up at {}: {} catalogue topics ({} created now)", edge.bootstrapServers(),
                    Topics.all().size(), created.size());
            LOG.info("Starting job-streams (OEE, job state, alerts) ...");
            plant.streams = JobStreamsService.start(JobStreamsConfig.CATALOGUE.resolve(ConfigSource.of(
                    LocalStreams.settings(dataDir, edge.bootstrapServers(), config.get(LocalPlantConfig.QUERY_PORT)),
                    "local plant")));
            LOG.info("Starting the collector ({} simulated machines) ...", PlantMachines.IDS.size());
            plant.collector = CollectorService.start(CollectorConfig.CATALOGUE.resolve(ConfigSource.of(Map.of(
                    "kafka.bootstrap.servers", edge.bootstrapServers(),
                    "machines", LocalMachines.definitions(dataDir).toString(),
                    "state.dir", dataDir.resolve("collector").toString(),
                    "http.port", "0",
                    "time.zone", "Europe/Berlin"), "local plant")));
            LOG.info("Starting erp-cdc (orders from the ERP, confirmations back) ...");
            plant.cdc = ErpCdcService.start(ErpCdcConfig.CATALOGUE.resolve(ConfigSource.of(
                    erp.cdcSettings(edge.bootstrapServers()), "local plant")));
        } catch (Exception e) {
            plant.close();
            throw e;
        }
        LOG.info("Local plant up in {} ms. Running now: edge Kafka with every catalogue topic; 11 simulated machines "
                + "through the collector (definitions in {}); the sample ERP "
                + "(MariaDB on 127.0.0.1:{}, database {}); erp-cdc; job-streams with queries at "
                + "http://localhost:{}/api (bearer token in {})",
                Duration.ofNanos(System.nanoTime() - began).toMillis(), LocalMachines.definitions(dataDir),
                erp.server().port(), LocalErp.DATABASE,
                plant.streams.queries().port(), LocalStreams.tokenFile(dataDir));
        return plant;
    }

    public String edgeBootstrapServers() {
        return edge.bootstrapServers();
    }

    public int queryPort() {
        return streams.queries().port();
    }

    /** The sample ERP's database server. */
    public MariaDbServer erpDatabase() {
        return erp.server();
    }

    @Override
    public void close() {
        if (cdc != null) {
            cdc.close();
        }
        if (collector != null) {
            collector.close();
        }
        if (streams != null) {
            streams.close();
        }
        edge.close();
        erp.close();
    }
}
