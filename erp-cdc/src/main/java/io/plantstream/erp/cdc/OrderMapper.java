package io.plantstream.erp.cdc;

import io.plantstream.events.ErpOrder;
import io.plantstream.events.EventMeta;
import io.plantstream.events.InvalidFieldException;
import io.plantstream.events.OrderStatus;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Turns one row of the ERP's order table (its values by column) into a clean {@link ErpOrder},
 * or says precisely why it cannot: a missing or negative quantity, an unknown work center, a
 * date that is no date. Values arrive typed as the capture saw them: text, numbers, or
 * {@link LocalDate}, {@link LocalDateTime} and {@link Instant} for date columns.
 */
public final class OrderMapper {
    private static final List<DateTimeFormatter> LOCAL_DATE_TIMES = List.of(
            DateTimeFormatter.ISO_LOCAL_DATE_TIME,
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm[:ss][.SSSSSS][.SSS]"),
            DateTimeFormatter.ofPattern("dd.MM.yyyy HH:mm[:ss]"));
    private static final List<DateTimeFormatter> LOCAL_DATES = List.of(
            DateTimeFormatter.ISO_LOCAL_DATE,
            DateTimeFormatter.ofPattern("dd.MM.yyyy"),
            DateTimeFormatter.BASIC_ISO_DATE);

    private final OrderColumns columns;
    private final Set<String> workCenters;
    private final ZoneId zone;
    private final double cycleSecondsPerUnit;
    private final Map<String, OrderStatus> statusCodes;

    /**
     * @param cycleUnit seconds, minutes or milliseconds
     * @param statusMap ERP status code to state, e.g. {@code 10=PLANNED,20=RELEASED}; blank: state names
     */
    public OrderMapper(OrderColumns columns, List<String> workCenters, ZoneId zone, String cycleUnit,
            String statusMap) {
        this.columns = columns;
        this.workCenters = Set.copyOf(workCenters);
        this.zone = zone;
        this.cycleSecondsPerUnit = switch (cycleUnit) {
            case "seconds" -> 1.0;
            case "minutes" -> 60.0;
            case "milliseconds" -> 0.001;
            default -> throw new IllegalArgumentException("unknown cycle time unit " + cycleUnit);
        };
        this.statusCodes = parseStatusMap(statusMap);
    }

    /** The column holding the order number. */
    public String orderNumberColumn() {
        return columns.orderNo();
    }

    /** The result of mapping one row: an order, or the reason it was refused. */
    public sealed interface Result permits Mapped, Refused {
    }

    public record Mapped(ErpOrder order) implements Result {
    }

    /** @param orderNo the row's order number when it has one, for the dead letter's key */
    public record Refused(String orderNo, String reason) implements Result {
    }

    /**
     * @param row the row's values by column name
     * @param deleted whether the row was deleted (the values are its last content)
     * @param meta the event identity (derived from the change's position, so a replay repeats it)
     */
    public Result map(Map<String, Object> row, boolean deleted, EventMeta meta) {
        String orderNo = text(row.get(columns.orderNo()));
        try {
            if (orderNo == null) {
                throw refusal(columns.orderNo(), "order number is missing");
            }
            String article = required(row, columns.article(), "article");
            long quantity = quantity(row.get(columns.quantity()));
            String workCenter = required(row, columns.workCenter(), "work center");
            if (!workCenters.contains(workCenter)) {
                throw refusal(columns.workCenter(), "work center '" + workCenter + "' is not a known machine");
            }
            double idealCycle = idealCycle(row.get(columns.idealCycle()));
            Instant due = date(row.get(columns.dueDate()), columns.dueDate(), true);
            int priority = priority(row.get(columns.priority()));
            OrderStatus status = status(row.get(columns.status()));
            Instant updated = date(row.get(columns.updatedAt()), columns.updatedAt(), false);
            return new Mapped(new ErpOrder(meta, orderNo, article, quantity, workCenter, idealCycle, due, priority,
                    status, updated, deleted));
        } catch (Refusal e) {
            return new Refused(orderNo, e.getMessage());
        } catch (InvalidFieldException e) {
            return new Refused(orderNo, "order is invalid: " + e.getMessage());
        }
    }

    private String required(Map<String, Object> row, String column, String what) {
        String value = text(row.get(column));
        if (value == null) {
            throw refusal(column, what + " is missing");
        }
        return value;
    }

    private long quantity(Object raw) {
        if (raw == null || text(raw) == null) {
            throw refusal(columns.quantity(), "quantity is missing");
        }
        BigDecimal value = decimal(raw, columns.quantity(), "quantity");
        if (value.signum() <= 0) {
            throw refusal(columns.quantity(), "quantity " + value.toPlainString() + " is not positive");
        }
        try {
            return value.stripTrailingZeros().longValueExact();
        } catch (ArithmeticException e) {
            throw refusal(columns.quantity(), "quantity " + value.toPlainString() + " is not a whole number of parts");
        }
    }

