package io.plantstream.erp.cdc;

import static org.assertj.core.api.Assertions.assertThat;

import io.plantstream.erp.ErpKafkaTest;
import io.plantstream.erp.ErpTestDatabase;
import io.plantstream.events.ErpOrder;
import io.plantstream.events.OrderStatus;
import io.plantstream.events.Topics;
import io.plantstream.events.dlq.DeadLetters;
import io.plantstream.testkit.kafka.TopicReader;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

/**
 * The capture against a real MariaDB (binary log) and a real broker: snapshot, inserts, updates,
 * deletes in order per order, bad rows to the DLQ, and a restart that loses no change.
 */
class OrderCaptureIT extends ErpKafkaTest {
    private static final List<String> MACHINES = List.of("M01", "M02", "M03");
    private static final ZoneId ZONE = ZoneId.of("Europe/Berlin");

    @Test
    void snapshotsExistingOrdersThenFollowsEveryChangeInOrderPerOrder() throws Exception {
        erp.execute("INSERT INTO production_order (order_no, article, quantity, work_center, ideal_cycle_s, due_date,"
                + " priority, status) VALUES ('A-1', 'BRACKET-7', 500, 'M01', 12.5, '2026-12-03', 2, 'RELEASED')");
        try (OrderCapture capture = capture("snapshot")) {
            List<ErpOrder> snapshot = orders("A-1", 1);
            assertThat(snapshot).singleElement().satisfies(order -> {
                assertThat(order.article()).isEqualTo("BRACKET-7");
                assertThat(order.quantity()).isEqualTo(500);
                assertThat(order.workCenter()).isEqualTo("M01");
                assertThat(order.idealCycleSeconds()).isEqualTo(12.5);
                assertThat(order.dueDate()).isEqualTo(LocalDate.of(2026, 12, 4).atStartOfDay(ZONE).toInstant());
                assertThat(order.priority()).isEqualTo(2);
                assertThat(order.status()).isEqualTo(OrderStatus.RELEASED);
                assertThat(order.deleted()).isFalse();
            });

            erp.execute("UPDATE production_order SET quantity = 650 WHERE order_no = 'A-1'",
                    "UPDATE production_order SET status = 'IN_PROGRESS' WHERE order_no = 'A-1'",
                    "UPDATE production_order SET work_center = 'M02' WHERE order_no = 'A-1'",
                    "DELETE FROM production_order WHERE order_no = 'A-1'");

            List<ErpOrder> all = orders("A-1", 5);
            assertThat(all).extracting(ErpOrder::quantity).containsExactly(500L, 650L, 650L, 650L, 650L);
            assertThat(all).extracting(ErpOrder::status).containsExactly(OrderStatus.RELEASED, OrderStatus.RELEASED,
                    OrderStatus.IN_PROGRESS, OrderStatus.IN_PROGRESS, OrderStatus.IN_PROGRESS);
            assertThat(all).extracting(ErpOrder::workCenter).containsExactly("M01", "M01", "M01", "M02", "M02");
            assertThat(all).extracting(ErpOrder::deleted).containsExactly(false, false, false, false, true);
            assertThat(all).extracting(order -> order.meta().eventId()).doesNotHaveDuplicates();
        }
    }

    @Test
    void refusesBadRowsWithTheReasonAndKeepsGoing() throws Exception {
        try (OrderCapture capture = capture("bad-rows")) {
            erp.execute(
                    "INSERT INTO production_order (order_no, article, quantity, work_center, ideal_cycle_s, status)"
                            + " VALUES ('B-NULL', 'X', NULL, 'M01', 10, 'RELEASED')",
                    "INSERT INTO production_order (order_no, article, quantity, work_center, ideal_cycle_s, status)"
                            + " VALUES ('B-NEG', 'X', -5, 'M01', 10, 'RELEASED')",
                    "INSERT INTO production_order (order_no, article, quantity, work_center, ideal_cycle_s, status)"
                            + " VALUES ('B-WC', 'X', 10, 'M99', 10, 'RELEASED')",
                    "INSERT INTO production_order (order_no, article, quantity, work_center, ideal_cycle_s, status)"
                            + " VALUES ('B-STATUS', 'X', 10, 'M01', 10, 'SHIPPED')",
                    "INSERT INTO production_order (order_no, article, quantity, work_center, ideal_cycle_s, status)"
                            + " VALUES ('B-GOOD', 'X', 10, 'M03', 10, 'RELEASED')");

            assertThat(orders("B-GOOD", 1)).singleElement()
                    .satisfies(order -> assertThat(order.workCenter()).isEqualTo("M03"));
            Map<String, String> reasons = deadLetterReasons(4);
            assertThat(reasons).containsEntry("B-NULL", "quantity: quantity is missing")
                    .containsEntry("B-NEG", "quantity: quantity -5.000 is not positive")
                    .containsEntry("B-WC", "work_center: work center 'M99' is not a known machine")
                    .containsEntry("B-STATUS", "status: status 'SHIPPED' is not a known order status");
            assertThat(capture.refused()).isEqualTo(4);
        }
    }

