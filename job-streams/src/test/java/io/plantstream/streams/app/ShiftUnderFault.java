package io.plantstream.streams.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.plantstream.events.ErpOrder;
import io.plantstream.events.EventMeta;
import io.plantstream.events.JobCommand;
import io.plantstream.events.JobCommandType;
import io.plantstream.events.JobParameters;
import io.plantstream.events.JobState;
import io.plantstream.events.MachineCounts;
import io.plantstream.events.MachineState;
import io.plantstream.events.MachineStatus;
import io.plantstream.events.OeeGranularity;
import io.plantstream.events.OeeKey;
import io.plantstream.events.OeeLosses;
import io.plantstream.events.OeeRecord;
import io.plantstream.events.OrderStatus;
import io.plantstream.events.Topic;
import io.plantstream.events.Topics;
import io.plantstream.events.dlq.DeadLetters;
import io.plantstream.streams.oee.VorneSteps;
import io.plantstream.testkit.junit.KafkaClusterExtension;
import io.plantstream.testkit.kafka.TopicReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.utils.Utils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Vorne shift on four machines (on distinct partitions) through job-streams in JVMs of their
 * own, with a fault at 10:00 of the shift, before the rest of it is sent: each machine's final OEE and job state must be those of an
 * uninterrupted run (the Vorne figures), each final hour and shift record once, nothing
 * dead-lettered. What the fault did and how long the platform took to answer again are logged
 * and returned.
 */
final class ShiftUnderFault {
    private static final Logger LOG = LoggerFactory.getLogger(ShiftUnderFault.class);
    static final List<String> GROUPS = List.of("plantstream-oee", "plantstream-jobs", "plantstream-parameters");
    private static final String TOKEN = io.plantstream.testkit.kafka.Secrets.randomPassword();
    private static final LocalDate DAY = LocalDate.now(ZoneOffset.UTC).minusDays(2);

    /** What happens at 10:00 of the shift, to the running instances (or the cluster under them). */
    @FunctionalInterface
    interface Fault {
        /** @return what was done, for the log */
        String strike(List<JobStreamsProcess> instances) throws Exception;
    }

    /**
     * Milliseconds from the fault until the hour sent after it was processed by every application,
     * and until every machine's final shift record.
     */
    record Recovery(String fault, long caughtUpAfter, long allFinalAfter) {
    }

    private final KafkaClusterExtension kafka;
    private final KafkaProducer<String, byte[]> producer;
    private final Path dir;
    private final short replication;
    private int sequence;

    ShiftUnderFault(KafkaClusterExtension kafka, KafkaProducer<String, byte[]> producer, Path dir, short replication) {
        this.kafka = kafka;
        this.producer = producer;
        this.dir = dir;
        this.replication = replication;
    }