    private double idealCycle(Object raw) {
        if (raw == null || text(raw) == null) {
            throw refusal(columns.idealCycle(), "ideal cycle time is missing");
        }
        BigDecimal value = decimal(raw, columns.idealCycle(), "ideal cycle time");
        if (value.signum() <= 0) {
            throw refusal(columns.idealCycle(), "ideal cycle time " + value.toPlainString() + " is not positive");
        }
        return value.doubleValue() * cycleSecondsPerUnit;
    }

    private int priority(Object raw) {
        if (raw == null || text(raw) == null) {
            return 0;
        }
        try {
            return decimal(raw, columns.priority(), "priority").intValueExact();
        } catch (ArithmeticException e) {
            throw refusal(columns.priority(), "priority '" + raw + "' is not a whole number");
        }
    }

    private OrderStatus status(Object raw) {
        String value = text(raw);
        if (value == null) {
            throw refusal(columns.status(), "status is missing");
        }
        OrderStatus mapped = statusCodes.isEmpty() ? byName(value) : statusCodes.get(value);
        if (mapped == null) {
            throw refusal(columns.status(), "status '" + value + "' is not a known order status"
                    + (statusCodes.isEmpty() ? "" : " (mapped codes: " + statusCodes.keySet() + ")"));
        }
        return mapped;
    }

    private static OrderStatus byName(String value) {
        try {
            return OrderStatus.valueOf(value.toUpperCase(Locale.ROOT).replace(' ', '_'));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** A date, a date-time or text holding one; a bare date as a due date means the end of that day. */
    private Instant date(Object raw, String column, boolean endOfDay) {
        if (raw == null) {
            return null;
        }
        if (raw instanceof Instant instant) {
            return instant;
        }
        if (raw instanceof LocalDateTime local) {
            return local.atZone(zone).toInstant();
        }
        if (raw instanceof LocalDate date) {
            return (endOfDay ? date.plusDays(1) : date).atStartOfDay(zone).toInstant();
        }
        String text = text(raw);
        if (text == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException ignored) {
            // not with an offset; try the local forms
        }
        for (DateTimeFormatter format : LOCAL_DATE_TIMES) {
            try {
                return LocalDateTime.parse(text, format).atZone(zone).toInstant();
            } catch (DateTimeParseException ignored) {
                // next form
            }
        }
        for (DateTimeFormatter format : LOCAL_DATES) {
            try {
                LocalDate date = LocalDate.parse(text, format);
                ZonedDateTime start = (endOfDay ? date.plusDays(1) : date).atStartOfDay(zone);
                return start.toInstant();
            } catch (DateTimeParseException ignored) {
                // next form
            }
        }
        throw refusal(column, "'" + text + "' is not a date (expected e.g. 2026-12-01, 2026-12-01 14:30, "
                + "01.12.2026 or 2026-12-01T14:30:00+01:00)");
    }

    private static BigDecimal decimal(Object raw, String column, String what) {
        if (raw instanceof BigDecimal big) {
            return big;
        }
        if (raw instanceof Long || raw instanceof Integer || raw instanceof Short || raw instanceof Byte) {
            return BigDecimal.valueOf(((Number) raw).longValue());
        }
        if (raw instanceof Double || raw instanceof Float) {
            double value = ((Number) raw).doubleValue();
            if (!Double.isFinite(value)) {
                throw refusal(column, what + " " + value + " is not a finite number");
            }
            return BigDecimal.valueOf(value);
        }
        String text = text(raw);
        try {
            return new BigDecimal(text.replace(',', '.'));
        } catch (NumberFormatException e) {
            throw refusal(column, what + " '" + text + "' is not a number");
        }
    }

    private static String text(Object raw) {
        if (raw == null) {
            return null;
        }
        String text = raw instanceof BigDecimal big ? big.toPlainString() : raw.toString();
        text = text.strip();
        return text.isEmpty() ? null : text;
    }

    private static Map<String, OrderStatus> parseStatusMap(String statusMap) {
        Map<String, OrderStatus> codes = new HashMap<>();
        if (statusMap == null || statusMap.isBlank()) {
            return Map.of();
        }
        for (String pair : statusMap.split(",")) {
            String[] parts = pair.split("=", 2);
            if (parts.length != 2 || byName(parts[1].strip()) == null) {
                throw new IllegalArgumentException("status map entry '" + pair.strip() + "' is not CODE=STATE with a "
                        + "state out of " + List.of(OrderStatus.values()));
            }
            codes.put(parts[0].strip(), byName(parts[1].strip()));
        }
        return Map.copyOf(codes);
    }

    private static Refusal refusal(String column, String reason) {
        return new Refusal(column + ": " + reason);
    }

    /** Internal: carries a refusal out of the field checks. */
    private static final class Refusal extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Refusal(String message) {
            super(message, null, false, false);
        }
    }
}
