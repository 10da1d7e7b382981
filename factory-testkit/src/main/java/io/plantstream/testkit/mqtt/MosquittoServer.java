package io.plantstream.testkit.mqtt;

import io.plantstream.testkit.DebianPackages;
import io.plantstream.testkit.kafka.FreePorts;
import io.plantstream.testkit.kafka.Secrets;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real MQTT broker (Eclipse Mosquitto, the Debian package) as a child process on a free
 * loopback port, with one user and a random password; no anonymous access. The package is
 * installed with apt-get when it is missing and the tests run as root.
 */
public final class MosquittoServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MosquittoServer.class);
    private static final Path BINARY = Path.of("/usr/sbin/mosquitto");
    private static final Path PASSWD = Path.of("/usr/bin/mosquitto_passwd");

    private final Path dir;
    private final int port;
    private final String user = "machine";
    private final String password = Secrets.randomPassword();
    private Process process;

    private MosquittoServer(Path dir) {
        this.dir = dir;
        this.port = FreePorts.next();
    }

    public static MosquittoServer create(Path dir) {
        return new MosquittoServer(dir);
    }

    public synchronized MosquittoServer start() {
        install();
        try {
            Files.createDirectories(dir);
            Path passwords = dir.resolve("passwords");
            if (!Files.exists(passwords)) {
                DebianPackages.run(List.of(PASSWD.toString(), "-c", "-b", passwords.toString(), user, password));
            }
            Files.writeString(dir.resolve("mosquitto.conf"), "listener " + port + " 127.0.0.1\n"
                    + "allow_anonymous false\npassword_file " + passwords + "\npersistence true\npersistence_location "
                    + dir + "/\n"
                    // a reader away for a while finds everything published meanwhile (the default keeps 1,000)
                    + "max_queued_messages 1000000\nmax_queued_bytes 0\n"
                    // as root it would switch to the mosquitto user, who may not write the persistence file here
                    + ("root".equals(System.getProperty("user.name")) ? "user root\n" : ""));
            List<String> command = List.of(BINARY.toString(), "-c", dir.resolve("mosquitto.conf").toString());
            process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("mosquitto.log").toFile())).start();
            awaitPort();
            LOG.info("Mosquitto MQTT broker on 127.0.0.1:{}", port);
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start mosquitto", e);
        }
    }

    public String url() {
        return "tcp://127.0.0.1:" + port;
    }

    public String user() {
        return user;
    }

    public String password() {
        return password;
    }

    /** Stops the broker (its persisted sessions stay); {@link #start} brings it back on the same port. */
    public synchronized void stop() {
        if (process == null) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process = null;
    }

    @Override
    public void close() {
        stop();
    }

    private void awaitPort() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("mosquitto exited at start (see " + dir.resolve("mosquitto.log") + ")");
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException e) {
                try {
                    process.waitFor(50, TimeUnit.MILLISECONDS);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
        throw new IllegalStateException("mosquitto did not listen on " + port + " within 20 s");
    }

    private static void install() {
        DebianPackages.ensure(List.of(BINARY, PASSWD), "mosquitto");
    }
}
