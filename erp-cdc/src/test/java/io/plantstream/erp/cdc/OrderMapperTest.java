package io.plantstream.erp.cdc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.plantstream.events.ErpOrder;
import io.plantstream.events.EventMeta;
import io.plantstream.events.OrderStatus;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OrderMapperTest {
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final EventMeta META = EventMeta.of("erp-cdc", Instant.parse("2026-11-20T08:00:00Z"));
    private final OrderMapper mapper = new OrderMapper(OrderColumns.SAMPLE, List.of("M01", "M02"), BERLIN, "seconds", "");

    @Test
    void mapsACompleteRow() {
        ErpOrder order = mapped(row());
        assertThat(order.orderNo()).isEqualTo("4711");
        assertThat(order.article()).isEqualTo("BRACKET-7");
        assertThat(order.quantity()).isEqualTo(500);
        assertThat(order.workCenter()).isEqualTo("M01");
        assertThat(order.idealCycleSeconds()).isEqualTo(12.5);
        assertThat(order.dueDate()).as("a bare due date means the end of that day in the ERP's zone")
                .isEqualTo(Instant.parse("2026-12-03T23:00:00Z"));
        assertThat(order.priority()).isEqualTo(3);
        assertThat(order.status()).isEqualTo(OrderStatus.RELEASED);
        assertThat(order.updatedAt()).isEqualTo(Instant.parse("2026-11-20T07:59:00Z"));
        assertThat(order.deleted()).isFalse();
        assertThat(order.meta()).isEqualTo(META);
    }

    @Test
    void keepsTheLastContentOfADeletedRow() {
        OrderMapper.Result result = mapper.map(row(), true, META);
        assertThat(((OrderMapper.Mapped) result).order().deleted()).isTrue();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "quantity      | <null>  | quantity: quantity is missing",
        "quantity      | ''      | quantity: quantity is missing",
        "quantity      | -5      | quantity: quantity -5 is not positive",
        "quantity      | 0       | quantity: quantity 0 is not positive",
        "quantity      | 12.5    | quantity: quantity 12.5 is not a whole number of parts",
        "quantity      | lots    | quantity: quantity 'lots' is not a number",
        "work_center   | M99     | work_center: work center 'M99' is not a known machine",
        "work_center   | <null>  | work_center: work center is missing",
        "article       | '  '    | article: article is missing",
        "ideal_cycle_s | 0       | ideal_cycle_s: ideal cycle time 0 is not positive",
        "ideal_cycle_s | <null>  | ideal_cycle_s: ideal cycle time is missing",
        "due_date      | soon    | due_date: 'soon' is not a date (expected e.g. 2026-12-01, 2026-12-01 14:30, 01.12.2026 or 2026-12-01T14:30:00+01:00)",
        "due_date      | 2026-13-45 | due_date: '2026-13-45' is not a date (expected e.g. 2026-12-01, 2026-12-01 14:30, 01.12.2026 or 2026-12-01T14:30:00+01:00)",
        "priority      | high    | priority: priority 'high' is not a number",
        "priority      | 1.5     | priority: priority '1.5' is not a whole number",
        "status        | SHIPPED | status: status 'SHIPPED' is not a known order status",
        "status        | <null>  | status: status is missing",
        "order_no      | <null>  | order_no: order number is missing",
    })
    void refusesWhatIsNoValidOrderWithTheReason(String column, String value, String reason) {
        Map<String, Object> row = row();
        row.put(column, "<null>".equals(value) ? null : value);
        OrderMapper.Result result = mapper.map(row, false, META);
        assertThat(result).isInstanceOf(OrderMapper.Refused.class);
        assertThat(((OrderMapper.Refused) result).reason()).isEqualTo(reason);
        assertThat(((OrderMapper.Refused) result).orderNo()).isEqualTo("order_no".equals(column) ? null : "4711");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "2026-12-01T14:30:00+01:00 | 2026-12-01T13:30:00Z",
        "2026-12-01T14:30          | 2026-12-01T13:30:00Z",
        "2026-12-01 14:30:15       | 2026-12-01T13:30:15Z",
        "01.12.2026 14:30          | 2026-12-01T13:30:00Z",
        "01.12.2026                | 2026-12-01T23:00:00Z",
        "2026-12-01                | 2026-12-01T23:00:00Z",
        "20261201                  | 2026-12-01T23:00:00Z",
    })
    void readsTheDateFormsERPsStoreAsText(String text, String expected) {
        Map<String, Object> row = row();
        row.put("due_date", text);
        assertThat(mapped(row).dueDate()).isEqualTo(Instant.parse(expected));
    }

    @Test
    void readsTypedDateValuesAsTheCaptureDeliversThem() {
        Map<String, Object> row = row();
        row.put("due_date", LocalDateTime.of(2026, 7, 1, 6, 0));
        assertThat(mapped(row).dueDate()).as("summer time in Berlin").isEqualTo(Instant.parse("2026-07-01T04:00:00Z"));
        row.put("due_date", LocalDate.of(2026, 3, 28));
        assertThat(mapped(row).dueDate()).as("end of the day before the clocks change")
                .isEqualTo(Instant.parse("2026-03-28T23:00:00Z"));
    }

    @Test
    void convertsCycleTimesAndStatusCodesAsConfigured() {
        OrderMapper legacy = new OrderMapper(OrderColumns.SAMPLE, List.of("M01"), BERLIN, "minutes",
                "10=PLANNED, 20=RELEASED, 30=IN_PROGRESS, 40=COMPLETED, 90=CANCELLED");
        Map<String, Object> row = row();
        row.put("ideal_cycle_s", new BigDecimal("0.25"));
        row.put("status", 30L);
        ErpOrder order = ((OrderMapper.Mapped) legacy.map(row, false, META)).order();
        assertThat(order.idealCycleSeconds()).isEqualTo(15.0);
        assertThat(order.status()).isEqualTo(OrderStatus.IN_PROGRESS);

        row.put("status", "RELEASED");
        assertThat(((OrderMapper.Refused) legacy.map(row, false, META)).reason())
                .startsWith("status: status 'RELEASED' is not a known order status (mapped codes:");
    }

    @Test
    void refusesAStatusMapThatNamesNoState() {
        assertThatThrownBy(() -> new OrderMapper(OrderColumns.SAMPLE, List.of("M01"), BERLIN, "seconds", "10=DONE"))
                .hasMessageContaining("status map entry '10=DONE' is not CODE=STATE");
    }

    @Test
    void acceptsNumbersOfEveryKindTheDatabaseReturns() {
        Map<String, Object> row = row();
        row.put("quantity", new BigDecimal("500.000"));
        row.put("priority", 7);
        row.put("ideal_cycle_s", 2.0d);
        ErpOrder order = mapped(row);
        assertThat(order.quantity()).isEqualTo(500);
        assertThat(order.priority()).isEqualTo(7);
        assertThat(order.idealCycleSeconds()).isEqualTo(2.0);
        row.put("ideal_cycle_s", Double.NaN);
        assertThat(((OrderMapper.Refused) mapper.map(row, false, META)).reason())
                .isEqualTo("ideal_cycle_s: ideal cycle time NaN is not a finite number");
    }

    @Test
    void refusesTableAndColumnNamesThatAreNoPlainNames() {
        assertThatThrownBy(() -> new OrderColumns("orders; DROP TABLE x", "a", "b", "c", "d", "e", "f", "g", "h", "i"))
                .hasMessageContaining("is not a plain table or column name");
    }

    private ErpOrder mapped(Map<String, Object> row) {
        OrderMapper.Result result = mapper.map(row, false, META);
        assertThat(result).isInstanceOf(OrderMapper.Mapped.class);
        return ((OrderMapper.Mapped) result).order();
    }

    private static Map<String, Object> row() {
        Map<String, Object> row = new HashMap<>();
        row.put("order_no", "4711");
        row.put("article", "BRACKET-7");
        row.put("quantity", "500.000");
        row.put("work_center", "M01");
        row.put("ideal_cycle_s", "12.500");
        row.put("due_date", LocalDate.of(2026, 12, 3));
        row.put("priority", 3);
        row.put("status", "RELEASED");
        row.put("updated_at", Instant.parse("2026-11-20T07:59:00Z"));
        return row;
    }
}
