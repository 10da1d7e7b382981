package io.plantstream.collector.definition;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * How a machine is reached, and what an address looks like for it. The address syntax is
 * checked when definitions are read, before any connection opens.
 */
public enum MachineKind {
    /** Siemens S7 through PLC4X, e.g. {@code %DB10.DBD2:UDINT}, {@code %DB10.DBX0.0:BOOL}, {@code %MW20:INT}. */
    S7("%(DB\\d{1,5}\\.DB[XBWD]\\d{1,5}(\\.[0-7])?|[IQM][XBWD]?\\d{1,5}(\\.[0-7])?)"
            + "(:(BOOL|BYTE|WORD|DWORD|INT|UINT|DINT|UDINT|REAL|LREAL|SINT|USINT|STRING\\(\\d{1,3}\\)|STRING))?",
            "%DB10.DBD2:UDINT, %DB10.DBX0.0:BOOL or %MW20:INT"),
    /** Modbus TCP through PLC4X, e.g. {@code holding-register:1:UINT}, {@code coil:5}. */
    MODBUS("(coil|discrete-input|input-register|holding-register):\\d{1,5}(\\[\\d{1,3}\\])?"
            + "(:(BOOL|INT|UINT|DINT|UDINT|REAL|WORD|DWORD|LREAL))?",
            "holding-register:1:UINT or coil:5"),
    /** OPC UA through PLC4X, e.g. {@code ns=2;s=Press/Counter}, {@code ns=2;i=1001}. */
    OPCUA("ns=\\d{1,5};[sigb]=.{1,200}", "ns=2;s=Press/Counter or ns=2;i=1001"),
    /** A machine's edge database: a column of its result table. */
    SQL("[A-Za-z_][A-Za-z0-9_]{0,63}", "a column name"),
    /** A machine that exchanges files: a CSV column or an XML attribute or element. */
    FILE("[A-Za-z_][A-Za-z0-9_.-]{0,63}", "a field name"),
    /** A machine that publishes itself over MQTT: a field of its JSON payload, as a path. */
    MQTT("[A-Za-z_][A-Za-z0-9_./ \\[\\]-]{0,127}", "a field path such as counters.good, or a Sparkplug metric name"),
    /** A simulated machine inside the collector: a signal of the simulation. */
    SIMULATED("(running|fault|setup|plannedStop|stateWord|partCounter|rejectCounter|alarmWord|alarmText|cycleTime"
            + "|activeJob|telemetry\\d{1,3})", "a simulation signal such as partCounter or telemetry3");

    private final Pattern address;
    private final String example;

    MachineKind(String address, String example) {
        this.address = Pattern.compile(address);
        this.example = example;
    }

    public String yamlName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Null when the address is valid for this kind, else why not. */
    public String checkAddress(String text) {
        return address.matcher(text).matches() ? null
                : "'" + text + "' is not a " + yamlName() + " address (e.g. " + example + ")";
    }

    public static MachineKind parse(String text) {
        return valueOf(text.strip().toUpperCase(Locale.ROOT));
    }
}
