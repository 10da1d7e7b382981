package io.plantstream.collector.app;

import io.plantstream.config.Config;
import io.plantstream.config.ConfigException;
import io.plantstream.config.ConfigSource;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Starts a collector from the environment (COLLECTOR_*) and --key=value arguments. */
public final class CollectorMain {
    private static final Logger LOG = LoggerFactory.getLogger(CollectorMain.class);

    private CollectorMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        CollectorService service;
        try {
            Config config = CollectorConfig.CATALOGUE.resolve(new ConfigSource().withArguments(args)
                    .withEnvironment(CollectorConfig.CATALOGUE, System.getenv()));
            LOG.info("Effective configuration:{}{}", System.lineSeparator(), config.describe());
            service = CollectorService.start(config);
        } catch (ConfigException e) {
            System.err.println(e.getMessage());
            System.err.println("Settings:" + System.lineSeparator() + CollectorConfig.CATALOGUE.help());
            System.exit(2);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            service.close();
            stopped.countDown();
        }, "collector-shutdown"));
        stopped.await();
    }
}
