package io.plantstream.collector.definition;

import io.plantstream.events.MachineStatus;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One line of a machine's state logic: when the condition holds, the machine is in that state
 * (with an optional reason code). Rules are tried in order; {@code otherwise} matches always.
 * A condition is a tag name ({@code fault}: true when non-zero), its negation ({@code !running})
 * or a comparison with a number ({@code stateWord == 3}, {@code spindleLoad > 5}).
 */
public record StateRule(String tag, String operator, double operand, MachineStatus state, String reason) {
    private static final Pattern CONDITION = Pattern.compile(
            "\\s*(!?)\\s*([A-Za-z_][A-Za-z0-9_]*)\\s*(?:(==|!=|>=|<=|>|<)\\s*(-?\\d+(?:\\.\\d+)?))?\\s*");

    /** The rule that always matches. */
    public static StateRule otherwise(MachineStatus state, String reason) {
        return new StateRule(null, "otherwise", 0, state, reason);
    }

    /** Parses a condition; throws IllegalArgumentException with the reason. */
    public static StateRule parse(String condition, MachineStatus state, String reason) {
        Matcher matcher = CONDITION.matcher(condition);
        if (!matcher.matches()) {
            throw new IllegalArgumentException("'" + condition + "' is not a condition (e.g. fault, !running, "
                    + "stateWord == 3)");
        }
        if (!matcher.group(1).isEmpty() && matcher.group(3) != null) {
            throw new IllegalArgumentException("'" + condition + "' negates a comparison; write the opposite comparison");
        }
        String operator = matcher.group(3) != null ? matcher.group(3) : matcher.group(1).isEmpty() ? "true" : "false";
        double operand = matcher.group(4) != null ? Double.parseDouble(matcher.group(4)) : 0;
        return new StateRule(matcher.group(2), operator, operand, state, reason);
    }

    /** Whether the rule holds for these values; a rule on a value not present does not hold. */
    public boolean matches(Map<String, Double> values) {
        if (tag == null) {
            return true;
        }
        Double value = values.get(tag);
        if (value == null) {
            return false;
        }
        return switch (operator) {
            case "true" -> value != 0;
            case "false" -> value == 0;
            case "==" -> value == operand;
            case "!=" -> value != operand;
            case ">" -> value > operand;
            case ">=" -> value >= operand;
            case "<" -> value < operand;
            case "<=" -> value <= operand;
            default -> throw new IllegalStateException("unknown operator " + operator);
        };
    }

    @Override
    public String toString() {
        String condition = tag == null ? "otherwise" : switch (operator) {
            case "true" -> tag;
            case "false" -> "!" + tag;
            default -> String.format(Locale.ROOT, "%s %s %s", tag, operator, operand);
        };
        return condition + " -> " + state + (reason == null ? "" : " (" + reason + ")");
    }
}