    Recovery run(int instances, Fault fault) throws Exception {
        List<String> machines = machinesOnDistinctPartitions(4);
        Path calendar = Files.writeString(dir.resolve("calendar.yaml"), StreamsKafka.CALENDAR);
        Instant start = VorneSteps.at(DAY, "06:00");
        Instant end = VorneSteps.at(DAY, "14:00");
        Instant faultAt = VorneSteps.at(DAY, "10:00");
        List<VorneSteps.Step> steps = VorneSteps.steps(DAY);
        Map<String, OeeRecord> lastSeen = new HashMap<>();
        List<OeeRecord> finals = new ArrayList<>();
        String done;
        long allFinal;
        long caughtUp;

        List<JobStreamsProcess> running = new ArrayList<>();
        try (KafkaConsumer<OeeKey, OeeRecord> oee = consumer(Topics.OEE)) {
            for (int i = 0; i < instances; i++) {
                String name = Character.toString('a' + i);
                running.add(JobStreamsProcess.start(settings(calendar, name), dir.resolve(name + ".log")));
            }
            awaitMembers(instances);
            for (int i = 0; i < machines.size(); i++) {
                String machine = machines.get(i);
                send(Topics.ERP_ORDERS, new ErpOrder(meta(start.minusSeconds(120)), order(i), "ART", 1_000_000, machine,
                        1.0, null, 1, OrderStatus.RELEASED, null, false));
            }
            producer.flush();
            awaitJobs(machines.size(), "QUEUED", 0);
            for (int i = 0; i < machines.size(); i++) {
                send(Topics.JOB_COMMANDS, new JobCommand(meta(start.minusSeconds(60)), "cmd-" + i, machines.get(i),
                        JobCommandType.DISPATCH, order(i), "planner", start.minusSeconds(60),
                        new JobParameters("ART", 1_000_000, 1.0, null)));
            }
            producer.flush();
            awaitJobs(machines.size(), "DISPATCHED", 0);
            sendSteps(machines, steps, Instant.MIN, faultAt);
            await("live OEE of every machine").atMost(Duration.ofSeconds(120)).until(() -> {
                collect(oee, lastSeen, finals);
                return machines.stream().allMatch(m -> lastSeen.containsKey(m) && lastSeen.get(m).totalCount() > 0);
            });

            done = fault.strike(running);
            long struckAt = System.nanoTime();
            // The next hour first, and all of it processed before the rest: whatever skew the fault
            // causes between a machine's topics stays within that hour, which nothing closes yet.
            Instant settled = faultAt.plus(Duration.ofHours(1));
            sendSteps(machines, steps, faultAt, settled);
            awaitCaughtUp();
            caughtUp = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - struckAt);
            sendSteps(machines, steps, settled, Instant.MAX);
            for (Instant t = end; t.isBefore(end.plus(Duration.ofMinutes(62))); t = t.plusSeconds(30)) {
                for (String machine : machines) {
                    send(Topics.MACHINE_STATE, new MachineState(meta(t), machine, MachineStatus.RUNNING, null, null));
                }
            }
            producer.flush();
            await("the final shift record of every machine").atMost(Duration.ofSeconds(180)).until(() -> {
                collect(oee, lastSeen, finals);
                return finals.stream().filter(r -> r.granularity() == OeeGranularity.SHIFT)
                        .map(OeeRecord::machineId).distinct().count() == machines.size();
            });
            allFinal = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - struckAt);
            Map<String, JobState> jobs = awaitJobs(machines.size(), "RUNNING", 19_271);
            collect(oee, lastSeen, finals);
            assertThat(running.stream().anyMatch(JobStreamsProcess::isAlive)).as("an instance still runs").isTrue();
            for (int i = 0; i < machines.size(); i++) {
                JobState job = jobs.get(order(i));
                assertThat(job.produced()).as(order(i)).isEqualTo(19_271);
                assertThat(job.rejected()).as(order(i)).isEqualTo(423);
            }
        } finally {
            for (JobStreamsProcess instance : running) {
                instance.close();
            }
        }
        LOG.info("{}; the hour after it processed by every application {} ms after it, every final shift record {} ms "
                + "after it", done, caughtUp, allFinal);

        for (String machine : machines) {
            List<OeeRecord> shifts = finals.stream()
                    .filter(r -> r.machineId().equals(machine) && r.granularity() == OeeGranularity.SHIFT).toList();
            assertThat(shifts).as(machine + ": one final shift record").hasSize(1);
            OeeRecord shift = shifts.get(0);
            assertThat(shift.losses()).as(machine + " " + shift).isEqualTo(new OeeLosses(3600, Map.of("E-104", 2820.0),
                    0, 0, 0, 22_380 - 19_271, 423));
            assertThat(shift.totalCount()).isEqualTo(19_271);
            assertThat(shift.goodCount()).isEqualTo(18_848);
            VorneSteps.assertVorneFigures(shift.availability(), shift.performance(), shift.quality(), shift.oee());
            List<OeeRecord> hours = finals.stream()
                    .filter(r -> r.machineId().equals(machine) && r.granularity() == OeeGranularity.HOUR).toList();
            assertThat(hours).as(machine + ": each hour final once").hasSize(8);
            assertThat(hours.stream().mapToLong(OeeRecord::totalCount).sum()).isEqualTo(19_271);
        }
        assertThat(deadLetterReasons()).as("nothing was dead-lettered").isEmpty();
        return new Recovery(done, caughtUp, allFinal);
    }

    private Map<String, String> settings(Path calendar, String instance) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("kafka.bootstrap.servers", kafka.bootstrapServers());
        settings.put("calendar.file", calendar.toString());
        settings.put("state.dir", dir.resolve("state-" + instance).toString());
        settings.put("replication.factor", Short.toString(replication));
        settings.put("standby.replicas", "1");
        settings.put("failover.after", "10s");
        settings.put("http.port", "0");
        settings.put("http.token", TOKEN);
        settings.put("oee.live.interval", "1s");
        settings.put("oee.grace", "1h");
        settings.put("oee.idle.after", "10m");
        return settings;
    }

    /** Machine ids whose records land on different partitions, so that two instances both hold some. */
    private static List<String> machinesOnDistinctPartitions(int count) {
        Map<Integer, String> byPartition = new TreeMap<>();
        for (int i = 1; byPartition.size() < count; i++) {
            String machine = String.format("M%02d", i);
            int partition = Utils.toPositive(Utils.murmur2(machine.getBytes(StandardCharsets.UTF_8)))
                    % Topics.MACHINE_STATE.partitions();
            byPartition.putIfAbsent(partition, machine);
        }
        return List.copyOf(byPartition.values());
    }

    private static String order(int i) {
        return "47" + (10 + i);
    }

    /** Every instance in each application's group, the groups stable. */
    private void awaitMembers(int members) {
        await("every instance in every group").atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500))
                .ignoreExceptions()
                .until(() -> {
                    try (Admin admin = kafka.admin()) {
                        Map<String, ConsumerGroupDescription> groups = admin.describeConsumerGroups(GROUPS).all()
                                .get(10, TimeUnit.SECONDS);
                        return groups.values().stream().allMatch(g -> g.groupState() == GroupState.STABLE
                                && g.members().size() == members);
                    }
                });
    }

    /** Every application has read every machine state and count on the brokers (its offsets committed). */
    private void awaitCaughtUp() {
        await("job-streams caught up").atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500))
                .ignoreExceptions().until(() -> {
                    try (Admin admin = kafka.admin()) {
                        Map<org.apache.kafka.common.TopicPartition, org.apache.kafka.clients.admin.OffsetSpec> latest =
                                new HashMap<>();
                        for (Topic<String, ?> topic : List.of(Topics.MACHINE_STATE, Topics.MACHINE_COUNTS)) {
                            for (int p = 0; p < topic.partitions(); p++) {
                                latest.put(new org.apache.kafka.common.TopicPartition(topic.name(), p),
                                        org.apache.kafka.clients.admin.OffsetSpec.latest());
                            }
                        }
                        Map<org.apache.kafka.common.TopicPartition, Long> ends = new HashMap<>();
                        admin.listOffsets(latest).all().get(10, TimeUnit.SECONDS)
                                .forEach((tp, info) -> ends.put(tp, info.offset()));
                        for (String group : GROUPS) {
                            Map<org.apache.kafka.common.TopicPartition, org.apache.kafka.clients.consumer.OffsetAndMetadata>
                                    committed = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata()
                                    .get(10, TimeUnit.SECONDS);
                            for (Map.Entry<org.apache.kafka.common.TopicPartition, Long> end : ends.entrySet()) {
                                boolean read = !group.endsWith("-jobs")
                                        || end.getKey().topic().equals(Topics.MACHINE_COUNTS.name());
                                var offset = committed.get(end.getKey());
                                if (read && end.getValue() > 0 && (offset == null || offset.offset() < end.getValue())) {
                                    return false;
                                }
                            }
                        }
                        return true;
                    }
                });
    }

    private void sendSteps(List<String> machines, List<VorneSteps.Step> steps, Instant from, Instant until) {
        for (VorneSteps.Step step : steps) {
            if (step.time().isBefore(from) || !step.time().isBefore(until)) {
                continue;
            }
            for (int i = 0; i < machines.size(); i++) {
                String machine = machines.get(i);
                if (step.isCount()) {
                    send(Topics.MACHINE_COUNTS, new MachineCounts(meta(step.time()), machine, step.produced(),
                            step.rejected(), 0, 0, false, order(i)));
                } else {
                    send(Topics.MACHINE_STATE, new MachineState(meta(step.time()), machine, step.state(), step.reason(),
                            null));
                }
            }
        }
        producer.flush();
    }

    private static void collect(KafkaConsumer<OeeKey, OeeRecord> oee, Map<String, OeeRecord> lastSeen,
            List<OeeRecord> finals) {
        for (ConsumerRecord<OeeKey, OeeRecord> record : oee.poll(Duration.ofMillis(500))) {
            OeeRecord value = record.value();
            lastSeen.put(value.machineId(), value);
            if (value.granularity() != OeeGranularity.LIVE) {
                finals.add(value);
            }
        }
    }

    /** The latest state of every job, once there are {@code count} with the status and at least the parts. */
    private Map<String, JobState> awaitJobs(int count, String status, long produced) {
        Map<String, JobState> latest = new TreeMap<>();
        try (KafkaConsumer<String, JobState> jobs = consumer(Topics.JOB_STATE)) {
            await(count + " jobs " + status + " with " + produced + " parts").atMost(Duration.ofSeconds(120)).until(() -> {
                jobs.poll(Duration.ofMillis(500)).forEach(r -> latest.put(r.key(), r.value()));
                return latest.values().stream().filter(j -> j.status().name().equals(status)
                        && j.produced() >= produced).count() == count;
            });
        }
        return latest;
    }

    private List<String> deadLetterReasons() {
        List<String> reasons = new ArrayList<>();
        for (Topic<String, ?> topic : List.of(Topics.MACHINE_STATE, Topics.MACHINE_COUNTS, Topics.JOB_COMMANDS,
                Topics.ERP_ORDERS)) {
            TopicReader.read(kafka.clientProperties(), topic.deadLetter().name(), "dlq-check", new ByteArrayDeserializer(),
                    new ByteArrayDeserializer(), 1, Duration.ofSeconds(2))
                    .forEach(r -> reasons.add(topic.name() + ": " + DeadLetters.header(r.headers(), DeadLetters.REASON)));
        }
        return reasons;
    }

    private <V> void send(Topic<String, V> topic, V event) {
        StreamsKafka.send(producer, topic, event);
    }

    private EventMeta meta(Instant t) {
        return new EventMeta("fault-" + (++sequence), "test", t, 1);
    }

    private <K, V> KafkaConsumer<K, V> consumer(Topic<K, V> topic) {
        return StreamsKafka.consumer(kafka, topic, "read-" + topic.name() + "-" + java.util.UUID.randomUUID());
    }
}
