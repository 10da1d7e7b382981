package io.plantstream.erp.cdc;

import java.util.List;
import java.util.Objects;

/** Where each field of a production order lives in the customer's ERP table. */
public record OrderColumns(String table, String orderNo, String article, String quantity, String workCenter,
        String idealCycle, String dueDate, String priority, String status, String updatedAt) {

    /** The sample ERP schema's names. */
    public static final OrderColumns SAMPLE = new OrderColumns("production_order", "order_no", "article", "quantity",
            "work_center", "ideal_cycle_s", "due_date", "priority", "status", "updated_at");

    public OrderColumns {
        for (String name : List.of(table, orderNo, article, quantity, workCenter, idealCycle, dueDate, priority, status,
                updatedAt)) {
            Objects.requireNonNull(name, "column name");
            if (!name.matches("[A-Za-z_][A-Za-z0-9_$]{0,63}")) {
                throw new IllegalArgumentException("'" + name + "' is not a plain table or column name");
            }
        }
    }
}
