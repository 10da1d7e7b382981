package io.plantstream.sim.machines;

import io.plantstream.testkit.s7.Snap7Server;
import java.nio.ByteBuffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Siemens S7 machine: its data block on a real S7 server (Snap7), read by the collector through
 * PLC4X's S7 driver like any S7-300. Several machines share one server, each in its own data
 * block, as several PLCs would share a network.
 */
final class S7Front implements MachineFront {
    private static final Logger LOG = LoggerFactory.getLogger(S7Front.class);

    private final String machine;
    private final Snap7Server server;
    private final int db;

    S7Front(String machine, Snap7Server server, int db) {
        this.machine = machine;
        this.server = server;
        this.db = db;
    }

    @Override
    public void show(MachineModel.Snapshot snapshot) {
        server.write(db, 0, SimulatedPlcImage.status(snapshot));
    }

    @Override
    public void takeCommands(MachineModel model) {
        ByteBuffer job = ByteBuffer.wrap(server.read(db, SimulatedPlcImage.JOB_OFFSET, SimulatedPlcImage.JOB_LENGTH));
        int command = job.getShort(8);
        if (command == 0) {
            return;
        }
        int orderNo = job.getInt(0);
        MachineModel.Answer answer = model.command(command, orderNo == 0 ? null : Integer.toString(orderNo), job.getInt(4));
        if (!answer.taken()) {
            LOG.warn("{} refused command {}: {}", machine, command, answer.reason());
        }
        server.writeInt16(db, SimulatedPlcImage.COMMAND_OFFSET, (short) 0);
    }

    @Override
    public String definition() {
        return "kind: s7\nconnection: {url: \"" + server.plc4xUrl() + "\", timeout: 3s}\npoll: 500ms\n"
                + MachineSignals.definition(SimulatedPlcImage.s7Addresses(db), 1);
    }

    @Override
    public void close() {
        // the shared server is closed by the plant
    }
}
