package io.plantstream.erp.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.plantstream.config.ConfigSource;
import io.plantstream.erp.ErpKafkaTest;
import io.plantstream.events.ErpOrder;
import io.plantstream.events.Topics;
import io.plantstream.testkit.kafka.TopicReader;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

/**
 * Two erp-cdc instances on one ERP: exactly one captures; when the active one loses its
 * database session (as when its process or node dies), the other takes over from the stored
 * position and no change is lost.
 */
class CaptureLeaseIT extends ErpKafkaTest {
    @Test
    void oneInstanceCapturesAndTheOtherTakesOverWithoutLosingAChange() throws Exception {
        try (ErpCdcService first = service(); ErpCdcService second = service()) {
            assertThat(first.awaitActive(60, TimeUnit.SECONDS)).isTrue();
            insertOrders(1, 10);
            await().atMost(Duration.ofSeconds(30)).until(() -> orderNumbers().size() == 10);
            assertThat(second.awaitActive(3, TimeUnit.SECONDS)).as("the second stands by").isFalse();
            assertThat(second.capture()).isNull();
            assertThat(probe(first, "/ready")).startsWith("200 ").contains("\"role\":\"active\"")
                    .contains("\"ordersPublished\":10");
            assertThat(probe(second, "/ready")).startsWith("503 ").contains("\"role\":\"stand-by\"");
            assertThat(probe(second, "/health")).as("a stand-by is alive").startsWith("200 ");

            long killedAt = System.nanoTime();
            long sessions = killLeaseHolder();
            assertThat(sessions).isEqualTo(1);
            insertOrders(11, 20);
            await().atMost(Duration.ofSeconds(30)).until(() -> first.captureFinished().isCompletedExceptionally());
            assertThat(second.awaitActive(60, TimeUnit.SECONDS)).as("the second takes over").isTrue();
            System.out.printf(java.util.Locale.ROOT, "erp-cdc take-over: stand-by active %d ms after the holder's "
                    + "session ended%n", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killedAt));
            assertThat(first.isActive()).isFalse();
            assertThat(probe(second, "/ready")).startsWith("200 ").contains("\"role\":\"active\"");
            assertThat(probe(first, "/ready")).startsWith("503 ").contains("\"role\":\"stopped\"");
            insertOrders(21, 30);

            await().atMost(Duration.ofSeconds(60)).until(() -> orderNumbers().size() == 30);
            assertThat(orderNumbers()).isEqualTo(IntStream.rangeClosed(1, 30).mapToObj(CaptureLeaseIT::orderNo)
                    .collect(Collectors.toSet()));
        }
    }

    private static ErpCdcService service() throws InterruptedException {
        Map<String, String> settings = new HashMap<>();
        settings.put("kafka.bootstrap.servers", KAFKA.bootstrapServers());
        settings.put("erp.db.host", erp.server().host());
        settings.put("erp.db.port", Integer.toString(erp.server().port()));
        settings.put("erp.cdc.user", "erp_cdc");
        settings.put("erp.cdc.password", erp.capturePassword());
        settings.put("erp.writer.user", "erp_writer");
        settings.put("erp.writer.password", erp.writerPassword());
        settings.put("work.centers", "M01");
        settings.put("cdc.topic.replication", "1");
        settings.put("http.port", "0");
        settings.put("cdc.name", "erp-cdc-lease");
        return ErpCdcService.start(ErpCdcConfig.CATALOGUE.resolve(ConfigSource.of(settings, "test")));
    }

    /** Status code and body of a probe, e.g. {@code 503 {"status":"NOT_READY",...}}. */
    private static String probe(ErpCdcService service, String path) throws Exception {
        java.net.http.HttpResponse<String> response = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + service.healthPort() + path))
                        .timeout(Duration.ofSeconds(10)).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        return response.statusCode() + " " + response.body();
    }

    /** Ends the lease holder's database session, as the database does when the holder's process dies. */
    private static long killLeaseHolder() throws Exception {
        try (Connection root = erp.root(); Statement statement = root.createStatement();
                ResultSet holder = statement.executeQuery("SELECT IS_USED_LOCK('plantstream:erp-cdc-lease')")) {
            holder.next();
            long id = holder.getLong(1);
            statement.execute("KILL CONNECTION " + id);
            return holder.wasNull() ? 0 : 1;
        }
    }

    private static void insertOrders(int from, int to) {
        for (int i = from; i <= to; i++) {
            erp.execute("INSERT INTO production_order (order_no, article, quantity, work_center, ideal_cycle_s, status)"
                    + " VALUES ('" + orderNo(i) + "', 'X', 10, 'M01', 5, 'RELEASED')");
        }
    }

    private static String orderNo(int i) {
        return "L-" + i;
    }

    private static Set<String> orderNumbers() {
        return TopicReader.read(KAFKA.clientProperties(), Topics.ERP_ORDERS.name(), "orders-" + UUID.randomUUID(),
                        new StringDeserializer(), Topics.ERP_ORDERS.valueSerde().deserializer(), Integer.MAX_VALUE,
                        Duration.ofSeconds(1)).stream()
                .map(record -> record.value()).map(ErpOrder::orderNo).collect(Collectors.toSet());
    }
}
