package io.plantstream.erp.cdc;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * The capture's own topics, created before the engine starts so that it needs no cluster-wide
 * rights to look up broker defaults: the position (compacted) and the schema history (kept
 * forever, one partition, as Debezium requires).
 */
public final class InternalTopics {
    private InternalTopics() {
    }

    public static void ensure(Map<String, Object> kafka, String offsetsTopic, String historyTopic, int replication,
            Duration timeout) throws InterruptedException, TimeoutException {
        try (Admin admin = Admin.create(kafka)) {
            List<NewTopic> topics = List.of(
                    new NewTopic(offsetsTopic, 1, (short) replication).configs(Map.of("cleanup.policy", "compact")),
                    new NewTopic(historyTopic, 1, (short) replication).configs(Map.of("cleanup.policy", "delete",
                            "retention.ms", "-1", "retention.bytes", "-1")));
            for (var result : admin.createTopics(topics).values().entrySet()) {
                try {
                    result.getValue().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("cannot create topic " + result.getKey() + ": "
                                + e.getCause().getMessage(), e.getCause());
                    }
                }
            }
        }
    }
}
