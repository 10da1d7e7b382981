package io.plantstream.collector.adapter;

import io.plantstream.collector.definition.MachineDefinition;
import io.plantstream.config.ConfigException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Function;
import org.apache.plc4x.java.api.authentication.PlcAuthentication;
import org.apache.plc4x.java.api.authentication.PlcUsernamePasswordAuthentication;

/**
 * How the collector connects to a secured OPC UA server: the security policy and message
 * security, its own application certificate and key (a PKCS#12 key store), the one server
 * certificate it trusts, and a user with a password. Everything is read and checked when the
 * collector starts, before any connection opens: a key store that does not open with its
 * password, one without a key, a certificate PLC4X cannot present (PLC4X always announces the
 * application URI {@value #CLIENT_APPLICATION_URI}, which strict servers compare with the
 * certificate) or a server certificate that does not parse is a start-up error naming the
 * definition.
 *
 * <p>The trusted server certificate is handed to PLC4X as a trust store of its own (PKCS#12,
 * holding only that certificate, in a temporary file readable by this user only, deleted on
 * close). The user's password travels as PLC4X authentication, never in a connection string;
 * the key store's password must go into PLC4X's connection string, which is never logged here.
 */
public final class OpcUaSecurity implements AutoCloseable {
    /** The application URI PLC4X 0.13.1 announces for itself; the client certificate must carry it. */
    public static final String CLIENT_APPLICATION_URI = "urn:apache:plc4x:client";

    private final String parameters;
    private final List<String> secrets;
    private final PlcAuthentication authentication;
    private final Path trustStore;
    private final String description;

    private OpcUaSecurity(String parameters, List<String> secrets, PlcAuthentication authentication, Path trustStore,
            String description) {
        this.parameters = parameters;
        this.secrets = secrets;
        this.authentication = authentication;
        this.trustStore = trustStore;
        this.description = description;
    }

    /**
     * The security of an OPC UA machine, or null when it has none (policy None).
     *
     * @param secret reads a secret named by a pair of keys, e.g. "keyStorePassword" for
     *        keyStorePasswordFile or keyStorePasswordEnv
     */
    public static OpcUaSecurity of(MachineDefinition machine, Function<String, String> secret) {
        String policy = machine.connection().getOrDefault("securityPolicy", "None");
        if (policy.equals("None")) {
            return null;
        }
        List<String> problems = new ArrayList<>();
        String where = machine.where();
        String keyStorePassword = secret.apply("keyStorePassword");
        if (keyStorePassword.contains("&") || keyStorePassword.contains("=")) {
            problems.add(where + ": the key store's password contains '&' or '=', which PLC4X cannot take in a "
                    + "connection string; give the key store another password");
        }
        Path keyStoreFile = Path.of(machine.connection().get("keyStoreFile"));
        checkKeyStore(keyStoreFile, keyStorePassword, where, problems);
        Path serverCertificateFile = Path.of(machine.connection().get("serverCertificateFile"));
        X509Certificate server = readCertificate(serverCertificateFile, where, problems);
        PlcAuthentication authentication = null;
        String user = machine.connection().get("user");
        if (user != null) {
            authentication = new PlcUsernamePasswordAuthentication(user, secret.apply("password"));
        }
        if (!problems.isEmpty()) {
            throw new ConfigException("machine definitions", problems);
        }
        byte[] random = new byte[16];
        new SecureRandom().nextBytes(random);
        String trustPassword = HexFormat.of().formatHex(random);
        Path trustStore = writeTrustStore(server, trustPassword, machine.id());
        String messageSecurity = machine.connection().getOrDefault("messageSecurity", "SIGN_ENCRYPT");
        String parameters = "security-policy=" + policy + "&message-security=" + messageSecurity
                + "&key-store-file=" + keyStoreFile.toAbsolutePath() + "&key-store-type=pkcs12&key-store-password="
                + keyStorePassword + "&server-certificate-file=" + serverCertificateFile.toAbsolutePath()
                + "&trust-store-file=" + trustStore + "&trust-store-type=pkcs12&trust-store-password=" + trustPassword;
        String description = policy + " " + messageSecurity + ", trusting " + server.getSubjectX500Principal().getName()
                + (user == null ? "" : ", as " + user);
        List<String> secrets = new ArrayList<>(List.of(keyStorePassword, trustPassword));
        if (authentication instanceof PlcUsernamePasswordAuthentication login) {
            secrets.add(login.getPassword());
        }
        secrets.removeIf(String::isEmpty);
        return new OpcUaSecurity(parameters, List.copyOf(secrets), authentication, trustStore, description);
    }

