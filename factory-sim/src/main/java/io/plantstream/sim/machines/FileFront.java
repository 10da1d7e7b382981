package io.plantstream.sim.machines;

import com.fasterxml.jackson.databind.JsonNode;
import io.plantstream.events.serde.EventJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A machine that only exchanges files: every few seconds it drops a CSV result file (one row per
 * moment since the last file, {@code ;}-separated, with a header) into its outbox, written under a
 * temporary name and renamed; it takes jobs as the JSON files the job agent puts into its inbox,
 * and removes each file it took.
 */
final class FileFront implements MachineFront {
    private static final Logger LOG = LoggerFactory.getLogger(FileFront.class);
    private static final Duration FILE_EVERY = Duration.ofSeconds(5);
    /** Which column of a result file holds which signal, in the files' column order. */
    private static final Map<String, String> COLUMNS = columns("time", "timestamp", "running", "run", "fault", "fault",
            "setup", "setup", "plannedStop", "planned", "partCounter", "good", "rejectCounter", "scrap", "alarmWord",
            "alarm", "cycleTime", "cycle", "activeJob", "job", "spindleLoad", "spindle", "temperature", "temp");
    static final String HEADER = String.join(";", COLUMNS.values());

    private final String machine;
    private final Path outbox;
    private final Path inbox;
    private final List<String> rows = new ArrayList<>();
    private Instant lastFile;
    private long files;

    FileFront(String machine, Path folder) throws IOException {
        this.machine = machine;
        this.outbox = Files.createDirectories(folder.resolve("outbox"));
        this.inbox = Files.createDirectories(folder.resolve("inbox"));
    }

    @Override
    public void show(MachineModel.Snapshot s) throws IOException {
        rows.add(String.join(";", s.time().toString(), flag(s.running()), flag(s.fault()), flag(s.setup()),
                flag(s.plannedStop()), Long.toString(s.partCounter()), Long.toString(s.rejectCounter()),
                Integer.toString(s.alarmWord()), String.format(Locale.ROOT, "%.3f", s.cycleTimeSeconds()),
                s.activeJob() == null ? "" : s.activeJob(), String.format(Locale.ROOT, "%.1f", s.spindleLoad()),
                String.format(Locale.ROOT, "%.1f", s.temperature())));
        if (lastFile == null) {
            lastFile = s.time();
        }
        if (Duration.between(lastFile, s.time()).compareTo(FILE_EVERY) >= 0) {
            String name = String.format(Locale.ROOT, "%s-%d-%06d.csv", machine, s.time().toEpochMilli(), ++files);
            Path temp = outbox.resolve("." + name + ".tmp");
            Files.writeString(temp, HEADER + "\n" + String.join("\n", rows) + "\n", StandardCharsets.UTF_8);
            Files.move(temp, outbox.resolve(name), StandardCopyOption.ATOMIC_MOVE);
            rows.clear();
            lastFile = s.time();
        }
    }

    private static Map<String, String> columns(String... signalThenColumn) {
        Map<String, String> columns = new LinkedHashMap<>();
        for (int i = 0; i < signalThenColumn.length; i += 2) {
            columns.put(signalThenColumn[i], signalThenColumn[i + 1]);
        }
        return columns;
    }

    private static String flag(boolean value) {
        return value ? "1" : "0";
    }

    @Override
    public void takeCommands(MachineModel model) throws IOException {
        List<Path> jobs = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(inbox, "job-*.json")) {
            files.forEach(jobs::add);
        }
        jobs.sort(null);
        for (Path file : jobs) {
            try {
                JsonNode job = EventJson.mapper().readTree(file.toFile());
                MachineModel.Answer answer = model.command(job.path("command").asText(),
                        job.path("orderNo").asText(null),
                        job.path("targetQuantity").asLong(0));
                if (!answer.taken()) {
                    LOG.info("{} refused {}: {}", machine, file.getFileName(), answer.reason());
                }
            } catch (IOException e) {
                LOG.warn("{} cannot read the job file {}: {}", machine, file.getFileName(), e.getMessage());
            }
            Files.deleteIfExists(file);
        }
    }

    @Override
    public String definition() {
        return """
                kind: file
                connection: {outbox: "%s", inbox: "%s"}
                poll: 1s
                silence: 30s
                """.formatted(outbox, inbox) + MachineSignals.definition(COLUMNS, 1);
    }

    @Override
    public void close() {
        // nothing held open
    }
}
