package io.plantstream.strimzi;

import static org.assertj.core.api.Assertions.assertThat;

import io.plantstream.events.Applications;
import io.plantstream.events.Topic;
import io.plantstream.streams.calendar.CalendarLoader;
import io.plantstream.streams.jobs.JobSettings;
import io.plantstream.streams.jobs.JobTopology;
import io.plantstream.streams.oee.OeeSettings;
import io.plantstream.streams.oee.OeeTopology;
import io.plantstream.streams.parameters.ParameterSettings;
import io.plantstream.streams.parameters.ParameterTopology;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyDescription;
import org.junit.jupiter.api.Test;

/** KafkaUsers are the application catalogue, valid Strimzi resources, and match what the code does. */
class UserManifestsTest {
    private static final CrdSchemaValidator KAFKA_USER = CrdSchemaValidator.forKind("KafkaUser");

    @Test
    void theCommittedManifestsAreTheApplicationCatalogue() throws Exception {
        assertThat(Files.readString(Manifests.module().resolve("base/kafka-users.yaml")))
                .as("regenerate with io.plantstream.strimzi.UserManifests").isEqualTo(UserManifests.render());
    }

    @Test
    void everyUserValidatesStrictly() {
        var users = Manifests.read(Manifests.module().resolve("base/kafka-users.yaml"));
        assertThat(users).extracting(Manifests.Resource::name)
                .containsExactly("collector", "job-streams", "erp-cdc", "andon", "cloud-bridge");
        for (Manifests.Resource user : users) {
            assertThat(KAFKA_USER.validate(user.body(), user.where())).as(user.where()).isEmpty();
        }
    }

    @Test
    void aMisspeltOperationIsNamedWithFileAndField() {
        String yaml = UserManifests.render().replaceFirst("operations: \\[Read, Describe\\]", "operations: [Reed, Describe]");
        Manifests.Resource first = Manifests.parse("kafka-users.yaml", yaml).get(0);
        assertThat(KAFKA_USER.validate(first.body(), first.where())).containsExactly(
                "kafka-users.yaml document 1 (KafkaUser collector): spec.authorization.acls[0].operations[0] 'Reed' is "
                        + "not one of [\"Read\",\"Write\",\"Create\",\"Delete\",\"Alter\",\"Describe\",\"ClusterAction\","
                        + "\"AlterConfigs\",\"DescribeConfigs\",\"IdempotentWrite\",\"All\"]");
    }

    @Test
    void jobStreamsReadsAndWritesExactlyWhatItDeclares() {
        OeeSettings settings = new OeeSettings("test", CalendarLoader.parse("c.yaml",
                "timeZone: UTC\npatterns: {p: [{name: d, start: \"06:00\", end: \"14:00\"}]}\ndefault: p\n"),
                Map.of(), 1_000_000, Duration.ofMinutes(1), Duration.ofMinutes(5), Duration.ZERO, Duration.ofMinutes(1),
                Duration.ofMinutes(10), 0.6, Duration.ofMinutes(30));
        Set<String> sources = new TreeSet<>();
        Set<String> sinks = new TreeSet<>();
        for (Topology topology : new Topology[] {OeeTopology.build(settings),
            JobTopology.build(JobSettings.immediate("test", Duration.ofMinutes(1))),
            ParameterTopology.build(new ParameterSettings("test", java.time.ZoneOffset.UTC, Duration.ofSeconds(10),
                    Duration.ofMinutes(5), 20, 0.1, Map.of(), 1_000_000))}) {
            collect(topology.describe(), sources, sinks);
        }
        sources.removeIf(name -> name.contains("-repartition"));
        sinks.removeIf(name -> name.contains("-repartition"));
        assertThat(sources).isEqualTo(names(Applications.JOB_STREAMS.reads()));
        assertThat(names(Applications.JOB_STREAMS.writes())).containsAll(sinks);
    }

    private static void collect(TopologyDescription description, Set<String> sources, Set<String> sinks) {
        for (TopologyDescription.Subtopology sub : description.subtopologies()) {
            for (TopologyDescription.Node node : sub.nodes()) {
                if (node instanceof TopologyDescription.Source source) {
                    sources.addAll(source.topicSet());
                } else if (node instanceof TopologyDescription.Sink sink && sink.topic() != null) {
                    sinks.add(sink.topic());
                }
            }
        }
        description.globalStores().forEach(store -> sources.addAll(store.source().topicSet()));
    }

    private static Set<String> names(java.util.List<Topic<?, ?>> topics) {
        return topics.stream().map(Topic::name).collect(Collectors.toCollection(TreeSet::new));
    }
}
