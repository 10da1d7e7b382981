package io.plantstream.streams.parameters;

import io.plantstream.events.Alert;
import io.plantstream.events.ErpOrder;
import io.plantstream.events.EventMeta;
import io.plantstream.events.MachineCounts;
import io.plantstream.events.MachineParameters;
import io.plantstream.events.MachineState;
import io.plantstream.events.MachineStatus;
import io.plantstream.events.MachineTelemetry;
import io.plantstream.events.OrderStatus;
import io.plantstream.events.ParameterSpec;
import io.plantstream.events.ParameterStats;
import io.plantstream.events.SampleQuality;
import io.plantstream.events.TagSample;
import io.plantstream.events.Topics;
import io.plantstream.events.dlq.DeadLetters;
import io.plantstream.streams.support.DriverTopics;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;

/** The production parameter topology under a TopologyTestDriver, with helpers to send machine events. */
final class ParameterDriver implements AutoCloseable {
    static final Duration GRACE = Duration.ofSeconds(10);
    static final Duration IDLE_CLOSE = Duration.ofMinutes(5);
    static final int LEARN_MINUTES = 20;

    final TopologyTestDriver driver;
    final TestInputTopic<String, MachineParameters> declarations;
    final TestInputTopic<String, MachineTelemetry> telemetry;
    final TestInputTopic<String, MachineCounts> counts;
    final TestInputTopic<String, MachineState> states;
    final TestInputTopic<String, ErpOrder> orders;
    final TestInputTopic<String, byte[]> rawTelemetry;
    final TestOutputTopic<String, ParameterStats> minutes;
    final TestOutputTopic<String, ParameterStats> hours;
    final TestOutputTopic<String, Alert> alerts;
    final TestOutputTopic<byte[], byte[]> telemetryDeadLetters;
    private int sequence;

    ParameterDriver(ZoneId zone, Instant wallClockStart) {
        ParameterSettings settings = new ParameterSettings("job-streams", zone, GRACE, IDLE_CLOSE, LEARN_MINUTES, 0.10,
                Map.of("M02", 8_000_000L), 0);
        driver = DriverTopics.start(ParameterTopology.build(settings), "parameters-test", wallClockStart);
        declarations = DriverTopics.input(driver, Topics.MACHINE_PARAMETERS);
        telemetry = DriverTopics.input(driver, Topics.MACHINE_TELEMETRY);
        counts = DriverTopics.input(driver, Topics.MACHINE_COUNTS);
        states = DriverTopics.input(driver, Topics.MACHINE_STATE);
        orders = DriverTopics.input(driver, Topics.ERP_ORDERS);
        rawTelemetry = driver.createInputTopic(Topics.MACHINE_TELEMETRY.name(), Serdes.String().serializer(),
                Serdes.ByteArray().serializer());
        minutes = DriverTopics.output(driver, Topics.PARAMETER_STATS_MINUTE);
        hours = DriverTopics.output(driver, Topics.PARAMETER_STATS_HOUR);
        alerts = DriverTopics.output(driver, Topics.ALERTS);
        telemetryDeadLetters = DriverTopics.deadLetters(driver, Topics.MACHINE_TELEMETRY);
    }

    void declare(String machine, Instant t, ParameterSpec... parameters) {
        declarations.pipeInput(machine, new MachineParameters(meta(t), machine, List.of(parameters)), t);
    }

    void sample(String machine, Instant t, String tag, double value, String unit) {
        telemetry.pipeInput(machine, new MachineTelemetry(meta(t), machine,
                List.of(new TagSample(tag, value, unit, SampleQuality.GOOD))), t);
    }

    void samples(String machine, Instant t, TagSample... samples) {
        telemetry.pipeInput(machine, new MachineTelemetry(meta(t), machine, List.of(samples)), t);
    }

    /** One sample a second of the given value through the minute starting at {@code minute}. */
    void minuteOf(String machine, Instant minute, String tag, double value, String unit) {
        for (int s = 0; s < 60; s++) {
            sample(machine, minute.plusSeconds(s), tag, value, unit);
        }
    }

    void order(String orderNo, String machine, double idealCycleSeconds, Instant t) {
        orders.pipeInput(orderNo, new ErpOrder(meta(t), orderNo, "ART-1", 1_000, machine, idealCycleSeconds,
                t.plus(Duration.ofDays(2)), 1, OrderStatus.RELEASED, t, false), t);
    }

    void count(String machine, Instant t, String orderNo) {
        counts.pipeInput(machine, new MachineCounts(meta(t), machine, 1, 0, 0, 0, false, orderNo), t);
    }

    void state(String machine, Instant t, MachineStatus status) {
        states.pipeInput(machine, new MachineState(meta(t), machine, status, null, null), t);
    }

    List<ParameterStats> drainMinutes() {
        return minutes.readValuesToList();
    }

    List<Alert> drainAlerts() {
        return alerts.readValuesToList();
    }

    /** The reasons of every telemetry dead letter since the last call. */
    List<String> deadLetterReasons() {
        List<String> reasons = new ArrayList<>();
        while (!telemetryDeadLetters.isEmpty()) {
            TestRecord<byte[], byte[]> letter = telemetryDeadLetters.readRecord();
            reasons.add(DeadLetters.header(letter.headers(), DeadLetters.REASON));
        }
        return reasons;
    }

    private EventMeta meta(Instant t) {
        return new EventMeta("e-" + (++sequence), "test", t, EventMeta.CURRENT_SCHEMA_VERSION);
    }

    @Override
    public void close() {
        driver.close();
    }
}
