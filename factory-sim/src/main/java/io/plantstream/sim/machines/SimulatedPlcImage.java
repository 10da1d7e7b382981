package io.plantstream.sim.machines;

import java.nio.ByteBuffer;

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

    /** The collector's tags and job section for a machine with this image in data block {@code db}. */
    static String s7Tags(int db) {
        return """
                tags:
                  running: "%%DB%1$d.DBX0.0:BOOL"
                  fault: "%%DB%1$d.DBX0.1:BOOL"
                  setup: "%%DB%1$d.DBX0.2:BOOL"
                  plannedStop: "%%DB%1$d.DBX0.3:BOOL"
                  partCounter: "%%DB%1$d.DBD2:UDINT"
                  rejectCounter: "%%DB%1$d.DBD6:UDINT"
                  alarmWord: "%%DB%1$d.DBW10:WORD"
                  cycleTime: {address: "%%DB%1$d.DBD16:REAL", unit: s}
                  activeJob: "%%DB%1$d.DBD24:DINT"
                telemetry:
                  - {name: spindleLoad, address: "%%DB%1$d.DBD12:REAL", unit: "%%", min: 0, max: 150}
                  - {name: coolantTemp, address: "%%DB%1$d.DBD20:REAL", unit: degC, min: -20, max: 120}
                job:
                  orderNo: "%%DB%1$d.DBD30:DINT"
                  targetQuantity: "%%DB%1$d.DBD34:DINT"
                  command: "%%DB%1$d.DBW38:INT"
                """.formatted(db);
    }
}
