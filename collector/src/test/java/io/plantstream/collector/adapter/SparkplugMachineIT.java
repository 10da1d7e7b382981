package io.plantstream.collector.adapter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.plantstream.collector.app.CollectorService;
import io.plantstream.events.MachineState;
import io.plantstream.events.MachineStatus;
import io.plantstream.events.Topics;
import io.plantstream.testkit.junit.KafkaClusterExtension;
import io.plantstream.testkit.mqtt.MosquittoServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Date;
import java.util.UUID;
import org.eclipse.tahu.message.SparkplugBPayloadEncoder;
import org.eclipse.tahu.message.model.Metric;
import org.eclipse.tahu.message.model.MetricDataType;
import org.eclipse.tahu.message.model.SparkplugBPayload;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A device publishing Sparkplug B (encoded by the reference implementation, Eclipse Tahu) to a
 * real Mosquitto broker: the BIRTH names the metrics and their aliases, DATA messages carry
 * values by alias only.
 */
class SparkplugMachineIT {
    private static final String BIRTH = "spBv1.0/plant/DBIRTH/edge1/M13";
    private static final String DATA = "spBv1.0/plant/DDATA/edge1/M13";

    @RegisterExtension
    static final KafkaClusterExtension KAFKA = KafkaClusterExtension.singleBroker();

    private static MosquittoServer mqtt;
    private static CollectorService collector;

    @BeforeAll
    static void start() throws Exception {
        Path dir = Files.createDirectories(Path.of("target", "sparkplug-" + UUID.randomUUID()).toAbsolutePath());
        mqtt = MachineTestSupport.mosquitto(dir);
        collector = MachineTestSupport.collector(KAFKA, dir, "m13.yaml", """
                id: M13
                name: Assembly cell 13
                kind: mqtt
                connection: {url: "%s", topic: "spBv1.0/plant/+/edge1/M13", format: sparkplug, user: %s,
                             passwordFile: "%s"}
                poll: 200ms
                tags: {running: Status/Running, fault: Status/Fault, partCounter: Counters/Good,
                       rejectCounter: Counters/Scrap}
                """.formatted(mqtt.url(), mqtt.user(), dir.resolve("mqtt.password")));
    }

    @AfterAll
    static void stop() throws Exception {
        MachineTestSupport.closeAll(collector, mqtt);
    }

    @Test
    void readsMetricsByNameAndAliasAndRefusesWhatIsNoSparkplug() throws Exception {
        await().atMost(Duration.ofSeconds(30)).until(() -> collector.reading("M13"));
        publish(BIRTH, payload(
                metric("Status/Running", 1L, MetricDataType.Boolean, true),
                metric("Status/Fault", 2L, MetricDataType.Boolean, false),
                metric("Counters/Good", 3L, MetricDataType.UInt32, 500L),
                metric("Counters/Scrap", 4L, MetricDataType.UInt32, 5L)));
        publish(DATA, payload(aliased(3L, MetricDataType.UInt32, 508L), aliased(4L, MetricDataType.UInt32, 6L)));
        publish(DATA, "not protobuf at all".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        publish(DATA, payload(aliased(2L, MetricDataType.Boolean, true), aliased(3L, MetricDataType.UInt32, 510L)));

        await().atMost(Duration.ofSeconds(30)).until(() -> MachineTestSupport.produced(KAFKA) == 10);
        assertThat(MachineTestSupport.read(KAFKA, Topics.MACHINE_STATE)).extracting(MachineState::state)
                .containsSubsequence(MachineStatus.RUNNING, MachineStatus.DOWN);
        await().atMost(Duration.ofSeconds(30)).until(() -> MachineTestSupport.reasons(KAFKA, Topics.MACHINE_COUNTS)
                .stream().anyMatch(r -> r.startsWith("message is not a Sparkplug B payload")));
    }

    private static Metric metric(String name, long alias, MetricDataType type, Object value) throws Exception {
        return new Metric.MetricBuilder(name, type, value).alias(alias).createMetric();
    }

    private static Metric aliased(long alias, MetricDataType type, Object value) throws Exception {
        return new Metric.MetricBuilder(alias, type, value).createMetric();
    }

    private static byte[] payload(Metric... metrics) throws Exception {
        SparkplugBPayload.SparkplugBPayloadBuilder builder = new SparkplugBPayload.SparkplugBPayloadBuilder()
                .setTimestamp(new Date());
        for (Metric metric : metrics) {
            builder.addMetric(metric);
        }
        return new SparkplugBPayloadEncoder().getBytes(builder.createPayload(), false);
    }

    private static void publish(String topic, byte[] payload) throws Exception {
        MachineTestSupport.publish(mqtt, topic, payload);
    }
}
