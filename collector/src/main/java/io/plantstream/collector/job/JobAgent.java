package io.plantstream.collector.job;

import io.plantstream.collector.core.EventSink;
import io.plantstream.collector.core.SignalProcessor;
import io.plantstream.events.AckResult;
import io.plantstream.events.EventMeta;
import io.plantstream.events.JobAck;
import io.plantstream.events.JobCommand;
import io.plantstream.events.JobCommandType;
import io.plantstream.events.Topics;
import io.plantstream.events.serde.EventDecodingException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The machine side of job management: reads job.commands.v1 (issued at the edge or in the
 * cloud), applies the commands for this collector's machines in each machine's own way, and
 * answers each with an acknowledgement on job.acks.v1: APPLIED, or REJECTED with the reason (a
 * machine that cannot be reached rejects at once rather than holding up the others). A command
 * id is applied once: repeats are recognised, also across restarts. Commands issued more than
 * 30 minutes before they are read (a new collector reading the topic's history) are logged
 * and not applied. Undecodable commands go to job.commands.v1.dlq.
 */
public final class JobAgent implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(JobAgent.class);
    private static final int REMEMBERED = 20_000;
    private static final Duration MAX_AGE = Duration.ofMinutes(30);

    /** A command handed to a machine whose outcome is still to come. */
    private record Handed(String commandId, String machineId, JobCommandType type, String orderNo) {
        static Handed of(JobCommand command) {
            return new Handed(command.commandId(), command.machineId(), command.type(), command.orderNo());
        }
    }

    /** One machine's way of taking jobs, and its signal processor (to attribute counts to the job). */
    public record Binding(JobTarget target, SignalProcessor processor) {
    }

    private final Map<String, Object> consumerProps;
    private final Map<String, Binding> machines;
    private final EventSink sink;
    private final Path journal;
    private final Duration completionInterval;
    private final Map<String, String> outcomes = new LinkedHashMap<>(16, 0.75f, false) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
            return size() > REMEMBERED;
        }
    };
    private final Map<String, Handed> pending = new HashMap<>();
    private final CountDownLatch stop = new CountDownLatch(1);
    private final Thread thread;
    private final AtomicLong acknowledged = new AtomicLong();

    /**
     * @param group consumer group of this collector process (prefix {@code collector-})
     * @param stateDir where the applied command ids are kept across restarts
     */
    public JobAgent(Map<String, Object> kafka, String group, Map<String, Binding> machines, EventSink sink, Path stateDir,
            Duration completionInterval) {
        Map<String, Object> props = new HashMap<>(kafka);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        this.consumerProps = props;
        this.machines = Map.copyOf(machines);
        this.sink = sink;
        this.journal = stateDir.resolve("job-commands.log");
        this.completionInterval = completionInterval;
        load();
        this.thread = new Thread(this::run, "job-agent");
    }

    public JobAgent start() {
        thread.start();
        return this;
    }

    /** Acknowledgements published so far. */
    public long acknowledged() {
        return acknowledged.get();
    }

    private void run() {
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(consumerProps, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(Topics.JOB_COMMANDS.name()));
            Instant nextCompletionCheck = Instant.now();
            while (stop.getCount() > 0) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    handle(record);
                }
                consumer.commitSync();
                if (!pending.isEmpty() && Instant.now().isAfter(nextCompletionCheck)) {
                    checkCompletions();
                    nextCompletionCheck = Instant.now().plus(completionInterval);
                }
            }
        } catch (RuntimeException e) {
            LOG.error("The job agent stopped", e);
        }
    }

    private void handle(ConsumerRecord<String, byte[]> record) {
        if (record.value() == null) {
            return;
        }
        JobCommand command;
        try {
            command = Topics.JOB_COMMANDS.valueSerde().deserializer().deserialize(record.topic(), record.value());
        } catch (EventDecodingException e) {
            if (record.key() != null && machines.containsKey(record.key())) {
                sink.deadLetter(Topics.JOB_COMMANDS, record.key(), record.value(), "kafka:" + record.topic() + "@"
                        + record.partition() + "/" + record.offset(), e.getMessage());
            }
            return;
        }
        Binding machine = machines.get(command.machineId());
        if (machine == null) {
            return;
        }
        if (command.issuedAt().isBefore(Instant.now().minus(MAX_AGE))) {
            // a new collector reads the topic from its start: old commands are history, not orders
            LOG.info("{}: command {} ({} for order {}) was issued at {}, more than {} ago; not applied",
                    command.machineId(), command.commandId(), command.type(), command.orderNo(), command.issuedAt(),
                    MAX_AGE);
            return;
        }
        if (outcomes.containsKey(command.commandId())) {
            LOG.info("{}: command {} was handled before ({}); not applied again", command.machineId(),
                    command.commandId(), outcomes.get(command.commandId()));
            return;
        }
        JobTarget.Outcome outcome;
        try {
            outcome = machine.target().apply(command);
        } catch (Exception e) {
            outcome = JobTarget.Outcome.rejected("the machine could not be reached: " + e.getMessage());
        }
        LOG.info("{}: {} {} for order {}: {}{}", command.machineId(), command.type(), command.commandId(),
                command.orderNo(), outcome.status(), outcome.reason() == null ? "" : " (" + outcome.reason() + ")");
        if (outcome.status() == JobTarget.Outcome.Status.PENDING) {
            pending.put(command.commandId(), Handed.of(command));
            remember(Handed.of(command), "PENDING");
            return;
        }
        finish(Handed.of(command), outcome);
    }

    private void finish(Handed command, JobTarget.Outcome outcome) {
        boolean applied = outcome.status() == JobTarget.Outcome.Status.APPLIED;
        if (applied && (command.type() == JobCommandType.DISPATCH || command.type() == JobCommandType.START
                || command.type() == JobCommandType.RESUME)) {
            machines.get(command.machineId()).processor().assumeJob(command.orderNo());
        }
        JobAck ack = new JobAck(EventMeta.derived("collector/" + command.machineId(), Instant.now(),
                "ack|" + command.commandId()), command.commandId(), command.machineId(), command.orderNo(), command.type(),
                applied ? AckResult.APPLIED : AckResult.REJECTED, outcome.reason());
        sink.publish(Topics.JOB_ACKS, command.machineId(), ack);
        acknowledged.incrementAndGet();
        remember(command, applied ? "APPLIED" : "REJECTED");
    }

    private void checkCompletions() {
        for (Map.Entry<String, Binding> machine : machines.entrySet()) {
            try {
                for (JobTarget.Completion done : machine.getValue().target().completions()) {
                    Handed command = pending.remove(done.commandId());
                    if (command != null) {
                        finish(command, done.outcome());
                    }
                }
            } catch (Exception e) {
                LOG.warn("{}: cannot check the machine's commands ({}); again later", machine.getKey(), e.getMessage());
            }
        }
    }

    /** One line per outcome: "<status> <commandId> <machine> <type> <order>". */
    private void remember(Handed command, String status) {
        outcomes.put(command.commandId(), status);
        String line = status + " " + command.commandId() + " " + command.machineId() + " " + command.type() + " "
                + command.orderNo() + "\n";
        try {
            Files.writeString(journal, line, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot record the command outcome in " + journal, e);
        }
    }

    private void load() {
        if (!Files.exists(journal)) {
            return;
        }
        try {
            for (String line : Files.readAllLines(journal, StandardCharsets.UTF_8)) {
                String[] parts = line.split(" ", 5);
                if (parts.length < 5) {
                    continue;
                }
                outcomes.put(parts[1], parts[0]);
                if (parts[0].equals("PENDING") && machines.get(parts[2]) != null
                        && machines.get(parts[2]).target() instanceof SqlJobTarget sql) {
                    sql.awaiting(parts[1]);
                    pending.put(parts[1], new Handed(parts[1], parts[2], JobCommandType.valueOf(parts[3]), parts[4]));
                } else {
                    pending.remove(parts[1]);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + journal, e);
        }
    }

    @Override
    public void close() {
        stop.countDown();
        try {
            thread.join(TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
