package io.plantstream.events;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The key parameters a machine reports as telemetry, with their units and limits, as its
 * collector read them from the machine definition. Published when the collector starts; the
 * latest record per machine is the declaration. Topic machine.parameters.v1 (compacted).
 */
public record MachineParameters(EventMeta meta, String machineId, List<ParameterSpec> parameters)
        implements FactoryEvent {

    public MachineParameters {
        Check.required(meta, "meta");
        Check.id(machineId, "machineId");
        parameters = List.copyOf(Check.required(parameters, "parameters"));
        Set<String> names = new HashSet<>();
        for (ParameterSpec parameter : parameters) {
            if (!names.add(parameter.name())) {
                throw new InvalidFieldException("parameters", "declares '" + parameter.name() + "' twice");
            }
        }
    }

    public Optional<ParameterSpec> parameter(String name) {
        return parameters.stream().filter(p -> p.name().equals(name)).findFirst();
    }
}
