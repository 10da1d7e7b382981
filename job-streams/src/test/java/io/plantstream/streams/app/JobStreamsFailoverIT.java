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
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Two job-streams instances with standby replicas share four machines; one is killed with
 * SIGKILL in the middle of the shift. The other takes over its machines from its warm standby
 * copies and every machine's final OEE and job state are those of an uninterrupted run (the
 * Vorne figures), each final record once. The time from the kill to the survivor's first record
 * for each machine is logged.
 */
class JobStreamsFailoverIT {
    private static final Logger LOG = LoggerFactory.getLogger(JobStreamsFailoverIT.class);
    private static final String TOKEN = io.plantstream.testkit.kafka.Secrets.randomPassword();
    private static final LocalDate DAY = LocalDate.now(ZoneOffset.UTC).minusDays(2);

    @RegisterExtension
    static final KafkaClusterExtension KAFKA = KafkaClusterExtension.singleBroker();

    @TempDir
    static Path dir;

    private static KafkaProducer<String, byte[]> producer;
    private static int sequence;

    @BeforeAll
    static void topics() throws Exception {
        producer = StreamsKafka.provision(KAFKA);
    }

    @AfterAll
    static void closeProducer() {
        producer.close();
    }

    @Test
    void oneOfTwoInstancesKilledMidShiftLeavesEveryMachineExact() throws Exception {
        List<String> machines = machinesOnDistinctPartitions(4);
        Path calendar = Files.writeString(dir.resolve("calendar.yaml"), StreamsKafka.CALENDAR);
        Instant start = VorneSteps.at(DAY, "06:00");
        Instant end = VorneSteps.at(DAY, "14:00");
        Instant killAfter = VorneSteps.at(DAY, "10:00");
        List<VorneSteps.Step> steps = VorneSteps.steps(DAY);
        Map<String, OeeRecord> lastSeen = new HashMap<>();
        List<OeeRecord> finals = new ArrayList<>();
        Map<String, Long> firstAfterKill = new TreeMap<>();

        try (JobStreamsProcess a = JobStreamsProcess.start(settings(calendar, "a"), dir.resolve("a.log"));
                JobStreamsProcess b = JobStreamsProcess.start(settings(calendar, "b"), dir.resolve("b.log"));
                KafkaConsumer<OeeKey, OeeRecord> oee = consumer(Topics.OEE)) {
            awaitMembers(2);
            for (int i = 0; i < machines.size(); i++) {
                String machine = machines.get(i);
                send(Topics.ERP_ORDERS, new ErpOrder(meta(start.minusSeconds(120)), order(i), "ART", 1_000_000, machine,
                        1.0, null, 1, OrderStatus.RELEASED, null, false));
            }
            producer.flush();
            awaitJobs(machines.size(), "QUEUED");
            for (int i = 0; i < machines.size(); i++) {
                send(Topics.JOB_COMMANDS, new JobCommand(meta(start.minusSeconds(60)), "cmd-" + i, machines.get(i),
                        JobCommandType.DISPATCH, order(i), "planner", start.minusSeconds(60),
                        new JobParameters("ART", 1_000_000, 1.0, null)));
            }
            producer.flush();
            awaitJobs(machines.size(), "DISPATCHED");
            sendSteps(machines, steps, Instant.MIN, killAfter);
            await("live OEE of every machine from both instances").atMost(Duration.ofSeconds(120)).until(() -> {
                collect(oee, lastSeen, finals, null, 0);
                return machines.stream().allMatch(m -> lastSeen.containsKey(m) && lastSeen.get(m).totalCount() > 0);
            });

            a.kill();
            long killedAt = System.nanoTime();
            sendSteps(machines, steps, killAfter, Instant.MAX);
            for (Instant t = end; t.isBefore(end.plus(Duration.ofMinutes(62))); t = t.plusSeconds(30)) {
                for (String machine : machines) {
                    send(Topics.MACHINE_STATE, new MachineState(meta(t), machine, MachineStatus.RUNNING, null, null));
                }
            }
            producer.flush();
            await("the final shift record of every machine from the survivor").atMost(Duration.ofSeconds(180))
                    .until(() -> {
                        collect(oee, lastSeen, finals, firstAfterKill, killedAt);
                        return finals.stream().filter(r -> r.granularity() == OeeGranularity.SHIFT)
                                .map(OeeRecord::machineId).distinct().count() == machines.size();
                    });
            long allFinal = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killedAt);
            Map<String, JobState> jobs = awaitJobs(machines.size(), "RUNNING", 19_271);
            collect(oee, lastSeen, finals, firstAfterKill, killedAt);
            assertThat(b.isAlive()).isTrue();
            LOG.info("Instance a killed; first OEE record per machine after the kill (ms): {}; every final shift "
                    + "record {} ms after the kill", firstAfterKill, allFinal);
            for (int i = 0; i < machines.size(); i++) {
                JobState job = jobs.get(order(i));
                assertThat(job.produced()).as(order(i)).isEqualTo(19_271);
                assertThat(job.rejected()).as(order(i)).isEqualTo(423);
            }
        }

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
    }

    private Map<String, String> settings(Path calendar, String instance) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("kafka.bootstrap.servers", KAFKA.bootstrapServers());
        settings.put("calendar.file", calendar.toString());
        settings.put("state.dir", dir.resolve("state-" + instance).toString());
        settings.put("replication.factor", "1");
        settings.put("standby.replicas", "1");
        settings.put("failover.after", "10s");
        settings.put("http.port", "0");
        settings.put("http.token", TOKEN);
        settings.put("oee.live.interval", "1s");
        settings.put("oee.grace", "1h");
        settings.put("oee.idle.after", "10m");
        return settings;
    }

    /** Machine ids whose records land on different partitions, so both instances hold some. */
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

    /** Both instances in each application's group, the group stable. */
    private static void awaitMembers(int members) {
        await("both instances in every group").atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500))
                .ignoreExceptions()
                .until(() -> {
                    try (Admin admin = KAFKA.admin()) {
                        Map<String, ConsumerGroupDescription> groups = admin.describeConsumerGroups(List.of(
                                "plantstream-oee", "plantstream-jobs", "plantstream-parameters")).all()
                                .get(10, TimeUnit.SECONDS);
                        return groups.values().stream().allMatch(g -> g.groupState() == GroupState.STABLE
                                && g.members().size() == members);
                    }
                });
    }

    private static void sendSteps(List<String> machines, List<VorneSteps.Step> steps, Instant from, Instant until) {
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
            List<OeeRecord> finals, Map<String, Long> firstAfterKill, long killedAt) {
        for (ConsumerRecord<OeeKey, OeeRecord> record : oee.poll(Duration.ofMillis(500))) {
            OeeRecord value = record.value();
            lastSeen.put(value.machineId(), value);
            if (value.granularity() != OeeGranularity.LIVE) {
                finals.add(value);
            }
            if (firstAfterKill != null) {
                firstAfterKill.putIfAbsent(value.machineId(),
                        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killedAt));
            }
        }
    }

    /** The latest state of every job, once there are {@code count} with the status and produced parts. */
    private static Map<String, JobState> awaitJobs(int count, String status) {
        return awaitJobs(count, status, 0);
    }

    private static Map<String, JobState> awaitJobs(int count, String status, long produced) {
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

    private static List<String> deadLetterReasons() {
        List<String> reasons = new ArrayList<>();
        for (Topic<String, ?> topic : List.of(Topics.MACHINE_STATE, Topics.MACHINE_COUNTS, Topics.JOB_COMMANDS,
                Topics.ERP_ORDERS)) {
            TopicReader.read(KAFKA.clientProperties(), topic.deadLetter().name(), "dlq-check", new ByteArrayDeserializer(),
                    new ByteArrayDeserializer(), 1, Duration.ofSeconds(2))
                    .forEach(r -> reasons.add(topic.name() + ": " + DeadLetters.header(r.headers(), DeadLetters.REASON)));
        }
        return reasons;
    }

    private static <V> void send(Topic<String, V> topic, V event) {
        StreamsKafka.send(producer, topic, event);
    }

    private static EventMeta meta(Instant t) {
        return new EventMeta("fo-" + (++sequence), "test", t, 1);
    }

    private static <K, V> KafkaConsumer<K, V> consumer(Topic<K, V> topic) {
        Map<String, Object> props = new HashMap<>(KAFKA.clientProperties());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "read-" + topic.name() + "-" + java.util.UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        KafkaConsumer<K, V> consumer = new KafkaConsumer<>(props, topic.keySerde().deserializer(),
                topic.valueSerde().deserializer());
        consumer.subscribe(List.of(topic.name()));
        return consumer;
    }
}
