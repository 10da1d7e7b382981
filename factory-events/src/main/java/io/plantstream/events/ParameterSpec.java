package io.plantstream.events;

/**
 * A key machine parameter as its machine definition declares it: the unit, the specification
 * limits (a value outside is out of spec) and the control limits of its one-minute mean (a point
 * outside is a statistical signal). Every limit is optional. Without control limits the control
 * rules are off, unless {@code learnControl} asks the stream to learn the centre line and sigma
 * from the parameter's first production minutes.
 */
public record ParameterSpec(
        String name,
        @OptionalField String unit,
        @OptionalField Double specLower,
        @OptionalField Double specUpper,
        @OptionalField Double controlLower,
        @OptionalField Double controlUpper,
        boolean learnControl) {

    public ParameterSpec {
        Check.id(name, "name");
        finiteOrNull(specLower, "specLower");
        finiteOrNull(specUpper, "specUpper");
        finiteOrNull(controlLower, "controlLower");
        finiteOrNull(controlUpper, "controlUpper");
        if (specLower != null && specUpper != null && specLower >= specUpper) {
            throw new InvalidFieldException("specLower", "is " + specLower + ", not below specUpper " + specUpper);
        }
        if ((controlLower == null) != (controlUpper == null)) {
            throw new InvalidFieldException(controlLower == null ? "controlLower" : "controlUpper",
                    "is missing; control limits come in pairs");
        }
        if (controlLower != null && learnControl) {
            throw new InvalidFieldException("learnControl", "is set next to declared control limits; choose one");
        }
        if (controlLower != null && controlLower >= controlUpper) {
            throw new InvalidFieldException("controlLower",
                    "is " + controlLower + ", not below controlUpper " + controlUpper);
        }
    }

    /** A parameter with declared limits (or none), its control limits not learned. */
    public ParameterSpec(String name, String unit, Double specLower, Double specUpper, Double controlLower,
            Double controlUpper) {
        this(name, unit, specLower, specUpper, controlLower, controlUpper, false);
    }

    /** A parameter with a unit and no limits. */
    public static ParameterSpec of(String name, String unit) {
        return new ParameterSpec(name, unit, null, null, null, null);
    }

    /** Whether the control rules judge this parameter, against declared or learned limits. */
    public boolean isControlled() {
        return controlLower != null || learnControl;
    }

    public boolean hasControlLimits() {
        return controlLower != null;
    }

    /** Null when the value is inside the specification, else how it is outside. */
    public String outOfSpec(double value) {
        if (specLower != null && value < specLower) {
            return "below its lower limit " + specLower;
        }
        if (specUpper != null && value > specUpper) {
            return "above its upper limit " + specUpper;
        }
        return null;
    }

    /** The specification limit nearer to the value (the one it crossed, when out of spec), or null without limits. */
    public Double nearestSpecLimit(double value) {
        if (specLower == null || specUpper == null) {
            return specLower != null ? specLower : specUpper;
        }
        return value < (specLower + specUpper) / 2 ? specLower : specUpper;
    }

    private static void finiteOrNull(Double value, String field) {
        if (value != null) {
            Check.finite(value, field);
        }
    }
}
