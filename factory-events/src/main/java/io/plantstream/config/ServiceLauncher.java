package io.plantstream.config;

import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How every service's main method starts: settings from --key=value arguments and the
 * environment, checked completely (on a problem: the problems and the list of settings, exit
 * status 2), the effective configuration logged with secrets masked, then the service runs
 * until the process is told to stop, and is closed cleanly.
 */
public final class ServiceLauncher {
    private static final Logger LOG = LoggerFactory.getLogger(ServiceLauncher.class);

    /** Starts a service from validated configuration. */
    @FunctionalInterface
    public interface Starter<S extends AutoCloseable> {
        S start(Config config) throws Exception;
    }

    private ServiceLauncher() {
    }

    public static <S extends AutoCloseable> void run(ConfigCatalogue catalogue, String[] args, Starter<S> starter)
            throws Exception {
        run(catalogue, args, starter, service -> { });
    }

    /** @param started runs once the service is up, e.g. to watch it for a fatal failure */
    public static <S extends AutoCloseable> void run(ConfigCatalogue catalogue, String[] args, Starter<S> starter,
            Consumer<S> started) throws Exception {
        S service;
        try {
            Config config = catalogue.resolve(new ConfigSource().withArguments(args)
                    .withEnvironment(catalogue, System.getenv()));
            LOG.info("Effective configuration:{}{}", System.lineSeparator(), config.describe());
            service = starter.start(config);
        } catch (ConfigException e) {
            System.err.println(e.getMessage());
            System.err.println("Settings:" + System.lineSeparator() + catalogue.help());
            System.exit(2);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                service.close();
            } catch (Exception e) {
                LOG.warn("Closing failed", e);
            }
            stopped.countDown();
        }, "shutdown"));
        started.accept(service);
        stopped.await();
    }
}
