package io.plantstream.events;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Topic names in the cloud Kafka. Every edge topic arrives there prefixed with its site alias
 * ({@code plant-a.oee.v1}), so one cloud cluster and one dashboard serve many plants, and a
 * site's rights in the cloud are one topic prefix. Job commands issued in the cloud are written
 * to the site's own command topic ({@code plant-a.job.commands.v1}); the cloud bridge carries
 * them to the edge's {@link Topics#JOB_COMMANDS}, where they are read beside the commands issued
 * at the edge.
 */
public final class CloudTopics {

    /** A site alias: lower case letters, digits and dashes, starting with a letter, no dots. */
    public static final Pattern SITE = Pattern.compile("[a-z][a-z0-9-]{0,30}");

    private static final String SEPARATOR = ".";

    private CloudTopics() {
    }

    /** A site's copy of an edge topic in the cloud, e.g. {@code plant-a.machine.state.v1}. */
    public static String remote(String site, Topic<?, ?> topic) {
        return prefix(site) + topic.name();
    }

    /** What every cloud topic of a site starts with, e.g. {@code plant-a.}. */
    public static String prefix(String site) {
        return checkSite(site) + SEPARATOR;
    }

    /** A site's copy of an edge topic as a typed descriptor: the same types and storage, the cloud's name. */
    public static <K, V> Topic<K, V> siteCopy(String site, Topic<K, V> topic) {
        return new Topic<>(remote(site, topic), topic.keyType(), topic.valueType(), topic.cleanup(), topic.partitions(),
                topic.retention(), topic::keyFor);
    }

    /** Where the cloud writes job commands for one site. */
    public static String commands(String site) {
        return remote(site, Topics.JOB_COMMANDS);
    }

    /** The site and edge topic of a cloud topic name, when it is a site's copy of a catalogue topic. */
    public static Optional<SiteTopic> parse(String cloudTopic) {
        int dot = cloudTopic.indexOf(SEPARATOR);
        if (dot <= 0) {
            return Optional.empty();
        }
        String site = cloudTopic.substring(0, dot);
        if (!SITE.matcher(site).matches()) {
            return Optional.empty();
        }
        return Topics.byName(cloudTopic.substring(dot + 1))
                .filter(topic -> !topic.isDeadLetter())
                .map(topic -> new SiteTopic(site, topic));
    }

    /** Returns the alias when it is a valid site alias. */
    public static String checkSite(String site) {
        if (site == null || !SITE.matcher(site).matches()) {
            throw new IllegalArgumentException("site alias '" + site + "' must match " + SITE.pattern()
                    + " (lower case letters, digits, dashes; no dots)");
        }
        return site;
    }

    /** A cloud topic seen as the site it belongs to and the edge topic it copies. */
    public record SiteTopic(String site, Topic<?, ?> topic) {
    }
}
