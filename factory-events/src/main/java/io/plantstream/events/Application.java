package io.plantstream.events;

import java.util.List;
import java.util.Objects;

/**
 * What one application of the platform may do on the edge Kafka: the catalogue topics it reads
 * and writes, the consumer groups it uses, and (Kafka Streams) the prefix of its internal
 * topics and transactional ids. Least privilege: its Kafka user gets exactly this.
 *
 * @param groupPrefix consumer groups (and Streams application ids) it may use start with this
 * @param internalPrefix prefix of internal topics and transactional ids, or null when it has none
 */
public record Application(String name, List<Topic<?, ?>> reads, List<Topic<?, ?>> writes, String groupPrefix,
        String internalPrefix) {

    public Application {
        Objects.requireNonNull(name, "name");
        reads = List.copyOf(reads);
        writes = List.copyOf(writes);
        Objects.requireNonNull(groupPrefix, "groupPrefix");
    }
}
