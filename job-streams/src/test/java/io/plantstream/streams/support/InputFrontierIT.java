package io.plantstream.streams.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.plantstream.events.Topics;
import io.plantstream.events.admin.TopicProvisioner;
import io.plantstream.testkit.junit.KafkaClusterExtension;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The frontier lists a real broker's end offsets and tells records on it a task has not received. */
class InputFrontierIT {
    @RegisterExtension
    static final KafkaClusterExtension KAFKA = KafkaClusterExtension.singleBroker();

    @Test
    void recordsOnTheBrokerBeyondWhatATaskReceivedArePending() throws Exception {
        try (Admin admin = KAFKA.admin()) {
            new TopicProvisioner(admin, (short) 1, Duration.ofSeconds(60)).ensure(List.of(Topics.MACHINE_COUNTS));
        }
        TopicPartition counts = new TopicPartition(Topics.MACHINE_COUNTS.name(), 3);
        Map<String, Object> props = new HashMap<>(KAFKA.clientProperties());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props, new StringSerializer(),
                new StringSerializer());
                InputFrontier frontier = InputFrontier.listing(KAFKA.clientProperties(), List.of(Topics.MACHINE_COUNTS),
                        Duration.ofMillis(200))) {
            for (int i = 0; i < 5; i++) {
                producer.send(new ProducerRecord<>(counts.topic(), counts.partition(), "M01", "count " + i)).get();
            }
            assertThat(frontier.pending(counts)).as("nothing received yet: unknown, not pending").isFalse();

            frontier.received(counts).record(1);
            await("the listed end (5) past the next offset received (2)").atMost(Duration.ofSeconds(30))
                    .until(() -> frontier.pending(counts));
            frontier.received(counts).record(4);
            assertThat(frontier.pending(counts)).as("every record received").isFalse();

            producer.send(new ProducerRecord<>(counts.topic(), counts.partition(), "M01", "count 5")).get();
            await("a record written after it").atMost(Duration.ofSeconds(30)).until(() -> frontier.pending(counts));
            frontier.received(counts).forget();
            assertThat(frontier.pending(counts)).as("forgotten: unknown again").isFalse();
        }
    }
}
