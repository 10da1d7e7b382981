package io.plantstream.streams.replay;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.plantstream.config.ConfigSource;
import io.plantstream.events.EventMeta;
import io.plantstream.events.MachineCounts;
import io.plantstream.events.MachineState;
import io.plantstream.events.Topics;
import io.plantstream.events.serde.EventJson;
import io.plantstream.streams.oee.VorneSteps;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReplayCommandTest {

    @TempDir
    Path dir;

    @Test
    void reproducesTheVorneExampleFromAFile() throws IOException {
        Path events = dir.resolve("vorne.jsonl");
        List<String> lines = new ArrayList<>();
        int n = 0;
        for (VorneSteps.Step step : VorneSteps.steps()) {
            EventMeta meta = new EventMeta("e" + (++n), "file", step.time(), 1);
            if (step.isCount()) {
                lines.add(json(Map.of("topic", Topics.MACHINE_COUNTS.name(), "value",
                        new MachineCounts(meta, "M01", step.produced(), step.rejected(), 0, 0, false, null))));
            } else {
                lines.add(json(new MachineState(meta, "M01", step.state(), step.reason(), null)));
            }
        }
        lines.add(5, "{\"this is\": \"not an event\"}");
        Files.write(events, lines, StandardCharsets.UTF_8);
        Path calendar = dir.resolve("calendar.yaml");
        try (InputStream in = getClass().getResourceAsStream("/calendars/vorne.yaml")) {
            Files.write(calendar, in.readAllBytes());
        }

        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        ReplayCommand.Summary summary = ReplayCommand.run(ReplayCommand.CATALOGUE.resolve(ConfigSource.of(Map.of(
                "events", events.toString(), "calendar.file", calendar.toString()), "test")),
                new PrintWriter(out), new PrintWriter(err));

        assertThat(err.toString()).contains("line 6: cannot tell which topic this event belongs to");
        assertThat(summary.linesRefused()).isEqualTo(1);
        JsonNode shift = null;
        for (String line : out.toString().split("\n")) {
            JsonNode node = EventJson.mapper().readTree(line);
            if (node.path("value").path("granularity").asText().equals("SHIFT")) {
                assertThat(shift).as("one final shift record").isNull();
                shift = node.get("value");
            }
        }
        assertThat(shift).isNotNull();
        VorneSteps.assertVorneFigures(shift.get("availability").asDouble(), shift.get("performance").asDouble(),
                shift.get("quality").asDouble(), shift.get("oee").asDouble());
    }

    private static String json(Object value) throws IOException {
        return EventJson.mapper().writeValueAsString(value);
    }
}
