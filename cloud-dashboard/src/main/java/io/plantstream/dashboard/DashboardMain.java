package io.plantstream.dashboard;

import io.plantstream.config.ServiceLauncher;

/** Runs the cloud dashboard: settings from {@code DASHBOARD_*} or {@code --key=value}. */
public final class DashboardMain {
    private DashboardMain() {
    }

    public static void main(String[] args) throws Exception {
        ServiceLauncher.run(DashboardConfig.CATALOGUE, args, DashboardServer::start);
    }
}
