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
 *
 * <p>A machine that sets its command tag back to 0 once it took a command (the usual hand-shake)
 * gets the next command only then, so a START written right after a DISPATCH never overwrites
 * the DISPATCH before the machine saw it. A machine that never clears the tag gets the next
 * command after {@link #HANDSHAKE}.
 */
public final class PlcJobTarget implements JobTarget {
    static final java.time.Duration HANDSHAKE = java.time.Duration.ofSeconds(2);
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(PlcJobTarget.class);

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
        put(writes, "command", Integer.toString(command.type().plcCode()));
        if (writes.isEmpty()) {
            return Outcome.rejected("the machine has no tag for " + command.type() + " commands");
        }
        awaitPreviousCommandTaken();
        plc.write(writes);
        return Outcome.APPLIED;
    }

    private void awaitPreviousCommandTaken() throws Exception {
        String address = addresses.get("command");
        if (address == null) {
            return;
        }
        long deadline = System.nanoTime() + HANDSHAKE.toNanos();
        Object pending = plc.read(address);
        while (pending instanceof Number code && code.intValue() != 0) {
            if (System.nanoTime() >= deadline) {
                LOG.info("{} still holds command {} after {}; writing the next one", address, code, HANDSHAKE);
                return;
            }
            Thread.sleep(50);
            pending = plc.read(address);
        }
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
