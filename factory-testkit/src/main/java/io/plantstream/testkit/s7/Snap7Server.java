package io.plantstream.testkit.s7;

import io.plantstream.testkit.kafka.FreePorts;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Siemens S7 server (Snap7, through the npm package node-snap7) as a child process, with
 * data blocks the test or the simulator reads and writes on the server side. The package is
 * installed once per machine into {@code ~/.cache/plantstream} with the machine's npm. A
 * restart starts with zeroed data blocks, as a PLC restart would.
 */
public final class Snap7Server implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Snap7Server.class);
    private static final String PACKAGE = "node-snap7@1.0.9";
    private static final long TIMEOUT_SECONDS = 30;

    private final int port;
    private final Map<Integer, Integer> blocks;
    private Process process;
    private Writer commands;
    private final BlockingQueue<String> replies = new ArrayBlockingQueue<>(64);

    private Snap7Server(int port, Map<Integer, Integer> blocks) {
        this.port = port;
        this.blocks = blocks;
    }

    /** A server on a free port with data blocks of the given sizes (DB number to bytes). */
    public static Snap7Server create(Map<Integer, Integer> blocks) {
        return new Snap7Server(FreePorts.next(), new LinkedHashMap<>(blocks));
    }

    public synchronized Snap7Server start() {
        Path home = installation();
        List<String> command = new ArrayList<>(List.of("node", home.resolve("s7-server.js").toString(),
                Integer.toString(port)));
        blocks.forEach((db, size) -> command.add(db + ":" + size));
        try {
            process = new ProcessBuilder(command).directory(home.toFile()).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start node (is Node.js installed?)", e);
        }
        replies.clear();
        commands = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        Thread reader = new Thread(() -> pump(process.getInputStream()), "snap7-" + port);
        reader.setDaemon(true);
        reader.start();
        String first = reply();
        if (!first.startsWith("READY")) {
            process.destroyForcibly();
            throw new IllegalStateException("the Snap7 server did not start: " + first);
        }
        LOG.info("Snap7 S7 server on 127.0.0.1:{} with data blocks {}", port, blocks);
        return this;
    }

    public int port() {
        return port;
    }

    /** The PLC4X connection URL of this server. */
    public String plc4xUrl() {
        return "s7://127.0.0.1:" + port + "?remote-rack=0&remote-slot=1&controller-type=S7_300";
    }

    public synchronized void write(int db, int offset, byte[] bytes) {
        String answer = command("W " + db + " " + offset + " " + HexFormat.of().formatHex(bytes));
        if (!answer.equals("OK")) {
            throw new IllegalStateException("Snap7 write failed: " + answer);
        }
    }

    public synchronized byte[] read(int db, int offset, int length) {
        String answer = command("R " + db + " " + offset + " " + length);
        if (answer.startsWith("ERR")) {
            throw new IllegalStateException("Snap7 read failed: " + answer);
        }
        return HexFormat.of().parseHex(answer);
    }

    /** Sets one bit (S7 bit addressing: byte offset, bit 0..7). */
    public synchronized void writeBit(int db, int offset, int bit, boolean value) {
        byte current = read(db, offset, 1)[0];
        byte updated = (byte) (value ? current | (1 << bit) : current & ~(1 << bit));
        write(db, offset, new byte[] {updated});
    }

    /** A DWORD/UDINT/DINT, big-endian as S7 stores it. */
    public void writeInt32(int db, int offset, int value) {
        write(db, offset, ByteBuffer.allocate(4).putInt(value).array());
    }

    public void writeInt16(int db, int offset, short value) {
        write(db, offset, ByteBuffer.allocate(2).putShort(value).array());
    }

    public void writeReal(int db, int offset, float value) {
        write(db, offset, ByteBuffer.allocate(4).putFloat(value).array());
    }

    public int readInt32(int db, int offset) {
        return ByteBuffer.wrap(read(db, offset, 4)).getInt();
    }

    public short readInt16(int db, int offset) {
        return ByteBuffer.wrap(read(db, offset, 2)).getShort();
    }

    /** Stops the server (as a PLC switched off); {@link #start} brings it back on the same port, zeroed. */
    public synchronized void stop() {
        if (process == null) {
            return;
        }
        try {
            commands.close();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (IOException e) {
            process.destroyForcibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        process = null;
    }

    @Override
    public void close() {
        stop();
    }

    private String command(String line) {
        try {
            commands.write(line + "\n");
            commands.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("the Snap7 server is not running", e);
        }
        return reply();
    }

    private String reply() {
        try {
            String line = replies.poll(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            if (line == null) {
                throw new IllegalStateException("no answer from the Snap7 server within " + TIMEOUT_SECONDS + " s");
            }
            return line;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private void pump(InputStream output) {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(output, StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                if (!replies.offer(line)) {
                    LOG.warn("Snap7 server output dropped: {}", line);
                }
            }
        } catch (IOException e) {
            LOG.debug("Snap7 server output closed", e);
        }
    }

    /** node-snap7 installed once into the cache folder, with the server script beside it. */
    static synchronized Path installation() {
        Path home = Path.of(System.getProperty("user.home"), ".cache", "plantstream", "node-snap7-1.0.9");
        Path addon = home.resolve("node_modules/node-snap7/build/Release/node_snap7.node");
        try {
            if (!Files.exists(addon)) {
                Files.createDirectories(home);
                LOG.info("Installing {} into {} (once per machine) ...", PACKAGE, home);
                Process npm = new ProcessBuilder("npm", "install", "--prefix", home.toString(), "--no-audit", "--no-fund",
                        "--loglevel=error", PACKAGE).redirectErrorStream(true).start();
                String output = new String(npm.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                if (npm.waitFor() != 0 || !Files.exists(addon)) {
                    throw new IllegalStateException("npm install " + PACKAGE + " failed:\n" + output);
                }
            }
            try (InputStream script = Snap7Server.class.getResourceAsStream("/snap7/s7-server.js")) {
                Files.copy(script, home.resolve("s7-server.js"), StandardCopyOption.REPLACE_EXISTING);
            }
            return home;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot install " + PACKAGE + " (are Node.js and npm installed?)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while installing " + PACKAGE, e);
        }
    }
}
