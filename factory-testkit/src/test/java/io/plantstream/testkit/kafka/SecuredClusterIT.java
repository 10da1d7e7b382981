package io.plantstream.testkit.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.plantstream.testkit.junit.KafkaClusterExtension;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The secured broker: TLS, SCRAM logins and ACLs are enforced, not just configured. */
class SecuredClusterIT {

    @RegisterExtension
    static final KafkaClusterExtension KAFKA = KafkaClusterExtension.securedBroker();

    private static final String TOPIC = "secured.readings";
    private static final String READER = "reader";
    private static final String READER_PASSWORD = Secrets.randomPassword();

    @BeforeAll
    static void createTopicUserAndAcls() throws Exception {
        try (Admin admin = KAFKA.admin()) {
            admin.createTopics(List.of(new NewTopic(TOPIC, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
        KafkaUsers users = new KafkaUsers(KAFKA.cluster());
        users.createUser(READER, READER_PASSWORD);
        users.grant(List.of(
                allow(new ResourcePattern(ResourceType.TOPIC, TOPIC, PatternType.LITERAL), AclOperation.READ),
                allow(new ResourcePattern(ResourceType.GROUP, "reader-", PatternType.PREFIXED), AclOperation.READ)));
    }

    @Test
    void theAdminWritesAndTheReaderReads() throws Exception {
        try (KafkaProducer<String, String> producer = producer(KAFKA.clientProperties())) {
            producer.send(new ProducerRecord<>(TOPIC, "M01", "hello")).get(30, TimeUnit.SECONDS);
        }
        List<ConsumerRecord<String, String>> records = TopicReader.read(
                KAFKA.cluster().clientProperties(READER, READER_PASSWORD), TOPIC, "reader-1", new StringDeserializer(),
                new StringDeserializer(), 1, Duration.ofSeconds(30));
        assertThat(records).extracting(ConsumerRecord::value).containsExactly("hello");
    }

    @Test
    void theReaderMayNotWrite() {
        try (KafkaProducer<String, String> producer =
                producer(KAFKA.cluster().clientProperties(READER, READER_PASSWORD))) {
            assertThatThrownBy(() -> producer.send(new ProducerRecord<>(TOPIC, "M01", "forged")).get(30, TimeUnit.SECONDS))
                    // refused either on the send's future or, once the producer has learnt it may not
                    // write, by send itself; either way the root cause is the broker's refusal
                    .hasRootCauseInstanceOf(AuthorizationException.class);
        }
    }

    @Test
    void aWrongPasswordCannotLogIn() {
        Map<String, Object> props = new HashMap<>(KAFKA.cluster().clientProperties(READER, "not-the-password"));
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000);
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        try (Admin admin = Admin.create(props)) {
            assertThatThrownBy(() -> admin.describeCluster().clusterId().get(30, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .hasCauseInstanceOf(SaslAuthenticationException.class);
        }
    }

    @Test
    void aPlaintextClientGetsNothing() {
        Map<String, Object> props = new HashMap<>();
        props.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers());
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3_000);
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2_000);
        try (Admin admin = Admin.create(props)) {
            assertThatThrownBy(() -> admin.listTopics().names().get(30, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class);
        }
    }

    private static AclBinding allow(ResourcePattern pattern, AclOperation operation) {
        return new AclBinding(pattern, new AccessControlEntry("User:" + READER, "*", operation, AclPermissionType.ALLOW));
    }

    private static KafkaProducer<String, String> producer(Map<String, Object> base) {
        Map<String, Object> props = new HashMap<>(base);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 20_000);
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 20_000);
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        return new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
    }
}
