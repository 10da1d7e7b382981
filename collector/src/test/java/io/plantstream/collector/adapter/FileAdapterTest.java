package io.plantstream.collector.adapter;

import static org.assertj.core.api.Assertions.assertThat;

import io.plantstream.collector.core.RawSample;
import io.plantstream.collector.definition.DefinitionLoader;
import io.plantstream.collector.definition.MachineDefinition;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The file machine against real folders: each file through processing/ to done/ or failed/. */
class FileAdapterTest {
    @TempDir
    Path outbox;

    private FileAdapter adapter;

    @BeforeEach
    void machine() {
        MachineDefinition machine = DefinitionLoader.parse("m09.yaml", """
                id: M09
                kind: file
                connection: {outbox: "%s", maxFileBytes: 2000}
                tags: {time: timestamp, running: run, partCounter: good, rejectCounter: scrap}
                telemetry: [{name: torque, address: torque_nm, unit: Nm}]
                """.formatted(outbox)).get(0);
        adapter = new FileAdapter(machine, ZoneId.of("Europe/Berlin"));
    }

    @Test
    void readsACsvFileRowByRowAndMovesItToDone() throws Exception {
        write("result-001.csv", "timestamp;run;good;scrap;torque_nm\n2026-11-25 08:00:00;1;100;2;41.5\n"
                + "2026-11-25 08:00:10;1;104;2;42.0\n");
        MachineAdapter.Batch batch = adapter.poll();
        assertThat(batch.refusals()).isEmpty();
        assertThat(batch.samples()).extracting(RawSample::time).containsExactly(
                Instant.parse("2026-11-25T07:00:00Z"), Instant.parse("2026-11-25T07:00:10Z"));
        assertThat(batch.samples().get(1).values()).containsEntry("partCounter", "104").containsEntry("torque", "42.0")
                .containsEntry("running", "1");
        assertThat(batch.samples().get(1).sampleId()).isEqualTo("M09/result-001.csv#3");
        assertThat(Files.exists(outbox.resolve("processing/result-001.csv"))).as("in processing until handed over")
                .isTrue();
        adapter.processed();
        assertThat(Files.exists(outbox.resolve("done/result-001.csv"))).isTrue();
        assertThat(adapter.poll().samples()).isEmpty();
    }

    @Test
    void readsTimesWithOrWithoutOffsetSecondsAndFractionsAndRefusesImpossibleOnes() throws Exception {
        write("result-004.csv", "timestamp,run,good,scrap\n2026-11-25T08:01,1,100,2\n2026-11-25 08:00:10.123456,1,101,2\n"
                + "2026-11-25 24:00:00,1,102,2\n2026-02-30 08:00:00,1,103,2\n2026-11-25T08:02:00Z,1,104,2\n"
                + "2026-11-25T09:03:00.5+01:00,1,105,2\n");
        MachineAdapter.Batch batch = adapter.poll();
        assertThat(batch.samples()).extracting(RawSample::time).containsExactly(
                Instant.parse("2026-11-25T07:01:00Z"), Instant.parse("2026-11-25T07:00:10.123456Z"),
                Instant.parse("2026-11-25T08:02:00Z"), Instant.parse("2026-11-25T08:03:00.5Z"));
        assertThat(batch.refusals()).extracting(MachineAdapter.Refusal::reason).allMatch(r -> r.startsWith("time '"))
                .hasSize(2);
    }

    @Test
    void readsABacklogOfFilesOldestFirst() throws Exception {
        for (int i = 0; i < 30; i++) {
            Path file = Files.writeString(outbox.resolve("backlog-" + (29 - i) + ".csv"),
                    "timestamp,run,good,scrap\n2026-11-25 08:00:" + String.format("%02d", i) + ",1," + (100 + i) + ",0\n");
            Files.setLastModifiedTime(file, java.nio.file.attribute.FileTime.from(Instant.now().minusSeconds(60 - i)));
        }
        List<Instant> times = new java.util.ArrayList<>();
        for (int i = 0; i < 30; i++) {
            MachineAdapter.Batch batch = adapter.poll();
            batch.samples().forEach(sample -> times.add(sample.time()));
            adapter.processed();
        }
        assertThat(times).hasSize(30).isSorted();
        assertThat(adapter.poll().samples()).isEmpty();
        try (java.util.stream.Stream<Path> done = Files.list(outbox.resolve("done"))) {
            assertThat(done.count()).isEqualTo(30);
        }
    }

