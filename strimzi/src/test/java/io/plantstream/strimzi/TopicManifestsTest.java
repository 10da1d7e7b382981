package io.plantstream.strimzi;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.plantstream.events.Topic;
import io.plantstream.events.Topics;
import io.plantstream.events.admin.TopicProvisioner;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The KafkaTopic manifests are exactly the topic catalogue, and valid Strimzi resources. */
class TopicManifestsTest {
    private static final CrdSchemaValidator KAFKA_TOPIC = CrdSchemaValidator.forKind("KafkaTopic");

    @Test
    void theCommittedManifestsAreTheCatalogue() throws Exception {
        String committed = Files.readString(Manifests.module().resolve("base/kafka-topics.yaml"));
        assertThat(committed).as("regenerate with io.plantstream.strimzi.TopicManifests")
                .isEqualTo(TopicManifests.render());
    }

    @Test
    void everyCatalogueTopicHasItsManifestAndNothingElse() {
        assertThat(crossCheck(Manifests.read(Manifests.module().resolve("base/kafka-topics.yaml")))).isEmpty();
    }

    @Test
    void everyManifestValidatesStrictly() {
        for (Manifests.Resource resource : Manifests.read(Manifests.module().resolve("base/kafka-topics.yaml"))) {
            assertThat(KAFKA_TOPIC.validate(resource.body(), resource.where())).as(resource.where()).isEmpty();
        }
    }

    @Test
    void aTypoIsNamedWithFileAndField() {
        String yaml = TopicManifests.render().replaceFirst("  partitions: 6", "  partition: 6");
        Manifests.Resource first = Manifests.parse("kafka-topics.yaml", yaml).get(0);
        assertThat(KAFKA_TOPIC.validate(first.body(), first.where())).containsExactly(
                "kafka-topics.yaml document 1 (KafkaTopic machine.state.v1): unknown field spec.partition "
                        + "(known: config, partitions, replicas, topicName)");
    }

    @Test
    void aMissingOrExtraTopicIsNamed() {
        String yaml = TopicManifests.render().replace("topicName: alerts.v1.dlq", "topicName: alerts.v2.dlq");
        assertThat(crossCheck(Manifests.parse("kafka-topics.yaml", yaml))).containsExactlyInAnyOrder(
                "catalogue topic alerts.v1.dlq has no KafkaTopic",
                "kafka-topics.yaml document 26 (KafkaTopic alerts.v1.dlq) declares alerts.v2.dlq, "
                        + "which is not in the catalogue");
    }

    /** Differences between the catalogue and the manifests, each named. */
    static List<String> crossCheck(List<Manifests.Resource> resources) {
        Map<String, Manifests.Resource> byTopic = new TreeMap<>();
        List<String> problems = new ArrayList<>();
        for (Manifests.Resource resource : resources) {
            String topic = resource.body().path("spec").path("topicName").asText(resource.name());
            if (Topics.byName(topic).isEmpty()) {
                problems.add(resource.where() + " declares " + topic + ", which is not in the catalogue");
            }
            byTopic.put(topic, resource);
        }
        for (Topic<?, ?> topic : Topics.all()) {
            Manifests.Resource resource = byTopic.get(topic.name());
            if (resource == null) {
                problems.add("catalogue topic " + topic.name() + " has no KafkaTopic");
                continue;
            }
            JsonNode spec = resource.body().path("spec");
            if (spec.path("partitions").asInt() != topic.partitions()) {
                problems.add(resource.where() + ": partitions " + spec.path("partitions").asInt() + ", catalogue "
                        + topic.partitions());
            }
            TopicProvisioner.newTopic(topic, TopicManifests.REPLICAS).configs().forEach((key, value) -> {
                if (!value.equals(spec.path("config").path(key).asText())) {
                    problems.add(resource.where() + ": config " + key + " is '" + spec.path("config").path(key).asText()
                            + "', catalogue '" + value + "'");
                }
            });
        }
        return problems;
    }
}
