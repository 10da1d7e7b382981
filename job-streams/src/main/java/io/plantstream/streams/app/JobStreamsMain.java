package io.plantstream.streams.app;

import io.plantstream.config.Config;
import io.plantstream.config.ConfigException;
import io.plantstream.config.ConfigSource;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Starts job-streams from the environment (JOB_STREAMS_*) and --key=value arguments. */
public final class JobStreamsMain {
    private static final Logger LOG = LoggerFactory.getLogger(JobStreamsMain.class);

    private JobStreamsMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        Config config;
        try {
            config = JobStreamsConfig.CATALOGUE.resolve(new ConfigSource().withArguments(args)
                    .withEnvironment(JobStreamsConfig.CATALOGUE, System.getenv()));
        } catch (ConfigException e) {
            System.err.println(e.getMessage());
            System.err.println("Settings:" + System.lineSeparator() + JobStreamsConfig.CATALOGUE.help());
            System.exit(2);
            return;
        }
        LOG.info("Effective configuration:{}{}", System.lineSeparator(), config.describe());
        JobStreamsService service = JobStreamsService.start(config);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            service.close();
            stopped.countDown();
        }, "job-streams-shutdown"));
        stopped.await();
    }
}