    @Test
    void losesNoChangeMadeWhileTheCaptureWasStopped() throws Exception {
        OrderCapture first = capture("restart");
        erp.execute("INSERT INTO production_order (order_no, article, quantity, work_center, ideal_cycle_s, status)"
                + " VALUES ('R-1', 'X', 100, 'M01', 10, 'RELEASED')");
        assertThat(orders("R-1", 1)).hasSize(1);
        first.close();

        for (int i = 1; i <= 20; i++) {
            erp.execute("UPDATE production_order SET quantity = " + (100 + i) + " WHERE order_no = 'R-1'");
        }
        erp.execute("INSERT INTO production_order (order_no, article, quantity, work_center, ideal_cycle_s, status)"
                + " VALUES ('R-2', 'X', 7, 'M02', 10, 'RELEASED')");

        try (OrderCapture second = capture("restart")) {
            List<ErpOrder> r1 = orders("R-1", 21);
            assertThat(r1.stream().map(ErpOrder::quantity).distinct().toList())
                    .as("every quantity, in order; a replayed change may repeat")
                    .isEqualTo(java.util.stream.LongStream.rangeClosed(100, 120).boxed().toList());
            assertThat(orders("R-2", 1)).hasSize(1);
        }
    }

    @Test
    void keepsCapturingThroughADatabaseKilledAndStartedAgain() throws Exception {
        try (OrderCapture capture = capture("db-restart")) {
            for (int i = 1; i <= 10; i++) {
                erp.execute("INSERT INTO production_order (order_no, article, quantity, work_center, ideal_cycle_s, status)"
                        + " VALUES ('K-" + i + "', 'X', " + i + ", 'M01', 10, 'RELEASED')");
            }
            assertThat(orders("K-10", 1)).hasSize(1);
            erp.server().kill();
            erp.server().start();
            long began = System.nanoTime();
            for (int i = 11; i <= 20; i++) {
                erp.execute("INSERT INTO production_order (order_no, article, quantity, work_center, ideal_cycle_s, status)"
                        + " VALUES ('K-" + i + "', 'X', " + i + ", 'M01', 10, 'RELEASED')");
            }
            erp.execute("UPDATE production_order SET quantity = 1000 WHERE order_no = 'K-1'");
            List<ErpOrder> k1 = org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(120))
                    .pollInterval(Duration.ofMillis(500)).until(() -> readOrders("K-1"),
                            orders -> orders.stream().anyMatch(o -> o.quantity() == 1000));
            System.out.printf("ERP database killed and started again: changes captured again %d ms after it was back%n",
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - began));
            assertThat(k1.stream().map(ErpOrder::quantity).distinct().toList()).containsExactly(1L, 1000L);
            for (int i = 2; i <= 20; i++) {
                assertThat(readOrders("K-" + i).stream().map(ErpOrder::quantity).distinct().toList())
                        .as("K-" + i + " captured, once in content").containsExactly((long) i);
            }
        }
    }

    private OrderCapture capture(String name) throws InterruptedException {
        CaptureSettings settings = new CaptureSettings("erp-cdc-" + name, "mariadb", erp.server().host(),
                erp.server().port(), ErpTestDatabase.DATABASE, "production_order", "erp_cdc", erp.capturePassword(),
                5400 + Math.abs(name.hashCode() % 500), "initial", Duration.ofMillis(50), "erp-cdc-" + name + ".offsets",
                "erp-cdc-" + name + ".history", 1, KAFKA.clientProperties());
        OrderMapper mapper = new OrderMapper(OrderColumns.SAMPLE, MACHINES, ZONE, "seconds", "");
        OrderCapture capture = new OrderCapture(settings.engineProperties(), mapper, producer).start();
        assertThat(capture.awaitStarted(60, TimeUnit.SECONDS)).as("capture started").isTrue();
        return capture;
    }

    /** The order's records on erp.orders.v1, once at least {@code count} arrived. */
    private static List<ErpOrder> orders(String orderNo, int count) {
        return org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> readOrders(orderNo), orders -> orders.size() >= count);
    }

    private static List<ErpOrder> readOrders(String orderNo) {
        return TopicReader.read(KAFKA.clientProperties(), Topics.ERP_ORDERS.name(), "reader-" + UUID.randomUUID(),
                        new StringDeserializer(), Topics.ERP_ORDERS.valueSerde().deserializer(), Integer.MAX_VALUE,
                        Duration.ofSeconds(1)).stream()
                .filter(record -> record.key().equals(orderNo)).map(ConsumerRecord::value).toList();
    }

    private static Map<String, String> deadLetterReasons(int count) {
        return org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> {
            Map<String, String> reasons = new HashMap<>();
            TopicReader.read(KAFKA.clientProperties(), Topics.ERP_ORDERS.deadLetter().name(),
                            "dlq-" + UUID.randomUUID(), new StringDeserializer(), new StringDeserializer(),
                            Integer.MAX_VALUE, Duration.ofSeconds(1))
                    .forEach(record -> reasons.put(record.key(), DeadLetters.header(record.headers(), DeadLetters.REASON)));
            return reasons;
        }, reasons -> reasons.size() >= count);
    }
}
