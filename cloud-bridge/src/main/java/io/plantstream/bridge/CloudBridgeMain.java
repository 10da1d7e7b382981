package io.plantstream.bridge;

import io.plantstream.config.ServiceLauncher;

/** Runs the cloud bridge of one site: {@code --site=plant-a --edge.kafka.bootstrap.servers=... --cloud.kafka...}. */
public final class CloudBridgeMain {
    private CloudBridgeMain() {
    }

    public static void main(String[] args) throws Exception {
        ServiceLauncher.run(BridgeConfig.CATALOGUE, args, CloudBridge::start);
    }
}
