package io.plantstream.sim.machines;

import io.plantstream.testkit.opcua.OpcUaTestServer;
import java.util.LinkedHashMap;
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

    private final String machine;
    private final OpcUaTestServer server;

    OpcUaFront(String machine) {
        this.machine = machine;
        Map<String, Object> variables = new LinkedHashMap<>();
        for (String flag : new String[] {"running", "fault", "setup", "plannedStop"}) {
            variables.put(flag, false);
        }
        for (String number : new String[] {"partCounter", "rejectCounter", "alarmWord", "activeJob", "jobOrderNo",
            "jobTarget", "jobCommand"}) {
            variables.put(number, 0);
        }
        for (String real : new String[] {"cycleTime", "spindleLoad", "temperature"}) {
            variables.put(real, 0.0);
        }
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
        return """
                kind: opcua
                connection: {url: "%s", timeout: 5s}
                poll: 500ms
                tags:
                  running: "%s"
                  fault: "%s"
                  setup: "%s"
                  plannedStop: "%s"
                  partCounter: "%s"
                  rejectCounter: "%s"
                  alarmWord: "%s"
                  cycleTime: {address: "%s", unit: s}
                  activeJob: "%s"
                telemetry:
                  - {name: spindleLoad, address: "%s", unit: "%%", min: 0, max: 150}
                  - {name: coolantTemp, address: "%s", unit: degC, min: -20, max: 120}
                job:
                  orderNo: "%s"
                  targetQuantity: "%s"
                  command: "%s"
                """.formatted(server.plc4xUrl(), a("running"), a("fault"), a("setup"), a("plannedStop"),
                a("partCounter"), a("rejectCounter"), a("alarmWord"), a("cycleTime"), a("activeJob"), a("spindleLoad"),
                a("temperature"), a("jobOrderNo"), a("jobTarget"), a("jobCommand"));
    }

    private String a(String name) {
        return server.address(name);
    }

    @Override
    public void close() {
        server.close();
    }
}
