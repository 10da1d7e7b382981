package io.plantstream.testkit.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.plantstream.testkit.junit.KafkaClusterExtension;
import java.time.Duration;
import java.util.ArrayList;
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

/** A broker stopped and started again comes back on its port with its data. */
class RestartableClusterIT {

    @RegisterExtension
    static final KafkaClusterExtension KAFKA = KafkaClusterExtension.singleBroker();

    @Test
    void dataSurvivesABrokerRestart() throws Exception {
        try (Admin admin = KAFKA.admin()) {
            admin.createTopics(List.of(new NewTopic("restart.check", 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
        Map<String, Object> producerProps = new HashMap<>(KAFKA.clientProperties());
        producerProps.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerProps, new StringSerializer(),
                new StringSerializer())) {
            for (int i = 0; i < 100; i++) {
                producer.send(new ProducerRecord<>("restart.check", "k", Integer.toString(i)));
            }
            producer.flush();
        }

        KAFKA.cluster().stopBroker(1);
        assertThat(KAFKA.cluster().isRunning(1)).isFalse();
        KAFKA.cluster().startBroker(1);

        List<String> values = TopicReader.read(KAFKA.clientProperties(), "restart.check", "restart-check",
                new StringDeserializer(), new StringDeserializer(), 100, Duration.ofSeconds(60))
                .stream().map(ConsumerRecord::value).toList();
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            expected.add(Integer.toString(i));
        }
        assertThat(values).containsExactlyElementsOf(expected);
    }
}
