package io.plantstream.streams.replay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.plantstream.config.Config;
import io.plantstream.config.ConfigCatalogue;
import io.plantstream.config.ConfigException;
import io.plantstream.config.ConfigSource;
import io.plantstream.config.Setting;
import io.plantstream.events.FactoryEvent;
import io.plantstream.events.Topic;
import io.plantstream.events.Topics;
import io.plantstream.events.serde.EventJson;
import io.plantstream.streams.app.JobStreamsConfig;
import io.plantstream.streams.calendar.CalendarLoader;
import io.plantstream.streams.jobs.JobSettings;
import io.plantstream.streams.jobs.JobTopology;
import io.plantstream.streams.oee.OeeSettings;
import io.plantstream.streams.oee.OeeTopology;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Runs the production OEE and job topologies offline over a file of events (JSON lines) and a
 * shift calendar, and prints the resulting OEE and job-state records as JSON lines: for
 * back-fills, what-if analyses and audits. Lines that cannot be used are reported on stderr
 * with their line number; the replay goes on.
 *
 * <p>A line is {@code {"topic": "machine.counts.v1", "value": {...}}}, or a bare event whose
 * topic is recognised by its fields.
 */
public final class ReplayCommand {
    static final Setting<Path> EVENTS = Setting.path("events", null, "file of events, one JSON object a line");
    static final Setting<String> OEE_OUTPUT = new Setting<>("oee", "final|all", v -> {
        if (!v.equals("final") && !v.equals("all")) {
            throw new IllegalArgumentException("must be final or all");
        }
        return v;
    }, "final", "print only final OEE records, or live ones too", false);
    static final ConfigCatalogue CATALOGUE = new ConfigCatalogue("replay", "REPLAY_", List.of(EVENTS,
            JobStreamsConfig.CALENDAR, OEE_OUTPUT, JobStreamsConfig.IDEAL_CYCLE, JobStreamsConfig.SILENCE,
            JobStreamsConfig.GRACE));

    private ReplayCommand() {
    }

    public static void main(String[] args) throws IOException {
        Config config;
        try {
            config = CATALOGUE.resolve(new ConfigSource().withArguments(args).withEnvironment(CATALOGUE, System.getenv()));
        } catch (ConfigException e) {
            System.err.println(e.getMessage());
            System.err.println("Usage: replay --events=FILE --calendar.file=FILE [settings]" + System.lineSeparator()
                    + CATALOGUE.help());
            System.exit(2);
            return;
        }
        PrintWriter out = new PrintWriter(System.out, false, StandardCharsets.UTF_8);
        PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
        Summary summary = run(config, out, err);
        out.flush();
        err.println(summary);
    }

    /** Replays the events of {@code config}; returns what went in and came out. */
    public static Summary run(Config config, PrintWriter out, PrintWriter err) throws IOException {
        OeeSettings settings = new OeeSettings("replay", CalendarLoader.load(config.get(JobStreamsConfig.CALENDAR)),
                Map.of(), config.get(JobStreamsConfig.IDEAL_CYCLE).toNanos() / 1000, config.get(JobStreamsConfig.SILENCE),
                config.get(JobStreamsConfig.GRACE), Duration.ZERO, Duration.ofHours(1), Duration.ofDays(365), 0,
                Duration.ofDays(365), Duration.ZERO);
        boolean allOee = config.get(OEE_OUTPUT).equals("all");
        try (ReplayDriver oee = new ReplayDriver(OeeTopology.build(settings), "replay-oee");
                ReplayDriver jobs = new ReplayDriver(JobTopology.build(JobSettings.immediate("replay", Duration.ofDays(1))),
                        "replay-jobs");
                BufferedReader lines = Files.newBufferedReader(config.get(EVENTS), StandardCharsets.UTF_8)) {
            int read = 0;
            int refused = 0;
            Instant last = null;
            String line;
            while ((line = lines.readLine()) != null) {
                read++;
                if (line.isBlank()) {
                    continue;
                }
                try {
                    Line parsed = Line.parse(line);
                    last = parsed.event().meta().eventTime();
                    oee.pipe(parsed.topic(), parsed.bytes(), last);
                    jobs.pipe(parsed.topic(), parsed.bytes(), last);
                } catch (IllegalArgumentException e) {
                    refused++;
                    err.println("line " + read + ": " + e.getMessage());
                }
            }
            if (last != null) {
                Instant end = last.plus(settings.grace()).plus(Duration.ofHours(2));
                oee.advanceTo(end);
                jobs.advanceTo(end);
            }
            int written = oee.print(Topics.OEE, out, r -> allOee || r.finalResult())
                    + jobs.print(Topics.JOB_STATE, out, r -> true);
            return new Summary(read, refused, written, oee.deadLetters() + jobs.deadLetters());
        }
    }

    /** What a replay read and wrote. */
    public record Summary(int linesRead, int linesRefused, int recordsWritten, int deadLetters) {
        @Override
        public String toString() {
            return "replay: " + linesRead + " lines read, " + linesRefused + " refused, " + deadLetters
                    + " dead letters, " + recordsWritten + " records written";
        }
    }

    /** One input line: its topic, the event and its bytes as they would be on the topic. */
    record Line(Topic<String, ?> topic, FactoryEvent event, byte[] bytes) {
        private static final ObjectMapper JSON = EventJson.mapper();

        @SuppressWarnings("unchecked")
        static Line parse(String text) {
            JsonNode node;
            try {
                node = JSON.readTree(text);
            } catch (IOException e) {
                throw new IllegalArgumentException("not JSON: " + e.getMessage().lines().findFirst().orElse(""));
            }
            if (!(node instanceof ObjectNode object)) {
                throw new IllegalArgumentException("not a JSON object");
            }
            JsonNode value = object.has("topic") && object.has("value") ? object.get("value") : object;
            Topic<String, ?> topic = object.has("topic") ? topicNamed(object.get("topic").asText()) : recognise(object);
            byte[] bytes = value.toString().getBytes(StandardCharsets.UTF_8);
            try {
                Object event = topic.valueSerde().deserializer().deserialize(topic.name(), bytes);
                return new Line(topic, (FactoryEvent) event, bytes);
            } catch (RuntimeException e) {
                throw new IllegalArgumentException(e.getMessage());
            }
        }

        @SuppressWarnings("unchecked")
        private static Topic<String, ?> topicNamed(String name) {
            Topic<?, ?> topic = Topics.byName(name)
                    .orElseThrow(() -> new IllegalArgumentException("unknown topic " + name));
            if (topic.keyType() != String.class) {
                throw new IllegalArgumentException("topic " + name + " is an output, not an input");
            }
            return (Topic<String, ?>) topic;
        }

        private static Topic<String, ?> recognise(ObjectNode event) {
            if (event.has("producedDelta")) {
                return Topics.MACHINE_COUNTS;
            }
            if (event.has("state") && event.has("machineId")) {
                return Topics.MACHINE_STATE;
            }
            if (event.has("commandId") && event.has("result")) {
                return Topics.JOB_ACKS;
            }
            if (event.has("commandId")) {
                return Topics.JOB_COMMANDS;
            }
            if (event.has("workCenter")) {
                return Topics.ERP_ORDERS;
            }
            throw new IllegalArgumentException("cannot tell which topic this event belongs to; "
                    + "write {\"topic\": ..., \"value\": ...}");
        }
    }
}
