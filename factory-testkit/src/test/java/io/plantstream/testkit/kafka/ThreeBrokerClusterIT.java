package io.plantstream.testkit.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.plantstream.testkit.junit.KafkaClusterExtension;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Three brokers, replication 3, min ISR 2: one broker stops, writes and reads go on, nothing is lost. */
class ThreeBrokerClusterIT {

    @RegisterExtension
    static final KafkaClusterExtension KAFKA = KafkaClusterExtension.threeBrokers();

    @Test
    void aStoppedBrokerCostsNoRecord() throws Exception {
        try (Admin admin = KAFKA.admin()) {
            admin.createTopics(List.of(new NewTopic("replicated", 3, (short) 3)
                    .configs(Map.of("min.insync.replicas", "2")))).all().get(60, TimeUnit.SECONDS);
        }
        Map<String, Object> props = new HashMap<>(KAFKA.clientProperties());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 120_000);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props, new StringSerializer(),
                new StringSerializer())) {
            for (int i = 0; i < 500; i++) {
                producer.send(new ProducerRecord<>("replicated", "k" + (i % 7), Integer.toString(i)));
            }
            producer.flush();
            KAFKA.cluster().stopBroker(2);
            for (int i = 500; i < 1000; i++) {
                producer.send(new ProducerRecord<>("replicated", "k" + (i % 7), Integer.toString(i)));
            }
            producer.flush();
        }

        List<String> values = TopicReader.read(KAFKA.clientProperties(), "replicated", "three-broker-check",
                new StringDeserializer(), new StringDeserializer(), 1000, Duration.ofSeconds(90))
                .stream().map(ConsumerRecord::value).toList();
        assertThat(values).hasSize(1000).doesNotHaveDuplicates();
        KAFKA.cluster().startBroker(2);
        assertThat(KAFKA.cluster().isRunning(2)).isTrue();
    }
}
