package io.plantstream.sim.machines;

import java.nio.ByteBuffer;
import java.util.Map;

/**
 * The data block a simulated PLC machine keeps, as bytes in S7 order (big-endian): the status
 * area the collector reads and the job area the job agent writes.
 *
 * <pre>
 * status: byte 0 bits running, fault, setup, plannedStop; 2 part counter UDINT; 6 reject counter
 *         UDINT; 10 alarm word WORD; 12 spindle load REAL (%); 16 cycle time REAL (s);
 *         20 temperature REAL (degC); 24 active job DINT (0: none)
 * job:    30 order number DINT; 34 target quantity DINT; 38 command INT (the machine sets it
 *         back to 0 once it took the command)
 * </pre>
 */
final class SimulatedPlcImage {
    static final int STATUS_LENGTH = 28;
    static final int JOB_OFFSET = 30;
    static final int JOB_LENGTH = 10;
    static final int COMMAND_OFFSET = 38;
    static final int SIZE = 64;

    private SimulatedPlcImage() {
    }

    static byte[] status(MachineModel.Snapshot s) {
        ByteBuffer bytes = ByteBuffer.allocate(STATUS_LENGTH);
        int bits = (s.running() ? 1 : 0) | (s.fault() ? 2 : 0) | (s.setup() ? 4 : 0) | (s.plannedStop() ? 8 : 0);
        bytes.put(0, (byte) bits);
        bytes.putInt(2, (int) s.partCounter());
        bytes.putInt(6, (int) s.rejectCounter());
        bytes.putShort(10, (short) s.alarmWord());
        bytes.putFloat(12, (float) s.spindleLoad());
        bytes.putFloat(16, (float) s.cycleTimeSeconds());
        bytes.putFloat(20, (float) s.temperature());
        bytes.putInt(24, jobNumber(s.activeJob()));
        return bytes.array();
    }

    /** A job as a PLC holds it: a number (0: none). */
    static int jobNumber(String orderNo) {
        if (orderNo == null) {
            return 0;
        }
        try {
            return Integer.parseInt(orderNo);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** Where the signals of this image are in data block {@code db}, as PLC4X's S7 driver addresses them. */
    static Map<String, String> s7Addresses(int db) {
        String block = "%DB" + db + ".";
        return Map.ofEntries(Map.entry("running", block + "DBX0.0:BOOL"), Map.entry("fault", block + "DBX0.1:BOOL"),
                Map.entry("setup", block + "DBX0.2:BOOL"), Map.entry("plannedStop", block + "DBX0.3:BOOL"),
                Map.entry("partCounter", block + "DBD2:UDINT"), Map.entry("rejectCounter", block + "DBD6:UDINT"),
                Map.entry("alarmWord", block + "DBW10:WORD"), Map.entry("spindleLoad", block + "DBD12:REAL"),
                Map.entry("cycleTime", block + "DBD16:REAL"), Map.entry("temperature", block + "DBD20:REAL"),
                Map.entry("activeJob", block + "DBD24:DINT"), Map.entry("jobOrderNo", block + "DBD30:DINT"),
                Map.entry("jobTarget", block + "DBD34:DINT"), Map.entry("jobCommand", block + "DBW38:INT"));
    }
}
