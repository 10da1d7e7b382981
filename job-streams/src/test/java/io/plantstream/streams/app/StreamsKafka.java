package io.plantstream.streams.app;

import io.plantstream.events.Topic;
import io.plantstream.events.Topics;
import io.plantstream.events.admin.TopicProvisioner;
import io.plantstream.testkit.junit.KafkaClusterExtension;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** What the job-streams ITs stand on: the catalogue topics, a producer of events, the calendar of the Vorne shift. */
final class StreamsKafka {
    /** The Vorne shift: 06:00-14:00 with 60 minutes of breaks. */
    static final String CALENDAR = """
            timeZone: UTC
            patterns:
              daily:
                - name: early
                  start: "06:00"
                  end: "14:00"
                  breaks: [{start: "08:00", end: "08:15"}, {start: "10:00", end: "10:30"}, {start: "12:00", end: "12:15"}]
            default: daily
            """;

    private StreamsKafka() {
    }

    /** Creates the catalogue topics; returns an idempotent producer that keeps the order of what it sends. */
    static KafkaProducer<String, byte[]> provision(KafkaClusterExtension kafka) throws Exception {
        return provision(kafka, (short) 1);
    }

    /** As {@link #provision(KafkaClusterExtension)}, with the topics' replication factor. */
    static KafkaProducer<String, byte[]> provision(KafkaClusterExtension kafka, short replication) throws Exception {
        try (Admin admin = kafka.admin()) {
            new TopicProvisioner(admin, replication, Duration.ofSeconds(60)).ensure(Topics.all());
        }
        Map<String, Object> props = new HashMap<>(kafka.clientProperties());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1);
        return new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
    }

    /** An event on its topic, keyed as the topic is, stamped with the event's own time. */
    static <V> void send(KafkaProducer<String, byte[]> producer, Topic<String, V> topic, V event) {
        Instant time = ((io.plantstream.events.FactoryEvent) event).meta().eventTime();
        producer.send(new ProducerRecord<>(topic.name(), null, time.toEpochMilli(), topic.keyFor(event),
                topic.valueSerde().serializer().serialize(topic.name(), event)));
    }

    /** A read_committed consumer of the topic from its beginning, in its own group. */
    static <K, V> org.apache.kafka.clients.consumer.KafkaConsumer<K, V> consumer(KafkaClusterExtension kafka,
            Topic<K, V> topic, String group) {
        Map<String, Object> props = new HashMap<>(kafka.clientProperties());
        props.put(org.apache.kafka.clients.consumer.ConsumerConfig.GROUP_ID_CONFIG, group);
        props.put(org.apache.kafka.clients.consumer.ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(org.apache.kafka.clients.consumer.ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        org.apache.kafka.clients.consumer.KafkaConsumer<K, V> consumer = new org.apache.kafka.clients.consumer
                .KafkaConsumer<>(props, topic.keySerde().deserializer(), topic.valueSerde().deserializer());
        consumer.subscribe(java.util.List.of(topic.name()));
        return consumer;
    }
}
