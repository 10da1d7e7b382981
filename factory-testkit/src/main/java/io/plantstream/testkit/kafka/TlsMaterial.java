package io.plantstream.testkit.kafka;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A self-signed key pair for 127.0.0.1 and localhost, and a trust store holding its
 * certificate, made with the JDK's keytool. Good for brokers on this machine only.
 */
public record TlsMaterial(Path keyStore, Path trustStore, String password) {

    private static final String KEY_ALIAS = "broker";

    public static TlsMaterial generate(Path dir) {
        try {
            Files.createDirectories(dir);
            String password = Secrets.randomPassword();
            Path keyStore = dir.resolve("broker.p12");
            Path certificate = dir.resolve("broker.crt");
            Path trustStore = dir.resolve("truststore.p12");
            keytool("-genkeypair", "-alias", KEY_ALIAS, "-keyalg", "EC", "-groupname", "secp256r1",
                    "-dname", "CN=localhost", "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-validity", "3650",
                    "-keystore", keyStore.toString(), "-storetype", "PKCS12",
                    "-storepass", password, "-keypass", password);
            keytool("-exportcert", "-alias", KEY_ALIAS, "-rfc", "-file", certificate.toString(),
                    "-keystore", keyStore.toString(), "-storepass", password);
            keytool("-importcert", "-noprompt", "-alias", "local-ca", "-file", certificate.toString(),
                    "-keystore", trustStore.toString(), "-storetype", "PKCS12", "-storepass", password);
            return new TlsMaterial(keyStore, trustStore, password);
        } catch (IOException e) {
            throw new IllegalStateException("cannot create TLS material in " + dir + ": " + e.getMessage(), e);
        }
    }

    private static void keytool(String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException("keytool did not finish within 60 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new IOException("interrupted while running keytool", e);
        }
        if (process.exitValue() != 0) {
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            throw new IOException("keytool " + args[0] + " failed: " + output.strip());
        }
    }
}
