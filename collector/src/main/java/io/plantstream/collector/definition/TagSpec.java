package io.plantstream.collector.definition;

import io.plantstream.events.ParameterSpec;
import java.util.Objects;

/**
 * One value read from a machine: where it is (an address in the machine kind's syntax), how a
 * raw value becomes an engineering value ({@code raw * scale + offset}), its unit, and the range
 * outside which a value is refused as implausible.
 *
 * @param min lowest plausible engineering value, or null
 * @param max highest plausible engineering value, or null
 * @param spec the specification limits of a key parameter (a value outside is out of spec)
 * @param control the control limits of its one-minute mean, learned ({@code control: learn}), or none
 */
public record TagSpec(String name, String address, double scale, double offset, String unit, Double min, Double max,
        Limits spec, Limits control) {

    /** A lower and an upper limit, each optional; or, for control limits, learned from the process. */
    public record Limits(Double lower, Double upper, boolean learn) {
        public static final Limits NONE = new Limits(null, null, false);
        public static final Limits LEARN = new Limits(null, null, true);
    }

    public TagSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(address, "address");
        spec = spec == null ? Limits.NONE : spec;
        control = control == null ? Limits.NONE : control;
    }

    public static TagSpec of(String name, String address) {
        return new TagSpec(name, address, 1.0, 0.0, null, null, null, Limits.NONE, Limits.NONE);
    }

    /** This tag as a key parameter of the machine: name, unit and limits. */
    public ParameterSpec parameter() {
        return new ParameterSpec(name, unit, spec.lower(), spec.upper(), control.lower(), control.upper(),
                control.learn());
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
