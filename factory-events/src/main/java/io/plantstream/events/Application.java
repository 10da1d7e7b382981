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
 * @param mirror whether it copies what it reads to another cluster (MirrorMaker 2): it then also
 *        reads the settings of the topics it reads and may see every consumer group's position,
 *        to carry both across
 */
public record Application(String name, List<Topic<?, ?>> reads, List<Topic<?, ?>> writes, String groupPrefix,
        String internalPrefix, boolean mirror) {

    public Application(String name, List<Topic<?, ?>> reads, List<Topic<?, ?>> writes, String groupPrefix,
            String internalPrefix) {
        this(name, reads, writes, groupPrefix, internalPrefix, false);
    }

    public Application {
        Objects.requireNonNull(name, "name");
        reads = List.copyOf(reads);
        writes = List.copyOf(writes);
        Objects.requireNonNull(groupPrefix, "groupPrefix");
    }
}
