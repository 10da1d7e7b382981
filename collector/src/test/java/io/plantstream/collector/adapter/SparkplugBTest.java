package io.plantstream.collector.adapter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.tahu.message.SparkplugBPayloadEncoder;
import org.eclipse.tahu.message.model.Metric;
import org.eclipse.tahu.message.model.MetricDataType;
import org.eclipse.tahu.message.model.SparkplugBPayload;
import org.junit.jupiter.api.Test;

/** Payloads encoded by the Sparkplug reference implementation (Eclipse Tahu), read back by the collector. */
class SparkplugBTest {

    @Test
    void readsEveryScalarTypeAsTheReferenceImplementationWritesIt() throws Exception {
        Date time = new Date(1_764_050_000_000L);
        SparkplugBPayload payload = new SparkplugBPayload.SparkplugBPayloadBuilder().setTimestamp(time)
                .addMetric(metric("Int8", MetricDataType.Int8, (byte) -5))
                .addMetric(metric("Int16", MetricDataType.Int16, (short) -300))
                .addMetric(metric("Int32", MetricDataType.Int32, -70_000))
                .addMetric(metric("Int64", MetricDataType.Int64, -5_000_000_000L))
                .addMetric(metric("UInt16", MetricDataType.UInt16, 65_535))
                .addMetric(metric("UInt32", MetricDataType.UInt32, 4_294_967_295L))
                .addMetric(metric("Float", MetricDataType.Float, 21.5f))
                .addMetric(metric("Double", MetricDataType.Double, 1234.5678))
                .addMetric(metric("Boolean", MetricDataType.Boolean, true))
                .addMetric(metric("String", MetricDataType.String, "E-Stop"))
                .createPayload();
        SparkplugB.Payload read = SparkplugB.decode(new SparkplugBPayloadEncoder().getBytes(payload, false));
        assertThat(read.timestamp()).isEqualTo(time.getTime());
        Map<String, Object> values = new LinkedHashMap<>();
        read.metrics().forEach(m -> values.put(m.name(), m.value()));
        assertThat(values).containsOnly(
                Map.entry("Int8", -5L), Map.entry("Int16", -300L), Map.entry("Int32", -70_000L),
                Map.entry("Int64", -5_000_000_000L), Map.entry("UInt16", 65_535L), Map.entry("UInt32", 4_294_967_295L),
                Map.entry("Float", 21.5f), Map.entry("Double", 1234.5678), Map.entry("Boolean", true),
                Map.entry("String", "E-Stop"));
    }

    @Test
    void keepsAliasesAndNulls() throws Exception {
        Metric aliased = new Metric.MetricBuilder("Counters/Good", MetricDataType.UInt32, 17L).alias(3L).createMetric();
        Metric empty = new Metric.MetricBuilder("Alarm/Text", MetricDataType.String, null).createMetric();
        SparkplugBPayload payload = new SparkplugBPayload.SparkplugBPayloadBuilder().addMetric(aliased).addMetric(empty)
                .createPayload();
        SparkplugB.Payload read = SparkplugB.decode(new SparkplugBPayloadEncoder().getBytes(payload, false));
        assertThat(read.metrics()).extracting(SparkplugB.Metric::alias).containsExactly(3L, null);
        assertThat(read.metrics().get(1).value()).isNull();
    }

    @Test
    void refusesWhatIsNoProtobuf() {
        assertThatThrownBy(() -> SparkplugB.decode(new byte[] {(byte) 0x0a, (byte) 0xff, 0x01}))
                .isInstanceOf(java.io.IOException.class);
    }

    private static Metric metric(String name, MetricDataType type, Object value) throws Exception {
        return new Metric.MetricBuilder(name, type, value).createMetric();
    }
}
