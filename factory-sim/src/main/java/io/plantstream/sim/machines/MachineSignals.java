package io.plantstream.sim.machines;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The signals every simulated machine shows and the part of the collector's definition that
 * names them: tags by meaning, two telemetry values and, for machines that take jobs through
 * tags, the job section. Each front-end gives only where its signals are.
 *
 * <p>Signal names: {@code time}, {@code running}, {@code fault}, {@code setup},
 * {@code plannedStop}, {@code partCounter}, {@code rejectCounter}, {@code alarmWord},
 * {@code cycleTime}, {@code activeJob}, {@code spindleLoad}, {@code temperature},
 * {@code jobOrderNo}, {@code jobTarget}, {@code jobCommand}.
 */
final class MachineSignals {
    private static final List<String> TAGS = List.of("time", "running", "fault", "setup", "plannedStop", "partCounter",
            "rejectCounter", "alarmWord");

    private MachineSignals() {
    }

    /**
     * @param addresses where the machine holds each signal it has (a machine without a time
     *        signal or without job tags leaves them out)
     * @param scale how cycle time and telemetry are held (0.1: in tenths)
     */
    static String definition(Map<String, String> addresses, double scale) {
        String scaled = scale == 1 ? "" : String.format(Locale.ROOT, "scale: %s, ", scale);
        StringBuilder yaml = new StringBuilder("tags:\n");
        for (String tag : TAGS) {
            if (addresses.containsKey(tag)) {
                yaml.append("  ").append(tag).append(": \"").append(addresses.get(tag)).append("\"\n");
            }
        }
        yaml.append("  cycleTime: {address: \"").append(addresses.get("cycleTime")).append("\", ").append(scaled)
                .append("unit: s}\n")
                .append("  activeJob: \"").append(addresses.get("activeJob")).append("\"\n")
                .append("telemetry:\n")
                .append("  - {name: spindleLoad, address: \"").append(addresses.get("spindleLoad")).append("\", ")
                .append(scaled).append("unit: \"%\", min: 0, max: 150, spec: {upper: 110}}\n")
                .append("  - {name: coolantTemp, address: \"").append(addresses.get("temperature")).append("\", ")
                .append(scaled).append("unit: degC, min: -20, max: 120, spec: {lower: 5, upper: 45}, ")
                .append("control: {lower: 36, upper: 40}}\n");
        if (addresses.containsKey("jobCommand")) {
            yaml.append("job:\n")
                    .append("  orderNo: \"").append(addresses.get("jobOrderNo")).append("\"\n")
                    .append("  targetQuantity: \"").append(addresses.get("jobTarget")).append("\"\n")
                    .append("  command: \"").append(addresses.get("jobCommand")).append("\"\n");
        }
        return yaml.toString();
    }
}
