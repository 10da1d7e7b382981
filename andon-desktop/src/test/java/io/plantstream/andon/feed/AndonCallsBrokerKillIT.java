package io.plantstream.andon.feed;

import static org.assertj.core.api.Assertions.assertThat;

import io.plantstream.events.AndonCall;
import io.plantstream.events.AndonReason;
import io.plantstream.events.Topics;
import io.plantstream.events.admin.TopicProvisioner;
import io.plantstream.testkit.junit.KafkaClusterExtension;
import io.plantstream.testkit.kafka.TopicReader;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Operators press the Andon button while the broker leading the calls' partition is killed with
 * SIGKILL (three brokers in JVMs of their own, Kafka's default broker session time-out, as the
 * edge cluster runs): every call is confirmed to the board and is on the topic exactly once.
 */
class AndonCallsBrokerKillIT {
    private static final Logger LOG = LoggerFactory.getLogger(AndonCallsBrokerKillIT.class);
    private static final String MACHINE = "M07";
    private static final int CALLS = 20;

    @RegisterExtension
    static final KafkaClusterExtension KAFKA = KafkaClusterExtension.of(b -> b.nodes(3).ownProcesses()
            .brokerProperty("broker.session.timeout.ms", "9000")
            .brokerProperty("broker.heartbeat.interval.ms", "2000"));

    @Test
    void callsRaisedWhileTheirLeaderDiesAreEachDeliveredOnce() throws Exception {
        try (Admin admin = KAFKA.admin()) {
            new TopicProvisioner(admin, (short) 3, Duration.ofSeconds(60)).ensure(List.of(Topics.ANDON_CALLS));
        }
        List<CompletableFuture<AndonCall>> sent = new ArrayList<>();
        long killed;
        long slowest = 0;
        try (AndonCalls calls = new AndonCalls(KAFKA.clientProperties(), "hall-2", Clock.systemUTC())) {
            for (int i = 0; i < CALLS / 2; i++) {
                sent.add(calls.raise(MACHINE, AndonReason.MATERIAL));
            }
            CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
            KAFKA.cluster().killBroker(leader());
            killed = System.nanoTime();
            List<CompletableFuture<AndonCall>> during = new ArrayList<>();
            for (int i = CALLS / 2; i < CALLS; i++) {
                during.add(calls.raise(MACHINE, AndonReason.QUALITY));
            }
            for (CompletableFuture<AndonCall> call : during) {
                call.get(60, TimeUnit.SECONDS);
                slowest = Math.max(slowest, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killed));
            }
            sent.addAll(during);
        }
        LOG.info("Leader of {} killed: the {} calls raised after it were confirmed within {} ms", Topics.ANDON_CALLS.name(),
                CALLS / 2, slowest);

        List<String> onTheTopic = TopicReader.read(KAFKA.clientProperties(), Topics.ANDON_CALLS.name(), "calls-check",
                        new StringDeserializer(), Topics.ANDON_CALLS.valueSerde().deserializer(), CALLS,
                        Duration.ofSeconds(60)).stream()
                .map(ConsumerRecord::value).map(AndonCall::callId).toList();
        assertThat(onTheTopic).as("every call once").hasSize(CALLS).doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(sent.stream().map(CompletableFuture::join).map(AndonCall::callId)
                        .toList());
    }

    private static int leader() throws Exception {
        try (Admin admin = KAFKA.admin()) {
            int partition = org.apache.kafka.common.utils.Utils.toPositive(org.apache.kafka.common.utils.Utils.murmur2(
                    MACHINE.getBytes(java.nio.charset.StandardCharsets.UTF_8))) % Topics.ANDON_CALLS.partitions();
            return admin.describeTopics(List.of(Topics.ANDON_CALLS.name())).allTopicNames().get(30, TimeUnit.SECONDS)
                    .get(Topics.ANDON_CALLS.name()).partitions().get(partition).leader().id();
        }
    }
}