    /** The connection URL for PLC4X: {@code url} with the security parameters (holds a secret: never log it). */
    String connectionUrl(String url) {
        return url + (url.contains("?") ? "&" : "?") + parameters;
    }

    /** {@code text} with every secret of this connection replaced by "***" (for messages from PLC4X). */
    String redact(String text) {
        String redacted = text;
        for (String secret : secrets) {
            redacted = redacted.replace(secret, "***");
        }
        return redacted;
    }

    /** The user and password, or null to connect anonymously. */
    PlcAuthentication authentication() {
        return authentication;
    }

    /** Policy, message security, the trusted server, the user: for logs and the health endpoint. */
    public String describe() {
        return description;
    }

    @Override
    public void close() {
        try {
            Files.deleteIfExists(trustStore);
        } catch (IOException e) {
            // a temporary file of public certificates; the system cleans its temporary folder
        }
    }

    private static void checkKeyStore(Path file, String password, String where, List<String> problems) {
        KeyStore store;
        try (InputStream in = Files.newInputStream(file)) {
            store = KeyStore.getInstance("PKCS12");
            store.load(in, password.toCharArray());
        } catch (IOException | GeneralSecurityException e) {
            problems.add(where + ": keyStoreFile " + file + " cannot be opened with its password: " + e.getMessage());
            return;
        }
        try {
            List<String> aliases = Collections.list(store.aliases());
            if (aliases.isEmpty() || !(store.getKey(aliases.get(0), password.toCharArray()) instanceof PrivateKey)) {
                problems.add(where + ": keyStoreFile " + file + " holds no private key as its first entry (PLC4X takes "
                        + "the first entry as the collector's certificate and key)");
                return;
            }
            X509Certificate certificate = (X509Certificate) store.getCertificate(aliases.get(0));
            certificate.checkValidity();
            if (!applicationUris(certificate).contains(CLIENT_APPLICATION_URI)) {
                problems.add(where + ": the certificate in keyStoreFile " + file + " does not name the application URI "
                        + CLIENT_APPLICATION_URI + " (subject alternative name), which PLC4X announces; servers refuse "
                        + "such a certificate");
            }
        } catch (GeneralSecurityException e) {
            problems.add(where + ": keyStoreFile " + file + ": " + e.getMessage());
        }
    }

    private static List<String> applicationUris(X509Certificate certificate) throws GeneralSecurityException {
        List<String> uris = new ArrayList<>();
        Collection<List<?>> names = certificate.getSubjectAlternativeNames();
        if (names != null) {
            for (List<?> name : names) {
                if (name.size() == 2 && Integer.valueOf(6).equals(name.get(0))) {
                    uris.add(String.valueOf(name.get(1)));
                }
            }
        }
        return uris;
    }

    private static X509Certificate readCertificate(Path file, String where, List<String> problems) {
        try (InputStream in = Files.newInputStream(file)) {
            X509Certificate certificate = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(in);
            certificate.checkValidity();
            return certificate;
        } catch (IOException | GeneralSecurityException e) {
            problems.add(where + ": serverCertificateFile " + file + " is not a valid X.509 certificate (DER or PEM): "
                    + e.getMessage());
            return null;
        }
    }

    private static Path writeTrustStore(X509Certificate server, String password, String machineId) {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setCertificateEntry("server", server);
            Path file = Files.createTempFile("opcua-trust-" + machineId + "-", ".p12",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            file.toFile().deleteOnExit();
            try (OutputStream out = Files.newOutputStream(file)) {
                store.store(out, password.toCharArray());
            }
            return file;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot write the trust store of " + machineId + ": " + e.getMessage(), e);
        }
    }
}
