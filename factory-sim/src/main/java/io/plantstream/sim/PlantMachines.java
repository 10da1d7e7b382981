package io.plantstream.sim;

import java.util.List;

/** The machines of the local plant: eleven, like the plant this platform was built for. */
public final class PlantMachines {
    public static final List<String> IDS = List.of("M01", "M02", "M03", "M04", "M05", "M06", "M07", "M08", "M09",
            "M10", "M11");

    private PlantMachines() {
    }
}
