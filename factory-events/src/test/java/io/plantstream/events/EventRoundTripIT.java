package io.plantstream.events;

import static org.assertj.core.api.Assertions.assertThat;

import io.plantstream.events.admin.TopicProvisioner;
import io.plantstream.testkit.junit.KafkaClusterExtension;
import io.plantstream.testkit.kafka.TopicReader;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Every catalogue topic exists on a real broker, and one event of every type crosses it intact. */
class EventRoundTripIT {

    @RegisterExtension
    static final KafkaClusterExtension KAFKA = KafkaClusterExtension.singleBroker();

    @BeforeAll
    static void createCatalogue() throws Exception {
        try (Admin admin = KAFKA.admin()) {
            List<String> created = new TopicProvisioner(admin, (short) 1, Duration.ofSeconds(30)).ensure(Topics.all());
            assertThat(created).containsExactlyInAnyOrderElementsOf(Topics.names());
        }
    }

    @Test
    void everyCatalogueTopicExistsWithItsCleanupPolicy() throws Exception {
        try (Admin admin = KAFKA.admin()) {
            Set<String> names = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            assertThat(names).containsAll(Topics.names());
            for (Topic<?, ?> topic : Topics.all()) {
                ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic.name());
                Config config = admin.describeConfigs(List.of(resource)).all().get(30, TimeUnit.SECONDS).get(resource);
                assertThat(config.get("cleanup.policy").value()).as(topic.name()).isEqualTo(topic.cleanup().configValue());
            }
            assertThat(new TopicProvisioner(admin, (short) 1, Duration.ofSeconds(30)).ensure(Topics.all()))
                    .as("a second run creates nothing").isEmpty();
        }
    }

    @Test
    void oneEventOfEveryTypeRoundTripsThroughKafka() {
        Map<Topic<?, ?>, Object> samples = SampleEvents.byTopic();
        assertThat(samples.keySet()).containsExactlyInAnyOrderElementsOf(Topics.eventTopics());
        samples.forEach(EventRoundTripIT::roundTrip);
    }

    @SuppressWarnings("unchecked")
    private static <K, V> void roundTrip(Topic<K, V> topic, Object sample) {
        V value = (V) sample;
        K key = topic.keyFor(value);
        Map<String, Object> producerProps = new HashMap<>(KAFKA.clientProperties());
        producerProps.put(ProducerConfig.ACKS_CONFIG, "all");
        producerProps.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        try (KafkaProducer<K, V> producer = new KafkaProducer<>(producerProps, topic.keySerde().serializer(),
                topic.valueSerde().serializer())) {
            producer.send(new ProducerRecord<>(topic.name(), key, value)).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("cannot produce to " + topic, e);
        }

        List<ConsumerRecord<K, V>> received = TopicReader.read(KAFKA.clientProperties(), topic.name(),
                "round-trip-" + topic.name(), topic.keySerde().deserializer(), topic.valueSerde().deserializer(), 1,
                Duration.ofSeconds(30));
        assertThat(received).as(topic.name()).hasSize(1);
        assertThat(received.get(0).key()).as(topic.name() + " key").isEqualTo(key);
        assertThat(received.get(0).value()).as(topic.name() + " value").isEqualTo(value);
    }
}
