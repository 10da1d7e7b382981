package io.plantstream.erp.app;

import io.plantstream.config.Config;
import io.plantstream.config.ConfigException;
import io.plantstream.config.ConfigSource;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts erp-cdc from the environment (ERP_CDC_*) and --key=value arguments. Exits with status 1
 * when the capture fails for good, so the orchestrator restarts it from the stored position.
 */
public final class ErpCdcMain {
    private static final Logger LOG = LoggerFactory.getLogger(ErpCdcMain.class);

    private ErpCdcMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        Config config;
        ErpCdcService service;
        try {
            config = ErpCdcConfig.CATALOGUE.resolve(new ConfigSource().withArguments(args)
                    .withEnvironment(ErpCdcConfig.CATALOGUE, System.getenv()));
            LOG.info("Effective configuration:{}{}", System.lineSeparator(), config.describe());
            service = ErpCdcService.start(config);
        } catch (ConfigException e) {
            System.err.println(e.getMessage());
            System.err.println("Settings:" + System.lineSeparator() + ErpCdcConfig.CATALOGUE.help());
            System.exit(2);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            service.close();
            stopped.countDown();
        }, "erp-cdc-shutdown"));
        service.captureFinished().whenComplete((ignored, error) -> {
            if (error != null) {
                LOG.error("Order capture failed; exiting so that it restarts from the stored position", error);
                System.exit(1);
            }
        });
        stopped.await();
    }
}
