package io.plantstream.dashboard.jobs;

import io.plantstream.dashboard.feed.DashboardTopics;
import io.plantstream.dashboard.users.AuditEntry;
import io.plantstream.dashboard.users.AuditTrail;
import io.plantstream.dashboard.view.PlantView;
import io.plantstream.dashboard.view.Screens.CommandRow;
import io.plantstream.dashboard.view.Screens.JobRow;
import io.plantstream.events.CloudTopics;
import io.plantstream.events.EventMeta;
import io.plantstream.events.JobCommand;
import io.plantstream.events.JobCommandType;
import io.plantstream.events.JobParameters;
import io.plantstream.events.JobStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * Job commands from the cloud: checked against what the dashboard knows of the job (it must exist,
 * the command must be allowed in its state, a DISPATCH needs a known machine and the job's plan,
 * and no other command of the job may be waiting for the machine's answer), then written with
 * its audit entry in one transaction to the site's command topic, from where the bridge takes it
 * to the edge. Refusals are audited too. A request id makes a repeated click harmless: the same
 * request gives the same command, issued once.
 */
public final class CommandService {
    public static final String SOURCE = "cloud-dashboard";
    private static final Pattern REQUEST_ID = Pattern.compile("[A-Za-z0-9-]{8,64}");
    private static final Duration ANSWER_WAIT = Duration.ofSeconds(30);

    /** Why a command was not issued, and the HTTP status that says so. */
    public static final class Refused extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final int status;

        Refused(int status, String reason) {
            super(reason);
            this.status = status;
        }

        public int status() {
            return status;
        }
    }

    /** The command id, and whether this request had been issued before. */
    public record Issued(String commandId, boolean repeated) {
    }

    private final PlantView view;
    private final KafkaTemplate<String, Object> kafka;
    private final AuditTrail audit;
    private final Clock clock;
    /** Commands issued here lately, until the feed has read them back. */
    private final Set<String> issued = java.util.Collections.newSetFromMap(java.util.Collections.synchronizedMap(
            new java.util.LinkedHashMap<>(16, 0.75f, false) {
                private static final long serialVersionUID = 1L;

                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                    return size() > 10_000;
                }
            }));
    private final Set<String> sitesWithTopic = ConcurrentHashMap.newKeySet();
    private final TopicCreator topics;

    /** Creates a site's command topic when it does not exist yet. */
    @FunctionalInterface
    public interface TopicCreator {
        void ensure(String site);
    }

    public CommandService(PlantView view, KafkaTemplate<String, Object> kafka, AuditTrail audit, TopicCreator topics,
            Clock clock) {
        this.view = view;
        this.kafka = kafka;
        this.audit = audit;
        this.topics = topics;
        this.clock = clock;
    }

    public Issued issue(String user, String site, String orderNo, JobCommandType type, String machine,
            String requestId) {
        if (requestId == null || !REQUEST_ID.matcher(requestId).matches()) {
            throw refuse(user, site, orderNo, type, 400, "requestId must be 8-64 letters, digits or dashes");
        }
        String commandId = "cloud-" + requestId;
        if (issued.contains(commandId) || view.command(site, commandId).isPresent()) {
            return new Issued(commandId, true);
        }
        JobRow job = view.job(site, orderNo)
                .orElseThrow(() -> refuse(user, site, orderNo, type, 404, "no job " + orderNo + " at site " + site));
        JobStatus status = JobStatus.valueOf(job.status());
        if (!type.allowedFrom(status)) {
            throw refuse(user, site, orderNo, type, 409, type + " is not possible while the job is " + status);
        }
        waitingCommand(job).ifPresent(waiting -> {
            throw refuse(user, site, orderNo, type, 409, "the " + waiting.type() + " issued by " + waiting.issuedBy()
                    + " is still waiting for the machine's answer");
        });
        String target = type == JobCommandType.DISPATCH && machine != null && !machine.isBlank() ? machine
                : job.machineId();
        if (target == null || !view.knowsMachine(site, target)) {
            throw refuse(user, site, orderNo, type, 400, "unknown machine '" + target + "' at site " + site);
        }
        JobParameters parameters = type == JobCommandType.DISPATCH ? plan(user, site, job, type) : null;
        Instant now = clock.instant();
        JobCommand command = new JobCommand(EventMeta.of(SOURCE, now), commandId, target, type, orderNo, user, now,
                parameters);
        AuditEntry entry = audit.entry(user, "JOB_" + type, "ISSUED", site, orderNo, "machine " + target
                + ", command " + commandId);
        send(site, command, entry);
        issued.add(commandId);
        view.apply(site, command, now);
        return new Issued(commandId, false);
    }

    private JobParameters plan(String user, String site, JobRow job, JobCommandType type) {
        if (job.article() == null || job.target() <= 0 || job.idealCycleSeconds() == null) {
            throw refuse(user, site, job.orderNo(), type, 409, "job " + job.orderNo()
                    + " lacks its plan (article, quantity, ideal cycle time) from the ERP");
        }
        return new JobParameters(job.article(), job.target(), job.idealCycleSeconds(), null);
    }

    private java.util.Optional<CommandRow> waitingCommand(JobRow job) {
        CommandRow last = job.lastCommand();
        if (last == null || !"PENDING".equals(last.answer()) || last.issuedAt() == null) {
            return java.util.Optional.empty();
        }
        boolean recent = last.issuedAt().isAfter(clock.instant().minus(ANSWER_WAIT));
        return recent ? java.util.Optional.of(last) : java.util.Optional.empty();
    }

    private void send(String site, JobCommand command, AuditEntry entry) {
        String topic = CloudTopics.commands(site);
        if (!sitesWithTopic.contains(site)) {
            topics.ensure(site);
            sitesWithTopic.add(site);
        }
        kafka.executeInTransaction(operations -> {
            operations.send(topic, command.machineId(), command);
            operations.send(DashboardTopics.AUDIT.name(), entry.user(), entry);
            return null;
        });
    }

    private Refused refuse(String user, String site, String orderNo, JobCommandType type, int status, String reason) {
        audit.record(audit.entry(user, "JOB_" + type, "REFUSED", site, orderNo, reason));
        return new Refused(status, reason);
    }
}
