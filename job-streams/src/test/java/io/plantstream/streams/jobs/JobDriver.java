package io.plantstream.streams.jobs;

import io.plantstream.events.AckResult;
import io.plantstream.events.Alert;
import io.plantstream.events.ErpOrder;
import io.plantstream.events.EventMeta;
import io.plantstream.events.JobAck;
import io.plantstream.events.JobCommand;
import io.plantstream.events.JobCommandType;
import io.plantstream.events.JobParameters;
import io.plantstream.events.JobState;
import io.plantstream.events.MachineCounts;
import io.plantstream.events.OrderStatus;
import io.plantstream.events.Topics;
import io.plantstream.streams.support.DriverTopics;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;

/** The production job topology under a TopologyTestDriver, with helpers for its inputs. */
final class JobDriver implements AutoCloseable {
    static final Instant T0 = Instant.parse("2026-03-02T06:00:00Z");

    final TopologyTestDriver driver;
    private final TestInputTopic<String, ErpOrder> orders;
    private final TestInputTopic<String, JobCommand> commands;
    private final TestInputTopic<String, JobAck> acks;
    private final TestInputTopic<String, MachineCounts> counts;
    final TestOutputTopic<String, JobState> states;
    final TestOutputTopic<String, Alert> alerts;
    final TestOutputTopic<byte[], byte[]> commandDeadLetters;
    final TestOutputTopic<byte[], byte[]> countDeadLetters;
    private int sequence;
    private Instant clock = T0;

    JobDriver() {
        this(JobSettings.immediate("job-streams", Duration.ofMinutes(1)));
    }

    JobDriver(JobSettings settings) {
        driver = DriverTopics.start(JobTopology.build(settings), "jobs-test", T0);
        orders = DriverTopics.input(driver, Topics.ERP_ORDERS);
        commands = DriverTopics.input(driver, Topics.JOB_COMMANDS);
        acks = DriverTopics.input(driver, Topics.JOB_ACKS);
        counts = DriverTopics.input(driver, Topics.MACHINE_COUNTS);
        states = DriverTopics.output(driver, Topics.JOB_STATE);
        alerts = DriverTopics.output(driver, Topics.ALERTS);
        commandDeadLetters = DriverTopics.deadLetters(driver, Topics.JOB_COMMANDS);
        countDeadLetters = DriverTopics.deadLetters(driver, Topics.MACHINE_COUNTS);
    }

    void order(String orderNo, String machine, long quantity, Instant due) {
        orders.pipeInput(orderNo, new ErpOrder(meta(), orderNo, "ART-" + orderNo.charAt(0), quantity, machine, 1.0, due,
                1, OrderStatus.RELEASED, clock, false), clock);
    }

    void cancel(String orderNo, String machine) {
        orders.pipeInput(orderNo, new ErpOrder(meta(), orderNo, "ART", 10, machine, 1.0, null, 1, OrderStatus.CANCELLED,
                clock, false), clock);
    }

    void command(String commandId, JobCommandType type, String orderNo, String machine) {
        JobParameters parameters = type == JobCommandType.DISPATCH ? new JobParameters("ART", 100, 1.0, null) : null;
        commands.pipeInput(machine, new JobCommand(meta(), commandId, machine, type, orderNo, "planner", clock,
                parameters), clock);
    }

    void ack(String commandId, JobCommandType type, String orderNo, String machine, AckResult result, String reason) {
        acks.pipeInput(machine, new JobAck(meta(), commandId, machine, orderNo, type, result, reason), clock);
    }

    void count(String orderNo, String machine, long produced, long rejected) {
        counts.pipeInput(machine, new MachineCounts(meta(), machine, produced, rejected, 0, 0, false, orderNo), clock);
    }

    /** Sends the same count event twice, as a collector might after a crash. */
    void countTwice(String orderNo, String machine, long produced) {
        MachineCounts once = new MachineCounts(meta(), machine, produced, 0, 0, 0, false, orderNo);
        counts.pipeInput(machine, once, clock);
        counts.pipeInput(machine, once, clock);
    }

    void advance(Duration duration) {
        clock = clock.plus(duration);
    }

    Instant now() {
        return clock;
    }

    List<JobState> drain() {
        return states.readValuesToList();
    }

    JobState last() {
        List<JobState> all = drain();
        return all.isEmpty() ? null : all.get(all.size() - 1);
    }

    private EventMeta meta() {
        return new EventMeta("e-" + (++sequence), "test", clock, EventMeta.CURRENT_SCHEMA_VERSION);
    }



    @Override
    public void close() {
        driver.close();
    }
}
