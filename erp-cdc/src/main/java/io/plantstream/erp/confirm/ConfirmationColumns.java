package io.plantstream.erp.confirm;

import java.util.List;
import java.util.Objects;

/** Where each field of a confirmation goes in the customer's ERP table. */
public record ConfirmationColumns(String table, String orderNo, String machine, String confirmedAt, String good,
        String scrap, String status, String sourceEventId) {

    public static final ConfirmationColumns SAMPLE = new ConfirmationColumns("production_confirmation", "order_no",
            "machine_id", "confirmed_at", "good_qty", "scrap_qty", "status", "source_event_id");

    public ConfirmationColumns {
        for (String name : List.of(table, orderNo, machine, confirmedAt, good, scrap, status, sourceEventId)) {
            Objects.requireNonNull(name, "column name");
            if (!name.matches("[A-Za-z_][A-Za-z0-9_$]{0,63}")) {
                throw new IllegalArgumentException("'" + name + "' is not a plain table or column name");
            }
        }
    }

    String insertStatement() {
        return "INSERT INTO `" + table + "` (`" + orderNo + "`, `" + machine + "`, `" + confirmedAt + "`, `" + good
                + "`, `" + scrap + "`, `" + status + "`, `" + sourceEventId + "`) VALUES (?, ?, ?, ?, ?, ?, ?)";
    }
}
