package io.plantstream.collector.job;

import io.plantstream.events.JobCommand;
import io.plantstream.events.serde.EventJson;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A file machine takes a job as a file in its inbox: written under a temporary name, then
 * renamed, so the machine never sees half a file. The file's name carries the command id, so a
 * repeated command never writes a second file.
 */
public final class FileJobTarget implements JobTarget {
    private final Path inbox;

    public FileJobTarget(Path inbox) {
        this.inbox = inbox;
    }

    @Override
    public Outcome apply(JobCommand command) throws Exception {
        if (!Files.isDirectory(inbox)) {
            return Outcome.rejected("the machine's inbox " + inbox + " does not exist");
        }
        Path target = inbox.resolve("job-" + safe(command.orderNo()) + "-" + safe(command.commandId()) + ".json");
        if (Files.exists(target)) {
            return Outcome.APPLIED;
        }
        Map<String, Object> job = new LinkedHashMap<>();
        job.put("commandId", command.commandId());
        job.put("command", command.type().name());
        job.put("orderNo", command.orderNo());
        if (command.parameters() != null) {
            job.put("article", command.parameters().article());
            job.put("targetQuantity", command.parameters().targetQuantity());
            job.put("idealCycleSeconds", command.parameters().idealCycleSeconds());
            job.put("recipe", command.parameters().recipe());
        }
        job.put("issuedBy", command.issuedBy());
        job.put("issuedAt", command.issuedAt().toString());
        Path temp = inbox.resolve("." + target.getFileName() + ".tmp");
        Files.write(temp, EventJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(job));
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
        return Outcome.APPLIED;
    }

    private static String safe(String text) {
        return text.replaceAll("[^A-Za-z0-9_.-]", "_");
    }
}
