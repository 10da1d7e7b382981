package io.plantstream.sim.machines;

import io.plantstream.testkit.opcua.OpcUaTestServer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An OPC UA machine: a real OPC UA server (Eclipse Milo) of its own with one variable per signal
 * ({@code ns=2;s=<machine>/<name>}) and the job variables the job agent writes
 * ({@code jobOrderNo}, {@code jobTarget}, {@code jobCommand}, set back to 0 once taken).
 */
final class OpcUaFront implements MachineFront {
    private static final Logger LOG = LoggerFactory.getLogger(OpcUaFront.class);

    private static final List<String> FLAGS = List.of("running", "fault", "setup", "plannedStop");
    private static final List<String> NUMBERS = List.of("partCounter", "rejectCounter", "alarmWord", "activeJob",
            "jobOrderNo", "jobTarget", "jobCommand");
    private static final List<String> REALS = List.of("cycleTime", "spindleLoad", "temperature");

    private final String machine;
    private final OpcUaTestServer server;

    OpcUaFront(String machine) {
        this.machine = machine;
        Map<String, Object> variables = new LinkedHashMap<>();
        FLAGS.forEach(flag -> variables.put(flag, false));
        NUMBERS.forEach(number -> variables.put(number, 0));
        REALS.forEach(real -> variables.put(real, 0.0));
        server = OpcUaTestServer.create(machine, variables).start();
    }

    @Override
    public void show(MachineModel.Snapshot s) {
        server.set("running", s.running());
        server.set("fault", s.fault());
        server.set("setup", s.setup());
        server.set("plannedStop", s.plannedStop());
        server.set("partCounter", (int) s.partCounter());
        server.set("rejectCounter", (int) s.rejectCounter());
        server.set("alarmWord", s.alarmWord());
        server.set("activeJob", SimulatedPlcImage.jobNumber(s.activeJob()));
        server.set("cycleTime", s.cycleTimeSeconds());
        server.set("spindleLoad", s.spindleLoad());
        server.set("temperature", s.temperature());
    }

    @Override
    public void takeCommands(MachineModel model) {
        int command = number("jobCommand");
        if (command == 0) {
            return;
        }
        int orderNo = number("jobOrderNo");
        MachineModel.Answer answer = model.command(command, orderNo == 0 ? null : Integer.toString(orderNo),
                number("jobTarget"));
        server.set("jobCommand", 0);
        if (!answer.taken()) {
            LOG.warn("{} refused command {}: {}", machine, command, answer.reason());
        }
    }

    private int number(String name) {
        Object value = server.get(name);
        return value instanceof Number n ? n.intValue() : 0;
    }

    @Override
    public String definition() {
        Map<String, String> addresses = new LinkedHashMap<>();
        for (List<String> signals : List.of(FLAGS, NUMBERS, REALS)) {
            signals.forEach(signal -> addresses.put(signal, server.address(signal)));
        }
        return "kind: opcua\nconnection: {url: \"" + server.plc4xUrl() + "\", timeout: 5s}\npoll: 500ms\n"
                + MachineSignals.definition(addresses, 1);
    }

    @Override
    public void close() {
        server.close();
    }
}
