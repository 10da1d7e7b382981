package io.plantstream.sim.machines;

import com.ghgande.j2mod.modbus.procimg.SimpleDigitalOut;
import com.ghgande.j2mod.modbus.procimg.SimpleProcessImage;
import com.ghgande.j2mod.modbus.procimg.SimpleRegister;
import com.ghgande.j2mod.modbus.slave.ModbusSlave;
import com.ghgande.j2mod.modbus.slave.ModbusSlaveFactory;
import java.net.InetAddress;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Modbus TCP machine (j2mod's server on its own port). Coils 1-4: running, fault, setup,
 * planned stop. Holding registers: 1 part counter and 2 reject counter (16 bit, they wrap at
 * 65535 like many small controllers), 3 alarm word, 4 cycle time (0.1 s), 5 spindle load (0.1 %),
 * 6 temperature (0.1 degC), 7-8 active job (DINT); the job area 10-11 order number, 12-13 target
 * quantity, 14 command (set back to 0 once taken).
 */
final class ModbusFront implements MachineFront {
    private static final Logger LOG = LoggerFactory.getLogger(ModbusFront.class);
    private static final int REGISTERS = 16;

    private final String machine;
    private final SimpleProcessImage image = new SimpleProcessImage();
    private final ModbusSlave server;
    private final int port;

    ModbusFront(String machine, int port) throws Exception {
        this.machine = machine;
        this.port = port;
        for (int i = 0; i < 4; i++) {
            image.addDigitalOut(new SimpleDigitalOut(false));
        }
        for (int i = 0; i < REGISTERS; i++) {
            image.addRegister(new SimpleRegister(0));
        }
        server = ModbusSlaveFactory.createTCPSlave(InetAddress.getLoopbackAddress(), port, 4, false);
        server.addProcessImage(1, image);
        server.open();
    }

    @Override
    public void show(MachineModel.Snapshot s) {
        synchronized (image) {
            image.getDigitalOut(0).set(s.running());
            image.getDigitalOut(1).set(s.fault());
            image.getDigitalOut(2).set(s.setup());
            image.getDigitalOut(3).set(s.plannedStop());
            register(0, s.partCounter() & 0xFFFF);
            register(1, s.rejectCounter() & 0xFFFF);
            register(2, s.alarmWord());
            register(3, Math.round(s.cycleTimeSeconds() * 10));
            register(4, Math.round(Math.max(0, s.spindleLoad()) * 10));
            register(5, Math.round(Math.max(0, s.temperature()) * 10));
            int job = SimulatedPlcImage.jobNumber(s.activeJob());
            register(6, job >>> 16);
            register(7, job & 0xFFFF);
        }
    }

    @Override
    public void takeCommands(MachineModel model) {
        int command;
        int orderNo;
        int target;
        synchronized (image) {
            command = (short) image.getRegister(13).getValue();
            if (command == 0) {
                return;
            }
            orderNo = (image.getRegister(9).getValue() << 16) | image.getRegister(10).getValue();
            target = (image.getRegister(11).getValue() << 16) | image.getRegister(12).getValue();
            image.getRegister(13).setValue(0);
        }
        MachineModel.Answer answer = model.command(command, orderNo == 0 ? null : Integer.toString(orderNo), target);
        if (!answer.taken()) {
            LOG.warn("{} refused command {}: {}", machine, command, answer.reason());
        }
    }

    private void register(int index, long value) {
        image.getRegister(index).setValue((int) (value & 0xFFFF));
    }

    @Override
    public String definition() {
        return """
                kind: modbus
                connection: {url: "modbus-tcp://127.0.0.1:%d?default-unit-id=1", timeout: 3s}
                poll: 500ms
                counterMax: 65535
                """.formatted(port) + MachineSignals.definition(Map.ofEntries(Map.entry("running", "coil:1"),
                Map.entry("fault", "coil:2"), Map.entry("setup", "coil:3"), Map.entry("plannedStop", "coil:4"),
                Map.entry("partCounter", "holding-register:1:UINT"), Map.entry("rejectCounter", "holding-register:2:UINT"),
                Map.entry("alarmWord", "holding-register:3:UINT"), Map.entry("cycleTime", "holding-register:4:UINT"),
                Map.entry("spindleLoad", "holding-register:5:UINT"), Map.entry("temperature", "holding-register:6:UINT"),
                Map.entry("activeJob", "holding-register:7:DINT"), Map.entry("jobOrderNo", "holding-register:10:DINT"),
                Map.entry("jobTarget", "holding-register:12:DINT"), Map.entry("jobCommand", "holding-register:14:INT")),
                0.1);
    }

    @Override
    public void close() {
        server.close();
    }
}
