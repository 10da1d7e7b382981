package io.plantstream.erp.app;

import io.plantstream.config.ServiceLauncher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts erp-cdc from the environment (ERP_CDC_*) and --key=value arguments. Exits with status 1
 * when the capture fails for good or loses its lease, so the orchestrator restarts it from the
 * stored position.
 */
public final class ErpCdcMain {
    private static final Logger LOG = LoggerFactory.getLogger(ErpCdcMain.class);

    private ErpCdcMain() {
    }

    public static void main(String[] args) throws Exception {
        ServiceLauncher.run(ErpCdcConfig.CATALOGUE, args, ErpCdcService::start, service ->
                service.captureFinished().whenComplete((ignored, error) -> {
                    if (error != null) {
                        LOG.error("Order capture stopped; exiting so that it restarts from the stored position", error);
                        System.exit(1);
                    }
                }));
    }
}
