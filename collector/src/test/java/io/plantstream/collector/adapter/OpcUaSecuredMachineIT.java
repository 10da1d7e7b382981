package io.plantstream.collector.adapter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.plantstream.collector.app.CollectorService;
import io.plantstream.collector.definition.DefinitionLoader;
import io.plantstream.collector.definition.MachineDefinition;
import io.plantstream.config.ConfigException;
import io.plantstream.events.MachineState;
import io.plantstream.events.MachineStatus;
import io.plantstream.events.Topics;
import io.plantstream.testkit.junit.KafkaClusterExtension;
import io.plantstream.testkit.opcua.OpcUaTestServer;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.milo.opcua.stack.core.util.SelfSignedCertificateBuilder;
import org.eclipse.milo.opcua.stack.core.util.SelfSignedCertificateGenerator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * OPC UA machines behind a secured Eclipse Milo server (Basic256Sha256, signed and encrypted,
 * only the collector's certificate trusted, a user with a password), into a real broker. M14 is
 * set up right and is subscribed to; M15 trusts another server certificate than the one the
 * server shows; M16 logs in with a wrong password. The two that cannot connect are reported
 * with the reason and turn OFFLINE, without a secret in any message, while M14 counts on.
 */
class OpcUaSecuredMachineIT {
    @RegisterExtension
    static final KafkaClusterExtension KAFKA = KafkaClusterExtension.singleBroker();

    private static final String KEY_STORE_PASSWORD = "ks-" + UUID.randomUUID();
    private static final String USER_PASSWORD = "op-" + UUID.randomUUID();

    private static Path dir;
    private static OpcUaTestServer plc;
    private static CollectorService collector;

    @BeforeAll
    static void start() throws Exception {
        dir = Files.createDirectories(Path.of("target", "opcua-secured-" + UUID.randomUUID()).toAbsolutePath());
        KeyPair keys = SelfSignedCertificateGenerator.generateRsaKeyPair(2048);
        X509Certificate collectorCertificate = clientCertificate(keys, OpcUaSecurity.CLIENT_APPLICATION_URI);
        writeKeyStore(dir.resolve("collector.p12"), keys, collectorCertificate, KEY_STORE_PASSWORD);
        Files.writeString(dir.resolve("collector.p12.password"), KEY_STORE_PASSWORD);
        Files.writeString(dir.resolve("operator.password"), USER_PASSWORD);
        Files.writeString(dir.resolve("wrong.password"), "not-" + USER_PASSWORD);
        plc = OpcUaTestServer.create("M14", Map.of("running", true, "fault", false, "good", 500, "scrap", 5))
                .secured(List.of(collectorCertificate), "operator", USER_PASSWORD).start();
        Files.write(dir.resolve("server.der"), plc.certificate().getEncoded());
        KeyPair otherKeys = SelfSignedCertificateGenerator.generateRsaKeyPair(2048);
        Files.write(dir.resolve("impostor.der"), new SelfSignedCertificateBuilder(otherKeys)
                .setCommonName("another machine").setApplicationUri("urn:plantstream:test-plc").build().getEncoded());

        Files.createDirectories(dir.resolve("machines"));
        Files.writeString(dir.resolve("machines").resolve("m15.yaml"), definition("M15", "impostor.der",
                "operator.password"));
        Files.writeString(dir.resolve("machines").resolve("m16.yaml"), definition("M16", "server.der",
                "wrong.password"));
        collector = MachineTestSupport.collector(KAFKA, dir, "m14.yaml", definition("M14", "server.der",
                "operator.password"));
    }

    @AfterAll
    static void stop() throws Exception {
        MachineTestSupport.closeAll(collector, plc);
    }

    @Test
    void readsOverASignedAndEncryptedChannelAndRefusesWhatItCannotTrust() throws Exception {
        await().atMost(Duration.ofSeconds(60)).until(() -> collector.reading("M14"));
        plc.set("good", 507);
        plc.set("scrap", 6);
        await().atMost(Duration.ofSeconds(30)).until(() -> produced("M14") == 7);
        assertThat(MachineTestSupport.read(KAFKA, Topics.MACHINE_STATE).stream()
                .filter(s -> s.machineId().equals("M14")).findFirst().map(MachineState::state))
                .contains(MachineStatus.RUNNING);
        JsonNode m14 = MachineTestSupport.machineHealth(collector, "M14");
        assertThat(m14.get("mode").asText()).isEqualTo("subscription");
        assertThat(m14.get("security").asText()).startsWith("Basic256Sha256 SIGN_ENCRYPT, trusting ")
                .endsWith(", as operator");

        for (String refused : List.of("M15", "M16")) {
            await(refused + " OFFLINE").atMost(Duration.ofSeconds(90)).until(() -> MachineTestSupport.read(KAFKA,
                    Topics.MACHINE_STATE).stream().anyMatch(s -> s.machineId().equals(refused)
                            && s.state() == MachineStatus.OFFLINE));
            JsonNode health = MachineTestSupport.machineHealth(collector, refused);
            assertThat(health.get("reads").asLong()).isZero();
            assertThat(health.get("problem").asText()).contains("Basic256Sha256 SIGN_ENCRYPT");
            if (refused.equals("M16")) {
                assertThat(health.get("problem").asText()).contains("a refused user or password");
            }
        }
        assertThat(produced("M15") + produced("M16")).isZero();
        String page = MachineTestSupport.healthPage(collector);
        assertThat(page).doesNotContain(KEY_STORE_PASSWORD).doesNotContain(USER_PASSWORD);
        plc.set("good", 510);
        await().atMost(Duration.ofSeconds(30)).until(() -> produced("M14") == 10);
    }

    @Test
    void aKeyStoreThatDoesNotOpenOrACertificateWithoutTheClientUriIsAStartUpError() throws Exception {
        MachineDefinition machine = DefinitionLoader.parse("m.yaml", definition("M17", "server.der",
                "operator.password")).get(0);
        assertThatThrownBy(() -> OpcUaSecurity.of(machine, name -> "wrong-password"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("m.yaml").hasMessageContaining("cannot be opened with its password");

        KeyPair keys = SelfSignedCertificateGenerator.generateRsaKeyPair(2048);
        Path other = dir.resolve("other-uri.p12");
        writeKeyStore(other, keys, clientCertificate(keys, "urn:somebody:else"), KEY_STORE_PASSWORD);
        MachineDefinition otherUri = DefinitionLoader.parse("n.yaml", definition("M18", "server.der",
                "operator.password").replace(dir.resolve("collector.p12").toString(), other.toString())).get(0);
        assertThatThrownBy(() -> OpcUaSecurity.of(otherUri, name -> name.equals("keyStorePassword")
                ? KEY_STORE_PASSWORD : USER_PASSWORD))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("does not name the application URI " + OpcUaSecurity.CLIENT_APPLICATION_URI);

        try (OpcUaSecurity security = OpcUaSecurity.of(machine, name -> name.equals("keyStorePassword")
                ? KEY_STORE_PASSWORD : USER_PASSWORD)) {
            String url = security.connectionUrl(plc.plc4xUrl());
            assertThat(security.redact("failed: " + url)).doesNotContain(KEY_STORE_PASSWORD).contains("***");
            assertThat(security.describe()).doesNotContain(KEY_STORE_PASSWORD).doesNotContain(USER_PASSWORD);
        }
    }

    private static String definition(String id, String serverCertificate, String passwordFile) {
        return """
                id: %s
                kind: opcua
                connection:
                  url: "%s"
                  timeout: 5s
                  securityPolicy: Basic256Sha256
                  keyStoreFile: "%s"
                  keyStorePasswordFile: "%s"
                  serverCertificateFile: "%s"
                  user: operator
                  passwordFile: "%s"
                poll: 100ms
                silence: 4s
                tags:
                  running: "%s"
                  fault: "%s"
                  partCounter: "%s"
                  rejectCounter: "%s"
                """.formatted(id, plc.plc4xUrl(), dir.resolve("collector.p12"), dir.resolve("collector.p12.password"),
                dir.resolve(serverCertificate), dir.resolve(passwordFile), plc.address("running"), plc.address("fault"),
                plc.address("good"), plc.address("scrap"));
    }

    private static X509Certificate clientCertificate(KeyPair keys, String applicationUri) throws Exception {
        return new SelfSignedCertificateBuilder(keys).setCommonName("plantstream collector")
                .setOrganization("Plantstream").setApplicationUri(applicationUri).addDnsName("localhost").build();
    }

    private static void writeKeyStore(Path file, KeyPair keys, X509Certificate certificate, String password)
            throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("collector", keys.getPrivate(), password.toCharArray(), new X509Certificate[] {certificate});
        try (OutputStream out = Files.newOutputStream(file)) {
            store.store(out, password.toCharArray());
        }
    }

    private static long produced(String machine) {
        return MachineTestSupport.produced(KAFKA, machine);
    }
}
