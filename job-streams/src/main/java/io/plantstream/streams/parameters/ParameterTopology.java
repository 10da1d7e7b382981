package io.plantstream.streams.parameters;

import io.plantstream.events.Topic;
import io.plantstream.events.Topics;
import io.plantstream.streams.support.DeadLetterSupport;
import io.plantstream.streams.support.DecodeProcessor;
import io.plantstream.streams.support.OrderCycleTimes;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.Stores;

/**
 * The parameter stream: machine telemetry, parameter declarations, counts (for the running order)
 * and states (for production minutes) in, keyed by machine; one-minute and one-hour aggregates, parameter alerts and dead
 * letters out. Built by a pure factory from the topic catalogue.
 */
public final class ParameterTopology {
    public static final String STAGE = "job-streams/parameters";
    static final String PROCESSOR = "parameters-machine-telemetry";
    static final String MINUTE_SINK = "parameters-sink-minutes";
    static final String HOUR_SINK = "parameters-sink-hours";
    static final String ALERT_SINK = "parameters-sink-alerts";
    static final String DECLARATIONS = "parameters-declarations";
    static final String STATES = "parameters-machine-states";
    static final String ORDERS = "parameters-order-cycle-times";
    private static final List<Topic<String, ?>> INPUTS = List.of(Topics.MACHINE_PARAMETERS, Topics.MACHINE_TELEMETRY,
            Topics.MACHINE_COUNTS, Topics.MACHINE_STATE);

    private ParameterTopology() {
    }

    public static Topology build(ParameterSettings settings) {
        Topology topology = new Topology();
        Map<String, String> deadLetterSinks = new LinkedHashMap<>();
        String[] decoders = new String[INPUTS.size()];
        for (int i = 0; i < INPUTS.size(); i++) {
            Topic<String, ?> topic = INPUTS.get(i);
            String source = "parameters-source-" + topic.name();
            decoders[i] = "parameters-decode-" + topic.name();
            String deadLetterSink = "parameters-dlq-" + topic.name();
            topology.addSource(source, Serdes.ByteArray().deserializer(), Serdes.ByteArray().deserializer(),
                    topic.name());
            addDecoder(topology, topic, decoders[i], deadLetterSink, source);
            deadLetterSinks.put(topic.name(), deadLetterSink);
        }
        topology.addProcessor(PROCESSOR, () -> new ParameterProcessor(settings, deadLetterSinks), decoders);
        for (int i = 0; i < INPUTS.size(); i++) {
            topology.addSink(deadLetterSinks.get(INPUTS.get(i).name()), INPUTS.get(i).deadLetter().name(),
                    Serdes.String().serializer(), DeadLetterSupport.VALUE_SERDE.serializer(), decoders[i], PROCESSOR);
        }
        // Cached: a machine's state changes with every sample; only its state at each commit needs
        // to reach the changelog.
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(STATES), Serdes.String(),
                new MachineParameterStateSerde()).withCachingEnabled(), PROCESSOR);
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(DECLARATIONS),
                Serdes.String(), Topics.MACHINE_PARAMETERS.valueSerde()), PROCESSOR);
        topology.addSink(MINUTE_SINK, Topics.PARAMETER_STATS_MINUTE.name(), Serdes.String().serializer(),
                Topics.PARAMETER_STATS_MINUTE.valueSerde().serializer(), PROCESSOR);
        topology.addSink(HOUR_SINK, Topics.PARAMETER_STATS_HOUR.name(), Serdes.String().serializer(),
                Topics.PARAMETER_STATS_HOUR.valueSerde().serializer(), PROCESSOR);
        topology.addSink(ALERT_SINK, Topics.ALERTS.name(), Serdes.String().serializer(),
                Topics.ALERTS.valueSerde().serializer(), PROCESSOR);
        topology.addGlobalStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(ORDERS),
                        Serdes.String(), Serdes.Long()).withLoggingDisabled(),
                "parameters-source-" + Topics.ERP_ORDERS.name(), Serdes.String().deserializer(),
                Serdes.ByteArray().deserializer(), Topics.ERP_ORDERS.name(), "parameters-order-cycle-times-update",
                () -> new OrderCycleTimes(ORDERS));
        return topology;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static void addDecoder(Topology topology, Topic<String, ?> topic, String name, String deadLetterSink,
            String source) {
        topology.addProcessor(name, () -> new DecodeProcessor(topic, STAGE, PROCESSOR, deadLetterSink), source);
    }
}
