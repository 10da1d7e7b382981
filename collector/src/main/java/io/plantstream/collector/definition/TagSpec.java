package io.plantstream.collector.definition;

import java.util.Objects;

/**
 * One value read from a machine: where it is (an address in the machine kind's syntax), how a
 * raw value becomes an engineering value ({@code raw * scale + offset}), its unit, and the range
 * outside which a value is refused as implausible.
 *
 * @param min lowest plausible engineering value, or null
 * @param max highest plausible engineering value, or null
 */
public record TagSpec(String name, String address, double scale, double offset, String unit, Double min, Double max) {

    public TagSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(address, "address");
    }

    public static TagSpec of(String name, String address) {
        return new TagSpec(name, address, 1.0, 0.0, null, null, null);
    }

    public double scaled(double raw) {
        return raw * scale + offset;
    }

    /** Null when inside the plausible range, else why not. */
    public String checkRange(double value) {
        if (min != null && value < min) {
            return name + " = " + value + " is below its minimum " + min;
        }
        if (max != null && value > max) {
            return name + " = " + value + " is above its maximum " + max;
        }
        return null;
    }
}
