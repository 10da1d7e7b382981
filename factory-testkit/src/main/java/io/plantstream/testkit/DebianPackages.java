package io.plantstream.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Programs the tests need from the operating system (a broker, a browser, a display server),
 * installed with apt-get the first time they are missing when the tests run as root; otherwise a
 * clear message names the packages to install.
 */
public final class DebianPackages {
    private static final Logger LOG = LoggerFactory.getLogger(DebianPackages.class);

    private DebianPackages() {
    }

    /**
     * Makes sure every file the packages provide (a program, a font) exists, installing the
     * packages once when one is missing.
     */
    public static synchronized void ensure(List<Path> programs, String... packages) {
        if (programs.stream().allMatch(Files::isRegularFile)) {
            return;
        }
        String names = String.join(" ", packages);
        if (!"root".equals(System.getProperty("user.name"))) {
            throw new IllegalStateException(programs + " missing; install the Debian package(s) " + names);
        }
        LOG.info("Installing the Debian package(s) {} (once per machine) ...", names);
        try {
            run(install(packages));
        } catch (IllegalStateException e) {
            // a fresh machine may have no package lists yet
            run(List.of("apt-get", "update", "-q"));
            run(install(packages));
        }
        for (Path program : programs) {
            if (!Files.isRegularFile(program)) {
                throw new IllegalStateException("apt-get install " + names + " did not install " + program);
            }
        }
    }

    private static List<String> install(String... packages) {
        List<String> command = new ArrayList<>(List.of("apt-get", "install", "-y", "-q"));
        command.addAll(List.of(packages));
        return command;
    }

    /** Runs a program to its end; fails with its output when it exits with an error. */
    public static void run(List<String> command) {
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
            builder.environment().put("DEBIAN_FRONTEND", "noninteractive");
            Process process = builder.start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (process.waitFor() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed:\n" + output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + command.get(0), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
