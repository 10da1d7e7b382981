package io.plantstream.testkit.opcua;

import io.plantstream.testkit.kafka.FreePorts;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.eclipse.milo.opcua.sdk.core.AccessLevel;
import org.eclipse.milo.opcua.sdk.core.Reference;
import org.eclipse.milo.opcua.sdk.server.EndpointConfig;
import org.eclipse.milo.opcua.sdk.server.ManagedNamespaceWithLifecycle;
import org.eclipse.milo.opcua.sdk.server.OpcUaServer;
import org.eclipse.milo.opcua.sdk.server.OpcUaServerConfig;
import org.eclipse.milo.opcua.sdk.server.OpcUaServerConfigBuilder;
import org.eclipse.milo.opcua.sdk.server.identity.UsernameIdentityValidator;
import org.eclipse.milo.opcua.sdk.server.identity.AnonymousIdentityValidator;
import org.eclipse.milo.opcua.sdk.server.items.DataItem;
import org.eclipse.milo.opcua.sdk.server.items.MonitoredItem;
import org.eclipse.milo.opcua.sdk.server.nodes.UaFolderNode;
import org.eclipse.milo.opcua.sdk.server.nodes.UaVariableNode;
import org.eclipse.milo.opcua.sdk.server.util.SubscriptionModel;
import org.eclipse.milo.opcua.stack.core.NodeIds;
import org.eclipse.milo.opcua.stack.core.security.CertificateManager;
import org.eclipse.milo.opcua.stack.core.security.CertificateStore;
import org.eclipse.milo.opcua.stack.core.security.DefaultApplicationGroup;
import org.eclipse.milo.opcua.stack.core.security.DefaultCertificateManager;
import org.eclipse.milo.opcua.stack.core.security.DefaultServerCertificateValidator;
import org.eclipse.milo.opcua.stack.core.security.MemoryCertificateQuarantine;
import org.eclipse.milo.opcua.stack.core.security.MemoryCertificateStore;
import org.eclipse.milo.opcua.stack.core.security.MemoryTrustListManager;
import org.eclipse.milo.opcua.stack.core.security.RsaSha256CertificateFactory;
import org.eclipse.milo.opcua.stack.core.security.SecurityPolicy;
import org.eclipse.milo.opcua.stack.core.transport.TransportProfile;
import org.eclipse.milo.opcua.stack.core.types.builtin.DataValue;
import org.eclipse.milo.opcua.stack.core.types.builtin.LocalizedText;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.eclipse.milo.opcua.stack.core.types.builtin.Variant;
import org.eclipse.milo.opcua.stack.core.types.enumerated.MessageSecurityMode;
import org.eclipse.milo.opcua.stack.transport.server.tcp.OpcTcpServerTransport;
import org.eclipse.milo.opcua.stack.core.util.SelfSignedCertificateBuilder;
import org.eclipse.milo.opcua.stack.core.util.SelfSignedCertificateGenerator;
import org.eclipse.milo.opcua.stack.transport.server.tcp.OpcTcpServerTransportConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real OPC UA server (Eclipse Milo) on a free loopback port, with one folder of variables a
 * test or the simulator sets: {@code ns=2;s=<machine>/<name>}; values are Boolean, Int32 or
 * Double. By default security policy None with anonymous access, as on a closed machine
 * network; {@link #secured} makes it a server as a plant's IT would want it: one endpoint,
 * Basic256Sha256 with signed and encrypted messages, its own certificate, only the client
 * certificates it was told to trust, and a user name with a password.
 */
public final class OpcUaTestServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(OpcUaTestServer.class);
    public static final String NAMESPACE = "urn:plantstream:test-machines";
    private static final String APPLICATION_URI = "urn:plantstream:test-plc";

    private final int port = FreePorts.next();
    private final String machine;
    private final Map<String, Object> initial; // also the values kept across a restart
    private final Map<String, UaVariableNode> nodes = new ConcurrentHashMap<>();
    private OpcUaServer server;
    private Secured secured;

    /** What a secured server knows: its key and certificate, the clients it trusts, its one user. */
    private record Secured(KeyPair keyPair, X509Certificate certificate, List<X509Certificate> trustedClients,
            String user, String password) {
    }

    private OpcUaTestServer(String machine, Map<String, Object> initial) {
        this.machine = machine;
        this.initial = java.util.Collections.synchronizedMap(new LinkedHashMap<>(initial));
    }

    /** A server for one machine with variables (name to initial value: Boolean, Integer or Double). */
    public static OpcUaTestServer create(String machine, Map<String, Object> variables) {
        return new OpcUaTestServer(machine, variables);
    }

    /**
     * Serves only Basic256Sha256 with signed and encrypted messages, to clients whose application
     * certificate is among {@code trustedClients}, logged in as {@code user} with {@code password}.
     * The server makes its own key pair and self-signed certificate ({@link #certificate()}).
     */
    public synchronized OpcUaTestServer secured(List<X509Certificate> trustedClients, String user, String password) {
        try {
            KeyPair keyPair = SelfSignedCertificateGenerator.generateRsaKeyPair(2048);
            X509Certificate certificate = new SelfSignedCertificateBuilder(keyPair)
                    .setCommonName("Plantstream test machine " + machine)
                    .setOrganization("Plantstream")
                    .setApplicationUri(APPLICATION_URI)
                    .addDnsName("localhost")
                    .addIpAddress("127.0.0.1")
                    .build();
            secured = new Secured(keyPair, certificate, List.copyOf(trustedClients), user, password);
            return this;
        } catch (Exception e) {
            throw new IllegalStateException("cannot make the server's certificate: " + e.getMessage(), e);
        }
    }

    /** The server's application certificate (secured servers only). */
    public X509Certificate certificate() {
        if (secured == null) {
            throw new IllegalStateException("the server is not secured");
        }
        return secured.certificate();
    }

    public synchronized OpcUaTestServer start() {
        EndpointConfig.Builder endpoint = EndpointConfig.newBuilder()
                .setTransportProfile(TransportProfile.TCP_UASC_UABINARY)
                .setBindAddress("127.0.0.1")
                .setBindPort(port)
                .setHostname("127.0.0.1")
                .setPath("/plc");
        OpcUaServerConfigBuilder builder = OpcUaServerConfig.builder()
                .setApplicationUri(APPLICATION_URI)
                .setApplicationName(LocalizedText.english("Plantstream test machine"))
                .setProductUri("urn:plantstream");
        if (secured == null) {
            endpoint.setSecurityPolicy(SecurityPolicy.None)
                    .setSecurityMode(MessageSecurityMode.None)
                    .addTokenPolicies(OpcUaServerConfig.USER_TOKEN_POLICY_ANONYMOUS);
            builder.setIdentityValidator(AnonymousIdentityValidator.INSTANCE);
        } else {
            endpoint.setSecurityPolicy(SecurityPolicy.Basic256Sha256)
                    .setSecurityMode(MessageSecurityMode.SignAndEncrypt)
                    .setCertificate(secured.certificate())
                    .addTokenPolicies(OpcUaServerConfig.USER_TOKEN_POLICY_USERNAME);
            builder.setCertificateManager(certificateManager(secured))
                    .setIdentityValidator(new UsernameIdentityValidator(challenge ->
                            secured.user().equals(challenge.getUsername())
                                    && secured.password().equals(challenge.getPassword())));
        }
        OpcUaServerConfig config = builder.setEndpoints(Set.of(endpoint.build())).build();
        server = new OpcUaServer(config, profile -> new OpcTcpServerTransport(
                OpcTcpServerTransportConfig.newBuilder().build()));
        new MachineNamespace(server).startup();
        try {
            server.startup().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("the OPC UA server did not start: " + e.getMessage(), e);
        }
        LOG.info("OPC UA server on {} with {}", url(), initial.keySet());
        return this;
    }

    /** The server's certificate and key; only the given client certificates are trusted. */
    private static CertificateManager certificateManager(Secured secured) {
        try {
            MemoryTrustListManager trustList = new MemoryTrustListManager();
            secured.trustedClients().forEach(trustList::addTrustedCertificate);
            MemoryCertificateQuarantine quarantine = new MemoryCertificateQuarantine();
            MemoryCertificateStore store = new MemoryCertificateStore();
            store.set(NodeIds.RsaSha256ApplicationCertificateType, new CertificateStore.Entry(
                    secured.keyPair().getPrivate(), new X509Certificate[] {secured.certificate()}));
            RsaSha256CertificateFactory factory = new RsaSha256CertificateFactory() {
                @Override
                protected KeyPair createRsaSha256KeyPair() {
                    return secured.keyPair();
                }

                @Override
                protected X509Certificate[] createRsaSha256CertificateChain(KeyPair keyPair) {
                    return new X509Certificate[] {secured.certificate()};
                }
            };
            DefaultApplicationGroup group = DefaultApplicationGroup.createAndInitialize(trustList, store, factory,
                    new DefaultServerCertificateValidator(trustList, quarantine));
            return new DefaultCertificateManager(quarantine, group);
        } catch (Exception e) {
            throw new IllegalStateException("cannot set up the server's certificates: " + e.getMessage(), e);
        }
    }

    /** The PLC4X connection URL. */
    public String plc4xUrl() {
        return "opcua:tcp://127.0.0.1:" + port + "/plc?discovery=false";
    }

    public String url() {
        return "opc.tcp://127.0.0.1:" + port + "/plc";
    }

    /** The address of a variable, as a machine definition names it. */
    public String address(String name) {
        return "ns=2;s=" + machine + "/" + name;
    }

    /** Sets a variable; the value is kept across a stop and start, as a PLC keeps retained data. */
    public void set(String name, Object value) {
        node(name).setValue(new DataValue(new Variant(value)));
        initial.put(name, value);
    }

    public Object get(String name) {
        return node(name).getValue().value().value();
    }

    private UaVariableNode node(String name) {
        UaVariableNode node = nodes.get(name);
        if (node == null) {
            throw new IllegalArgumentException("no variable " + name);
        }
        return node;
    }

    public synchronized void stop() {
        if (server != null) {
            try {
                server.shutdown().get(30, TimeUnit.SECONDS);
            } catch (Exception e) {
                LOG.warn("OPC UA server shutdown failed", e);
            }
            server = null;
        }
    }

    @Override
    public void close() {
        stop();
    }

    private final class MachineNamespace extends ManagedNamespaceWithLifecycle {
        private final SubscriptionModel subscriptions;

        MachineNamespace(OpcUaServer server) {
            super(server, NAMESPACE);
            subscriptions = new SubscriptionModel(server, this);
            getLifecycleManager().addLifecycle(subscriptions);
            getLifecycleManager().addStartupTask(this::createNodes);
        }

        private void createNodes() {
            UaFolderNode folder = new UaFolderNode(getNodeContext(), newNodeId(machine), newQualifiedName(machine),
                    LocalizedText.english(machine));
            getNodeManager().addNode(folder);
            folder.addReference(new Reference(folder.getNodeId(), NodeIds.Organizes,
                    NodeIds.ObjectsFolder.expanded(), false));
            initial.forEach((name, value) -> {
                NodeId type = value instanceof Boolean ? NodeIds.Boolean
                        : value instanceof Double ? NodeIds.Double : NodeIds.Int32;
                UaVariableNode node = new UaVariableNode.UaVariableNodeBuilder(getNodeContext())
                        .setNodeId(newNodeId(machine + "/" + name))
                        .setAccessLevel(AccessLevel.READ_WRITE)
                        .setUserAccessLevel(AccessLevel.READ_WRITE)
                        .setBrowseName(newQualifiedName(name))
                        .setDisplayName(LocalizedText.english(name))
                        .setDataType(type)
                        .setTypeDefinition(NodeIds.BaseDataVariableType)
                        .build();
                node.setValue(new DataValue(new Variant(value)));
                getNodeManager().addNode(node);
                folder.addOrganizes(node);
                nodes.put(name, node);
            });
        }

        @Override
        public void onDataItemsCreated(List<DataItem> items) {
            subscriptions.onDataItemsCreated(items);
        }

        @Override
        public void onDataItemsModified(List<DataItem> items) {
            subscriptions.onDataItemsModified(items);
        }

        @Override
        public void onDataItemsDeleted(List<DataItem> items) {
            subscriptions.onDataItemsDeleted(items);
        }

        @Override
        public void onMonitoringModeChanged(List<MonitoredItem> items) {
            subscriptions.onMonitoringModeChanged(items);
        }
    }
}
