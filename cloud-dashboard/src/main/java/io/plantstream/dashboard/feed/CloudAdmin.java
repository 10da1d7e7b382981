package io.plantstream.dashboard.feed;

import io.plantstream.events.CloudTopics;
import io.plantstream.events.Topic;
import io.plantstream.events.Topics;
import io.plantstream.events.admin.TopicProvisioner;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;

/** Creates the dashboard's topics in the cloud, and a site's command topic before its first command. */
public final class CloudAdmin {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final Map<String, Object> kafka;
    private final short replication;

    public CloudAdmin(Map<String, Object> kafka, int replication) {
        this.kafka = Map.copyOf(kafka);
        this.replication = (short) replication;
    }

    /** The users and audit topics, created when missing. */
    public void ensureDashboardTopics() {
        provision(DashboardTopics.ALL);
    }

    /**
     * A site's command topic, shaped like the edge's job.commands.v1 (same partitions, so a
     * machine's commands land in the same partition number at the edge).
     */
    public void ensureCommandTopic(String site) {
        provision(List.of(CloudTopics.siteCopy(site, Topics.JOB_COMMANDS)));
    }

    private void provision(Collection<Topic<?, ?>> topics) {
        try (Admin admin = Admin.create(kafka)) {
            new TopicProvisioner(admin, replication, TIMEOUT).ensure(topics);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating " + topics, e);
        } catch (TimeoutException e) {
            throw new IllegalStateException(topics + " could not be created: " + e.getMessage(), e);
        }
    }
}
