package io.plantstream.collector.definition;

import io.plantstream.events.ParameterSpec;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Everything the collector needs to know about one machine: identity, how to reach it, what its
 * tags mean, how raw values become states, alarms and counts. Read from YAML by
 * {@link DefinitionLoader}; connecting a new machine is a new file, not new code.
 *
 * @param connection kind-specific settings (url, tables, folders), checked by the loader
 * @param tags the tags with a meaning, by meaning
 * @param telemetry the free telemetry tags, by name
 * @param counterMax the largest value of the part counters (wrap-around)
 * @param counterMaxStep the largest plausible increase between two reads; more is refused
 * @param job where a PLC takes a job (orderNo, targetQuantity, article, recipe, command), by field
 * @param where file and line of the definition, for messages
 */
public record MachineDefinition(String id, String name, String line, MachineKind kind, Map<String, String> connection,
        Duration poll, Duration silence, Duration heartbeat, Map<Meaning, TagSpec> tags, List<TagSpec> telemetry,
        List<StateRule> stateRules, List<AlarmBit> alarms, long counterMax, long counterMaxStep, Map<String, String> job,
        String where) {

    public MachineDefinition {
        connection = Map.copyOf(connection);
        tags = Map.copyOf(tags);
        telemetry = List.copyOf(telemetry);
        stateRules = List.copyOf(stateRules);
        alarms = List.copyOf(alarms);
        job = Map.copyOf(job);
    }

    public TagSpec tag(Meaning meaning) {
        return tags.get(meaning);
    }

    /** The key parameters the machine reports as telemetry: its cycle time, if read, and every telemetry tag. */
    public List<ParameterSpec> parameters() {
        java.util.List<ParameterSpec> parameters = new java.util.ArrayList<>();
        TagSpec cycle = tags.get(Meaning.CYCLE_TIME);
        if (cycle != null) {
            parameters.add(cycle.parameter());
        }
        telemetry.forEach(t -> parameters.add(t.parameter()));
        return parameters;
    }

    /** Every tag to read: meanings first, then telemetry. */
    public List<TagSpec> allTags() {
        java.util.List<TagSpec> all = new java.util.ArrayList<>(tags.values());
        all.addAll(telemetry);
        return all;
    }
}
