package io.plantstream.streams.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.plantstream.testkit.junit.KafkaClusterExtension;
import java.nio.file.Path;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two job-streams instances with standby replicas share four machines; one is killed with
 * SIGKILL in the middle of the shift. The other takes over its machines from its warm standby
 * copies and every machine's final OEE and job state are those of an uninterrupted run (the
 * Vorne figures), each final record once. The time from the kill until the survivor has
 * processed the hour sent after it is logged.
 */
class JobStreamsFailoverIT {
    @RegisterExtension
    static final KafkaClusterExtension KAFKA = KafkaClusterExtension.singleBroker();

    @TempDir
    static Path dir;

    private static KafkaProducer<String, byte[]> producer;

    @BeforeAll
    static void topics() throws Exception {
        producer = StreamsKafka.provision(KAFKA, (short) 1);
    }

    @AfterAll
    static void closeProducer() {
        producer.close();
    }

    @Test
    void oneOfTwoInstancesKilledMidShiftLeavesEveryMachineExact() throws Exception {
        ShiftUnderFault.Recovery recovery = new ShiftUnderFault(KAFKA, producer, dir, (short) 1).run(2, instances -> {
            instances.get(0).kill();
            return "instance a killed";
        });
        assertThat(recovery.caughtUpAfter()).as("taken over after the group noticed the loss").isPositive();
    }
}
