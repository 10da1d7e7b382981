package io.plantstream.collector.app;

import io.plantstream.config.ServiceLauncher;

/** Starts a collector from the environment (COLLECTOR_*) and --key=value arguments. */
public final class CollectorMain {
    private CollectorMain() {
    }

    public static void main(String[] args) throws Exception {
        ServiceLauncher.run(CollectorConfig.CATALOGUE, args, CollectorService::start);
    }
}
