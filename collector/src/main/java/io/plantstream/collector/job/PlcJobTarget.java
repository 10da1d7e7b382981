package io.plantstream.collector.job;

import io.plantstream.collector.adapter.Plc4xAdapter;
import io.plantstream.events.JobCommand;
import io.plantstream.events.JobCommandType;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A PLC takes a job through tags: the order number, target quantity, article and recipe are
 * written with a DISPATCH, and a command code (1 DISPATCH, 2 START, 3 PAUSE, 4 RESUME, 5 ABORT)
 * with every command, all in one write request.
 */
public final class PlcJobTarget implements JobTarget {
    private final Plc4xAdapter plc;
    private final Map<String, String> addresses;

    public PlcJobTarget(Plc4xAdapter plc, Map<String, String> addresses) {
        this.plc = plc;
        this.addresses = addresses;
    }

    @Override
    public Outcome apply(JobCommand command) throws Exception {
        Map<String, Object> writes = new LinkedHashMap<>();
        if (command.type() == JobCommandType.DISPATCH) {
            Object orderNo = value(addresses.get("orderNo"), command.orderNo());
            if (orderNo == null) {
                return Outcome.rejected("order number '" + command.orderNo() + "' does not fit the PLC's "
                        + addresses.get("orderNo"));
            }
            writes.put(addresses.get("orderNo"), orderNo);
            put(writes, "targetQuantity", Long.toString(command.parameters().targetQuantity()));
            put(writes, "article", command.parameters().article());
            if (command.parameters().recipe() != null) {
                put(writes, "recipe", command.parameters().recipe());
            }
        }
        put(writes, "command", Integer.toString(command.type().ordinal() + 1));
        if (writes.isEmpty()) {
            return Outcome.rejected("the machine has no tag for " + command.type() + " commands");
        }
        plc.write(writes);
        return Outcome.APPLIED;
    }

    private void put(Map<String, Object> writes, String field, String text) {
        String address = addresses.get(field);
        if (address != null) {
            Object value = value(address, text);
            if (value != null) {
                writes.put(address, value);
            }
        }
    }

    /** The value in the type the address names, or null when it does not fit. */
    static Object value(String address, String text) {
        String type = address.contains(":") ? address.substring(address.lastIndexOf(':') + 1) : "DINT";
        try {
            return switch (type.replaceAll("\\(.*\\)", "")) {
                case "INT", "WORD", "UINT" -> Short.valueOf((short) Integer.parseInt(text));
                case "DINT", "UDINT", "DWORD" -> Integer.valueOf((int) Long.parseLong(text));
                case "REAL" -> Float.valueOf(text);
                case "LREAL" -> Double.valueOf(text);
                case "STRING" -> text;
                default -> null;
            };
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
