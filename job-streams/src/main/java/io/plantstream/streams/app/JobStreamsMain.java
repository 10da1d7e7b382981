package io.plantstream.streams.app;

import io.plantstream.config.ServiceLauncher;

/** Starts job-streams from the environment (JOB_STREAMS_*) and --key=value arguments. */
public final class JobStreamsMain {
    private JobStreamsMain() {
    }

    public static void main(String[] args) throws Exception {
        ServiceLauncher.run(JobStreamsConfig.CATALOGUE, args, JobStreamsService::start);
    }
}
