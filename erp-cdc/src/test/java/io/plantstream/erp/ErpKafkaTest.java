package io.plantstream.erp;

import io.plantstream.testkit.junit.KafkaClusterExtension;
import org.apache.kafka.clients.producer.Producer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What the erp-cdc integration tests stand on: for each test class a real broker with the
 * catalogue topics, a real MariaDB with the sample ERP schema and erp-cdc's users, and an
 * idempotent producer for feeding records in.
 */
public abstract class ErpKafkaTest {
    @RegisterExtension
    protected static final KafkaClusterExtension KAFKA = KafkaClusterExtension.singleBroker();

    protected static ErpTestDatabase erp;
    protected static Producer<byte[], byte[]> producer;

    @BeforeAll
    static void startDatabaseBesideBroker() throws Exception {
        erp = ErpTestDatabase.startBeside(KAFKA);
        producer = ErpTestDatabase.producer(KAFKA);
    }

    @AfterAll
    static void stopDatabase() {
        if (producer != null) {
            producer.close();
        }
        if (erp != null) {
            erp.close();
        }
    }
}
