package io.plantstream.collector.adapter;

import com.fasterxml.jackson.databind.JsonNode;
import io.plantstream.collector.core.RawSample;
import io.plantstream.collector.definition.MachineDefinition;
import io.plantstream.collector.definition.Meaning;
import io.plantstream.collector.definition.TagSpec;
import io.plantstream.config.Durations;
import io.plantstream.events.serde.EventJson;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A machine that publishes itself over MQTT, as JSON ({@code format: json}, the default: each
 * message on its topic is a sample, each tag address a field path into the message such as
 * {@code counters.good}) or as Sparkplug B ({@code format: sparkplug}: tag addresses are metric
 * names, aliases resolved from the BIRTH messages). The subscription is
 * QoS 1 in a persistent session under a fixed client id, so messages published while the
 * collector is away are kept by the broker and delivered when it returns. Messages arrive on
 * the client's thread and wait in a bounded queue for the next poll; a message that is no JSON
 * object is refused with the reason. Waits are bounded by {@code timeout}; after a lost
 * connection the next poll connects afresh.
 */
public final class MqttAdapter implements MachineAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(MqttAdapter.class);
    private static final int QUEUE = 10_000;
    private static final long QUEUE_WAIT_MS = 500;
    private static final int MAX_PAYLOAD = 256 * 1024;

    private final MachineDefinition machine;
    private final String password;
    private final Duration timeout;
    private final BlockingQueue<Message> messages = new ArrayBlockingQueue<>(QUEUE);
    private final AtomicLong overflow = new AtomicLong();
    private final boolean sparkplug;
    private final Map<String, Map<Long, String>> aliases = new java.util.HashMap<>();
    private MqttClient client;

    private record Message(String topic, byte[] payload, Instant received) {
    }

    public MqttAdapter(MachineDefinition machine, String password) {
        this.machine = machine;
        this.password = password;
        this.timeout = Durations.parse(machine.connection().getOrDefault("timeout", "5s"));
        this.sparkplug = "sparkplug".equals(machine.connection().getOrDefault("format", "json"));
    }

    @Override
    public synchronized Batch poll() throws MqttException {
        connect();
        List<RawSample> samples = new ArrayList<>();
        List<Refusal> refusals = new ArrayList<>();
        long lost = overflow.getAndSet(0);
        if (lost > 0) {
            refusals.add(new Refusal("mqtt:" + machine.connection().get("topic"), lost + " messages arrived faster than "
                    + "the collector read them and were refused by the full queue", new byte[0]));
        }
        Message message;
        while (samples.size() + refusals.size() < 1000 && (message = messages.poll()) != null) {
            sample(message, samples, refusals);
        }
        return new Batch(samples, refusals, !messages.isEmpty());
    }

    private void sample(Message message, List<RawSample> samples, List<Refusal> refusals) {
        if (sparkplug) {
            sparkplugSample(message, samples, refusals);
            return;
        }
        String origin = "mqtt:" + message.topic();
        if (message.payload().length > MAX_PAYLOAD) {
            refusals.add(new Refusal(origin, "message of " + message.payload().length + " bytes is larger than "
                    + MAX_PAYLOAD, Arrays.copyOf(message.payload(), 1024)));
            return;
        }
        JsonNode root;
        try {
            root = EventJson.mapper().readTree(message.payload());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            refusals.add(new Refusal(origin, "message is not JSON: " + e.getOriginalMessage(), message.payload()));
            return;
        } catch (java.io.IOException e) {
            refusals.add(new Refusal(origin, "message cannot be read: " + e.getMessage(), message.payload()));
            return;
        }
        if (root == null || !root.isObject()) {
            refusals.add(new Refusal(origin, "message is not a JSON object", message.payload()));
            return;
        }
        Map<String, Object> values = new LinkedHashMap<>();
        Instant time = message.received();
        for (TagSpec tag : machine.allTags()) {
            JsonNode field = field(root, tag.address());
            if (field == null || field.isMissingNode()) {
                continue;
            }
            if (tag.name().equals(Meaning.TIME.key())) {
                try {
                    time = field.isNumber() ? Instant.ofEpochMilli(field.asLong())
                            : OffsetDateTime.parse(field.asText()).toInstant();
                } catch (DateTimeParseException e) {
                    refusals.add(new Refusal(origin, "time '" + field.asText() + "' is not a time", message.payload()));
                    return;
                }
                continue;
            }
            values.put(tag.name(), field.isNull() ? null : field.isNumber() ? field.numberValue()
                    : field.isBoolean() ? field.booleanValue() : field.asText());
        }
        samples.add(new RawSample(time, values, origin, null, message.received()));
    }

    /**
     * A Sparkplug B message: BIRTH messages name the metrics and their aliases, DATA messages carry
     * values by name or alias; tag addresses are metric names. Other message types are ignored.
     */
    private void sparkplugSample(Message message, List<RawSample> samples, List<Refusal> refusals) {
        String origin = "mqtt:" + message.topic();
        String[] levels = message.topic().split("/");
        if (levels.length < 4 || !levels[0].startsWith("spB")) {
            refusals.add(new Refusal(origin, "topic is not a Sparkplug B topic (spBv1.0/<group>/<type>/<node>[/<device>])",
                    new byte[0]));
            return;
        }
        String type = levels[2];
        if (!type.endsWith("BIRTH") && !type.endsWith("DATA")) {
            return;
        }
        SparkplugB.Payload payload;
        try {
            payload = SparkplugB.decode(message.payload());
        } catch (java.io.IOException | RuntimeException e) {
            refusals.add(new Refusal(origin, "message is not a Sparkplug B payload: " + e.getMessage(),
                    Arrays.copyOf(message.payload(), Math.min(message.payload().length, 1024))));
            return;
        }
        String source = String.join("/", Arrays.copyOfRange(levels, 3, levels.length));
        Map<Long, String> names = aliases.computeIfAbsent(source, s -> new java.util.HashMap<>());
        Map<String, Object> byName = new LinkedHashMap<>();
        for (SparkplugB.Metric metric : payload.metrics()) {
            String name = metric.name();
            if (name != null && metric.alias() != null) {
                names.put(metric.alias(), name);
            }
            if (name == null && metric.alias() != null) {
                name = names.get(metric.alias());
            }
            if (name == null) {
                refusals.add(new Refusal(origin, "metric alias " + metric.alias() + " was never named in a BIRTH message",
                        new byte[0]));
                continue;
            }
            byName.put(name, metric.value());
        }
        Map<String, Object> values = new LinkedHashMap<>();
        for (TagSpec tag : machine.allTags()) {
            if (byName.containsKey(tag.address()) && !tag.name().equals(Meaning.TIME.key())) {
                values.put(tag.name(), byName.get(tag.address()));
            }
        }
        if (!values.isEmpty()) {
            Instant time = payload.timestamp() != null ? Instant.ofEpochMilli(payload.timestamp()) : message.received();
            samples.add(new RawSample(time, values, origin, null, message.received()));
        }
    }

    /** A field by path: {@code a.b}, {@code a.list[2].c}. */
    private static JsonNode field(JsonNode root, String path) {
        JsonNode node = root;
        for (String part : path.split("\\.")) {
            int bracket = part.indexOf('[');
            String name = bracket < 0 ? part : part.substring(0, bracket);
            node = node.path(name);
            if (bracket >= 0) {
                node = node.path(Integer.parseInt(part.substring(bracket + 1, part.length() - 1)));
            }
        }
        return node;
    }

    private void connect() throws MqttException {
        if (client != null && client.isConnected()) {
            return;
        }
        disconnect();
        MqttClient fresh = new MqttClient(machine.connection().get("url"), "plantstream-" + machine.id(),
                new MemoryPersistence());
        fresh.setTimeToWait(timeout.toMillis());
        MqttConnectOptions options = new MqttConnectOptions();
        options.setCleanSession(false);
        options.setAutomaticReconnect(false);
        options.setConnectionTimeout((int) Math.max(1, timeout.toSeconds()));
        options.setKeepAliveInterval(10);
        if (machine.connection().containsKey("user")) {
            options.setUserName(machine.connection().get("user"));
            options.setPassword(password.toCharArray());
        }
        // The handler is in place before the connection opens: a persistent session's messages kept
        // by the broker arrive right after the connect, before subscribe() returns, and a client
        // without a handler would acknowledge and drop them.
        fresh.setCallback(new MqttCallback() {
            @Override
            public void connectionLost(Throwable cause) {
                LOG.warn("{}: MQTT connection lost: {}", machine.id(), cause.getMessage());
            }

            @Override
            public void messageArrived(String topic, MqttMessage message) throws InterruptedException {
                // A full queue holds the client back for a moment (the broker keeps what it has not
                // sent), and only then is the message counted as refused.
                if (!messages.offer(new Message(topic, message.getPayload(), Instant.now()), QUEUE_WAIT_MS,
                        TimeUnit.MILLISECONDS)) {
                    overflow.incrementAndGet();
                }
            }

            @Override
            public void deliveryComplete(IMqttDeliveryToken token) {
                // the collector publishes nothing here
            }
        });
        fresh.connect(options);
        fresh.subscribe(machine.connection().get("topic"), 1);
        client = fresh;
        LOG.info("{}: subscribed to {} on {}", machine.id(), machine.connection().get("topic"),
                machine.connection().get("url"));
    }

    @Override
    public void processed() {
        // QoS 1 messages are acknowledged by the client as they arrive; they are in the queue or handed over
    }

    @Override
    public synchronized void disconnect() {
        MqttClient open = client;
        client = null;
        if (open != null) {
            try {
                if (open.isConnected()) {
                    open.disconnectForcibly(500, 500);
                }
                open.close(true);
            } catch (MqttException e) {
                LOG.debug("closing the MQTT client failed", e);
            }
        }
    }

}
