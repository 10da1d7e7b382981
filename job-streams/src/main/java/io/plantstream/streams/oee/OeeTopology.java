package io.plantstream.streams.oee;

import io.plantstream.events.Topic;
import io.plantstream.events.Topics;
import io.plantstream.streams.support.DeadLetterSupport;
import io.plantstream.streams.support.DecodeProcessor;
import io.plantstream.streams.support.InputFrontier;
import io.plantstream.streams.support.OrderCycleTimes;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.Stores;

/**
 * The OEE stream: machine states, counts and job commands (all keyed by machine) in; OEE
 * records, alerts and dead letters out. Built by a pure factory from the topic catalogue.
 *
 * <p>Stores are in memory, backed by changelog topics: the state is a few kilobytes per machine,
 * so a restart restores it in seconds, and no disk flush sits on the per-event path.
 */
public final class OeeTopology {
    public static final String STAGE = "job-streams/oee";
    static final String PROCESSOR = "oee-machine-events";
    static final String OEE_SINK = "oee-sink-oee";
    static final String ALERT_SINK = "oee-sink-alerts";
    private static final List<Topic<String, ?>> INPUTS = List.of(Topics.MACHINE_STATE, Topics.MACHINE_COUNTS,
            Topics.JOB_COMMANDS);

    private OeeTopology() {
    }

    public static Topology build(OeeSettings settings) {
        return build(settings, new LiveFigures());
    }

    public static Topology build(OeeSettings settings, LiveFigures live) {
        return build(settings, live, InputFrontier.unlisted());
    }

    /**
     * The topology, its processors publishing each machine's latest live figure into {@code live}
     * as well, and marking what they received on {@code frontier} (whose listed ends tell a silent
     * input from one held up with records on the brokers).
     */
    public static Topology build(OeeSettings settings, LiveFigures live, InputFrontier frontier) {
        Topology topology = new Topology();
        Map<String, String> deadLetterSinks = new LinkedHashMap<>();
        String[] decoders = new String[INPUTS.size()];
        for (int i = 0; i < INPUTS.size(); i++) {
            Topic<String, ?> topic = INPUTS.get(i);
            String source = "oee-source-" + topic.name();
            String decoder = "oee-decode-" + topic.name();
            String deadLetterSink = "oee-dlq-" + topic.name();
            topology.addSource(source, Serdes.ByteArray().deserializer(), Serdes.ByteArray().deserializer(),
                    topic.name());
            addDecoder(topology, topic, decoder, deadLetterSink, source, frontier);
            deadLetterSinks.put(topic.name(), deadLetterSink);
            decoders[i] = decoder;
        }
        topology.addProcessor(PROCESSOR,
                () -> new OeeProcessor(settings, live, frontier, OEE_SINK, ALERT_SINK, deadLetterSinks), decoders);
        for (int i = 0; i < INPUTS.size(); i++) {
            topology.addSink(deadLetterSinks.get(INPUTS.get(i).name()), INPUTS.get(i).deadLetter().name(),
                    Serdes.String().serializer(), DeadLetterSupport.VALUE_SERDE.serializer(), decoders[i], PROCESSOR);
        }
        // Cached: a machine's timeline and the clock change with every event, but only their state at
        // each commit needs to reach the changelog.
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(OeeStores.TIMELINES),
                Serdes.String(), new TimelineSerde()).withCachingEnabled(), PROCESSOR);
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(OeeStores.CLOCK),
                Serdes.String(), Serdes.Long()).withCachingEnabled(), PROCESSOR);
        topology.addSink(OEE_SINK, Topics.OEE.name(), Topics.OEE.keySerde().serializer(),
                Topics.OEE.valueSerde().serializer(), PROCESSOR);
        topology.addSink(ALERT_SINK, Topics.ALERTS.name(), Topics.ALERTS.keySerde().serializer(),
                Topics.ALERTS.valueSerde().serializer(), PROCESSOR);
        topology.addGlobalStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(OeeStores.ORDERS),
                        Serdes.String(), Serdes.Long()).withLoggingDisabled(),
                "oee-source-" + Topics.ERP_ORDERS.name(), Serdes.String().deserializer(),
                Serdes.ByteArray().deserializer(), Topics.ERP_ORDERS.name(), "oee-order-cycle-times",
                () -> new OrderCycleTimes(OeeStores.ORDERS));
        return topology;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static void addDecoder(Topology topology, Topic<String, ?> topic, String name, String deadLetterSink,
            String source, InputFrontier frontier) {
        topology.addProcessor(name, () -> new DecodeProcessor(topic, STAGE, PROCESSOR, deadLetterSink, frontier),
                source);
    }
}