    @Test
    void readsXmlResultsFromAttributesOrElements() throws Exception {
        write("result-002.xml", """
                <results>
                  <result timestamp="2026-11-25T08:00:00+01:00" run="1" good="7" scrap="0"/>
                  <result><timestamp>2026-11-25T08:01:00+01:00</timestamp><run>0</run><good>9</good><scrap>1</scrap></result>
                </results>
                """);
        MachineAdapter.Batch batch = adapter.poll();
        assertThat(batch.samples()).extracting(s -> s.values().get("partCounter")).containsExactly("7", "9");
    }

    @Test
    void refusesATruncatedRowAloneAndKeepsTheRest() throws Exception {
        write("result-003.csv", "timestamp,run,good,scrap,torque_nm\n2026-11-25 08:00:00,1,100\n"
                + "2026-11-25 08:00:10,1,104,2,42.0\nyesterday,1,105,2,42.0\n");
        MachineAdapter.Batch batch = adapter.poll();
        assertThat(batch.samples()).hasSize(1);
        assertThat(batch.refusals()).extracting(MachineAdapter.Refusal::reason).containsExactly(
                "line 2 has 3 fields, the header 5",
                "time 'yesterday' is not a time (expected e.g. 2026-11-25 08:15:00 or 2026-11-25T08:15:00+01:00)");
    }

    @Test
    void refusesBrokenFilesWithTheReasonBesideThem() throws Exception {
        write("a-wrong-columns.csv", "when,parts\n2026-11-25 08:00:00,5\n");
        byte[] latin1 = "timestamp;run;good;scrap\n2026-11-25 08:00:00;1;5;0 \u00e4\u00f6\u00fc\n"
                .getBytes(StandardCharsets.ISO_8859_1);
        Files.write(outbox.resolve("b-latin1.csv"), latin1);
        write("c-huge.csv", "timestamp;run;good;scrap\n" + "2026-11-25 08:00:00;1;5;0\n".repeat(100));
        write("d-broken.xml", "<results><result good=\"5\"></results>");
        settle();

        List<String> reasons = new java.util.ArrayList<>();
        for (int i = 0; i < 4; i++) {
            MachineAdapter.Batch batch = adapter.poll();
            assertThat(batch.samples()).isEmpty();
            batch.refusals().forEach(r -> reasons.add(r.origin().substring(r.origin().lastIndexOf('/') + 1) + ": "
                    + r.reason()));
        }
        assertThat(reasons).containsExactlyInAnyOrder(
                "a-wrong-columns.csv: wrong columns: [when, parts] lack good (partCounter)",
                "b-latin1.csv: file is not UTF-8 text",
                "c-huge.csv: file is 2625 bytes, more than the limit of 2000",
                "d-broken.xml: file is not well-formed XML: The end-tag for element type \"result\" must end with a "
                        + "'>' delimiter.");
        assertThat(Files.readString(outbox.resolve("failed/b-latin1.csv.reason.txt"))).isEqualTo("file is not UTF-8 text\n");
        assertThat(outbox.resolve("failed")).isDirectoryContaining(p -> p.getFileName().toString().equals("c-huge.csv"));
    }

    @Test
    void aFileLeftInProcessingByACrashIsReadAgainFirst() throws Exception {
        write("result-004.csv", "timestamp;run;good;scrap\n2026-11-25 08:00:00;1;100;2\n");
        assertThat(adapter.poll().samples()).hasSize(1);
        // crash: never marked processed; a new adapter (the restarted collector) finds it in processing/
        machine();
        write("result-005.csv", "timestamp;run;good;scrap\n2026-11-25 08:01:00;1;110;2\n");
        assertThat(adapter.poll().samples()).extracting(s -> s.values().get("partCounter")).containsExactly("100");
        adapter.processed();
        assertThat(adapter.poll().samples()).extracting(s -> s.values().get("partCounter")).containsExactly("110");
    }

    @Test
    void leavesAFileStillBeingWrittenForTheNextPoll() throws Exception {
        Files.writeString(outbox.resolve("result-006.csv"), "timestamp;run;good;scrap\n");
        assertThat(adapter.poll().samples()).isEmpty();
        assertThat(Files.exists(outbox.resolve("result-006.csv"))).isTrue();
    }

    private void write(String name, String content) throws Exception {
        Files.writeString(outbox.resolve(name), content);
        settle();
    }

    /** Files count as complete once untouched for a moment; date them back instead of waiting. */
    private void settle() throws Exception {
        try (var files = Files.list(outbox)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Files.setLastModifiedTime(file, FileTime.from(Instant.now().minusSeconds(5)));
            }
        }
    }
}
