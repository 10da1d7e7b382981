package io.plantstream.sim;

import io.plantstream.config.Config;
import io.plantstream.config.ConfigException;
import io.plantstream.config.ConfigSource;
import io.plantstream.events.Topics;
import io.plantstream.events.admin.TopicProvisioner;
import io.plantstream.streams.app.JobStreamsConfig;
import io.plantstream.streams.app.JobStreamsService;
import io.plantstream.testkit.kafka.Directories;
import io.plantstream.testkit.kafka.EmbeddedKafkaCluster;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.apache.kafka.clients.admin.Admin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole local plant in one process. Today it runs the edge Kafka broker (KRaft, in this
 * JVM) with every catalogue topic, and job-streams (OEE, job state, alerts, queries); the further
 * components join it as they are built.
 */
public final class LocalPlant implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LocalPlant.class);

    private final EmbeddedKafkaCluster edge;
    private JobStreamsService streams;

    private LocalPlant(EmbeddedKafkaCluster edge) {
        this.edge = edge;
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
        LOG.info("Not part of the local plant yet: simulated machines, collectors, erp-cdc, "
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
        LOG.info("Starting edge Kafka (KRaft, in-JVM) on port {} ...", config.get(LocalPlantConfig.EDGE_PORT));
        EmbeddedKafkaCluster edge = EmbeddedKafkaCluster.builder()
                .dataDir(dataDir.resolve("edge-kafka"))
                .brokerPort(config.get(LocalPlantConfig.EDGE_PORT))
                .build()
                .start();
        LocalPlant plant = new LocalPlant(edge);
        try (Admin admin = edge.admin()) {
            List<String> created = new TopicProvisioner(admin, (short) 1, Duration.ofSeconds(30)).ensure(Topics.all());
            LOG.info("Edge Kafka up at {}: {} catalogue topics ({} created now)", edge.bootstrapServers(),
                    Topics.all().size(), created.size());
            LOG.info("Starting job-streams (OEE, job state, alerts) ...");
            plant.streams = JobStreamsService.start(JobStreamsConfig.CATALOGUE.resolve(ConfigSource.of(
                    LocalStreams.settings(dataDir, edge.bootstrapServers(), config.get(LocalPlantConfig.QUERY_PORT)),
                    "local plant")));
        } catch (Exception e) {
            plant.close();
            throw e;
        }
        LOG.info("Local plant up in {} ms. Running now: edge Kafka with every catalogue topic; job-streams with "
                + "queries at http://localhost:{}/api (bearer token in {})",
                Duration.ofNanos(System.nanoTime() - began).toMillis(), plant.streams.queries().port(),
                LocalStreams.tokenFile(dataDir));
        return plant;
    }

    public String edgeBootstrapServers() {
        return edge.bootstrapServers();
    }

    public int queryPort() {
        return streams.queries().port();
    }

    @Override
    public void close() {
        if (streams != null) {
            streams.close();
        }
        edge.close();
    }
}
