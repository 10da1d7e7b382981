package io.plantstream.sim;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/** The local plant's generated passwords: one file each, readable by the owner only. */
final class LocalSecrets {
    private LocalSecrets() {
    }

    static void write(Path file, String value) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, value + "\n", StandardCharsets.UTF_8);
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
