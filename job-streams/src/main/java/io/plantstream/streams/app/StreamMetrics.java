package io.plantstream.streams.app;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.streams.KafkaStreams;

/** The Kafka Streams figures an operator watches, in Prometheus' text format. */
final class StreamMetrics {
    private static final Set<String> WANTED = Set.of("process-total", "process-rate", "process-latency-avg",
            "commit-latency-avg", "commit-total", "punctuate-latency-avg", "records-lag-max", "alive-stream-threads",
            "dropped-records-total", "restore-remaining-records-total");

    private StreamMetrics() {
    }

    static String render(Map<String, KafkaStreams> apps) {
        StringBuilder text = new StringBuilder();
        apps.forEach((app, streams) -> {
            text.append("plantstream_streams_running{app=\"").append(app).append("\"} ")
                    .append(streams.state() == KafkaStreams.State.RUNNING ? 1 : 0).append('\n');
            for (Map.Entry<MetricName, ? extends Metric> entry : streams.metrics().entrySet()) {
                MetricName name = entry.getKey();
                if (!WANTED.contains(name.name()) || !(entry.getValue().metricValue() instanceof Number value)
                        || Double.isNaN(value.doubleValue())) {
                    continue;
                }
                text.append("plantstream_streams_").append(name.name().replace('-', '_')).append("{app=\"")
                        .append(app).append('"');
                name.tags().forEach((k, v) -> text.append(',').append(k.replace('-', '_')).append("=\"")
                        .append(v.replace("\"", "'")).append('"'));
                text.append("} ").append(String.format(Locale.ROOT, "%s", value)).append('\n');
            }
        });
        return text.toString();
    }
}
