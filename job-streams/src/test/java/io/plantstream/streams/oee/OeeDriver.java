package io.plantstream.streams.oee;

import io.plantstream.streams.support.InputFrontier;

import io.plantstream.events.EventMeta;
import io.plantstream.events.JobCommand;
import io.plantstream.events.MachineCounts;
import io.plantstream.events.MachineState;
import io.plantstream.events.MachineStatus;
import io.plantstream.events.OeeRecord;
import io.plantstream.events.Topics;
import io.plantstream.streams.support.DriverTopics;
import io.plantstream.streams.calendar.CalendarLoader;
import io.plantstream.streams.calendar.ShiftCalendar;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;

/** The production OEE topology under a TopologyTestDriver, with helpers to send machine events. */
final class OeeDriver implements AutoCloseable {
    static final Duration GRACE = Duration.ofMinutes(5);
    static final Duration TIMEOUT = Duration.ofSeconds(60);

    final TopologyTestDriver driver;
    /** What the queries read: each machine's latest live figure. */
    final LiveFigures live = new LiveFigures();
    final TestInputTopic<String, MachineState> states;
    final TestInputTopic<String, MachineCounts> counts;
    final TestInputTopic<String, JobCommand> commands;
    final TestInputTopic<String, byte[]> rawStates;
    final TestInputTopic<String, io.plantstream.events.ErpOrder> orders;
    final TestOutputTopic<io.plantstream.events.OeeKey, OeeRecord> oee;
    final TestOutputTopic<String, io.plantstream.events.Alert> alerts;
    final TestOutputTopic<byte[], byte[]> stateDeadLetters;
    final TestOutputTopic<byte[], byte[]> countDeadLetters;
    /** Where the stream stands in its inputs; a test lists the brokers' ends into it. */
    final InputFrontier frontier = InputFrontier.unlisted();
    private int sequence;
    private boolean closed;

    OeeDriver(String calendarResource, Instant wallClockStart) {
        this(calendarResource, wallClockStart, Duration.ZERO);
    }

    /** @param inputWait how long a silent state or count topic holds back the closing of windows */
    OeeDriver(String calendarResource, Instant wallClockStart, Duration inputWait) {
        OeeSettings settings = new OeeSettings("job-streams", calendar(calendarResource), Map.of(), 1_000_000, TIMEOUT,
                GRACE, Duration.ZERO, Duration.ofMinutes(10), Duration.ofMinutes(10), 0.6, Duration.ofMinutes(30),
                inputWait);
        driver = DriverTopics.start(OeeTopology.build(settings, live, frontier), "oee-test", wallClockStart);
        states = DriverTopics.input(driver, Topics.MACHINE_STATE);
        counts = DriverTopics.input(driver, Topics.MACHINE_COUNTS);
        commands = DriverTopics.input(driver, Topics.JOB_COMMANDS);
        orders = DriverTopics.input(driver, Topics.ERP_ORDERS);
        rawStates = driver.createInputTopic(Topics.MACHINE_STATE.name(), Serdes.String().serializer(),
                Serdes.ByteArray().serializer());
        oee = DriverTopics.output(driver, Topics.OEE);
        alerts = DriverTopics.output(driver, Topics.ALERTS);
        stateDeadLetters = DriverTopics.deadLetters(driver, Topics.MACHINE_STATE);
        countDeadLetters = DriverTopics.deadLetters(driver, Topics.MACHINE_COUNTS);
    }

    static ShiftCalendar calendar(String resource) {
        try (InputStream in = OeeDriver.class.getResourceAsStream(resource)) {
            return CalendarLoader.parse(resource, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void state(String machine, Instant t, MachineStatus status, String reason) {
        states.pipeInput(machine, new MachineState(meta(t), machine, status, reason, null), t);
    }

    void count(String machine, Instant t, long produced, long rejected, String orderNo) {
        counts.pipeInput(machine, new MachineCounts(meta(t), machine, produced, rejected, 0, 0, false, orderNo), t);
    }

    /** A state re-announced every 30 s in [from, until), as collectors do for a machine in that state. */
    void heartbeats(String machine, MachineStatus status, String reason, Instant from, Instant until) {
        for (Instant t = from; t.isBefore(until); t = t.plusSeconds(30)) {
            state(machine, t, status, reason);
        }
    }

    /** Every OEE record published since the last call. */
    List<OeeRecord> drainOee() {
        return oee.readValuesToList();
    }

    private EventMeta meta(Instant t) {
        return new EventMeta("e-" + (++sequence), "test", t, EventMeta.CURRENT_SCHEMA_VERSION);
    }



    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        driver.close();
    }
}
