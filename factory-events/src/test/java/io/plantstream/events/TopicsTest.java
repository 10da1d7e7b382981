package io.plantstream.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import org.junit.jupiter.api.Test;

class TopicsTest {

    @Test
    void everyEventTopicHasItsDeadLetterTopicAndNamesAreUnique() {
        assertThat(new HashSet<>(Topics.names())).hasSameSizeAs(Topics.names());
        for (Topic<?, ?> topic : Topics.eventTopics()) {
            assertThat(Topics.byName(topic.name() + Topic.DLQ_SUFFIX)).as(topic.name()).isPresent();
            assertThat(topic.name()).matches("[a-z]+(\\.[a-z]+)*\\.v[0-9]+");
        }
        assertThat(Topics.all()).hasSize(2 * Topics.eventTopics().size());
    }

    @Test
    void everyEventTopicCarriesFactoryEvents() {
        assertThat(Topics.eventTopics()).allSatisfy(topic ->
                assertThat(FactoryEvent.class).isAssignableFrom(topic.valueType()));
    }

    @Test
    void compactedTopicsAreKeyedByTheirEntity() {
        assertThat(Topics.ERP_ORDERS.cleanup()).isEqualTo(CleanupPolicy.COMPACT);
        assertThat(Topics.JOB_STATE.cleanup()).isEqualTo(CleanupPolicy.COMPACT);
        assertThat(Topics.OEE.keyType()).isEqualTo(OeeKey.class);
        assertThat(Topics.MACHINE_STATE.cleanup().configValue()).isEqualTo("compact,delete");
    }

    @Test
    void aDeadLetterTopicHasNoDeadLetterTopic() {
        assertThatThrownBy(() -> Topics.OEE.deadLetter().deadLetter())
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("oee.v1.dlq is a dead-letter topic already");
    }
}
