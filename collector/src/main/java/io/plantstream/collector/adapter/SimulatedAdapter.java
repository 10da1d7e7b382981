package io.plantstream.collector.adapter;

import io.plantstream.collector.core.RawSample;
import io.plantstream.collector.definition.MachineDefinition;
import io.plantstream.collector.definition.TagSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A machine simulated inside the collector, for trying the platform without hardware and for
 * load tests: it cycles at {@code cycleSeconds}, scraps {@code scrapRate} of its parts, faults
 * every {@code faultEveryMinutes} on average for a minute, and reports telemetry that wanders
 * around a set point. Deterministic for a given {@code seed}.
 */
public final class SimulatedAdapter implements MachineAdapter {
    private final MachineDefinition machine;
    private final Random random;
    private final double cycleSeconds;
    private final double scrapRate;
    private final double faultPerSecond;
    private final List<TagSpec> tags;
    private final double[] telemetry;
    private Instant last;
    private double partial;
    private long parts;
    private long rejects;
    private Instant faultUntil = Instant.MIN;
    private volatile String job;
    private volatile long jobTarget;
    /** Good parts made before the job started: the job runs until its own good parts reach the target. */
    private volatile long goodAtJobStart;
    private volatile boolean paused;

    public SimulatedAdapter(MachineDefinition machine) {
        this.machine = machine;
        Map<String, String> settings = machine.connection();
        this.random = new Random(Long.parseLong(settings.getOrDefault("seed", Integer.toString(machine.id().hashCode()))));
        this.cycleSeconds = Double.parseDouble(settings.getOrDefault("cycleSeconds", "2"));
        this.scrapRate = Double.parseDouble(settings.getOrDefault("scrapRate", "0.02"));
        double faultEvery = Double.parseDouble(settings.getOrDefault("faultEveryMinutes", "0"));
        this.faultPerSecond = faultEvery <= 0 ? 0 : 1.0 / (faultEvery * 60);
        this.tags = machine.allTags();
        this.telemetry = new double[tags.size()];
        for (int i = 0; i < telemetry.length; i++) {
            telemetry[i] = 50 + random.nextDouble() * 10;
        }
    }

    @Override
    public Batch poll() {
        Instant now = Instant.now();
        double elapsed = last == null ? 0 : Duration.between(last, now).toNanos() / 1e9;
        last = now;
        boolean fault = now.isBefore(faultUntil);
        if (!fault && faultPerSecond > 0 && random.nextDouble() < faultPerSecond * elapsed) {
            faultUntil = now.plusSeconds(60);
            fault = true;
        }
        boolean working = !fault && !paused && (job == null || parts - rejects - goodAtJobStart < jobTarget);
        if (working) {
            partial += elapsed / cycleSeconds;
            while (partial >= 1) {
                partial -= 1;
                parts++;
                if (random.nextDouble() < scrapRate) {
                    rejects++;
                }
            }
        }
        Map<String, Object> values = new LinkedHashMap<>();
        for (int i = 0; i < tags.size(); i++) {
            TagSpec tag = tags.get(i);
            Object value = switch (tag.address()) {
                case "running" -> working;
                case "fault" -> fault;
                case "setup", "plannedStop" -> false;
                case "partCounter" -> parts;
                case "rejectCounter" -> rejects;
                case "alarmWord" -> fault ? 1 : 0;
                case "cycleTime" -> cycleSeconds * (0.95 + random.nextDouble() * 0.1);
                case "activeJob" -> job;
                case "alarmText", "stateWord" -> null;
                default -> {
                    telemetry[i] += (random.nextDouble() - 0.5);
                    yield telemetry[i];
                }
            };
            if (value != null) {
                values.put(tag.name(), value);
            }
        }
        return new Batch(List.of(new RawSample(now, values, "simulated:" + machine.id(), null)), List.of());
    }

    /** The simulated machine takes a command: a dispatched job is produced until its target quantity. */
    public io.plantstream.collector.job.JobTarget.Outcome take(io.plantstream.events.JobCommand command) {
        switch (command.type()) {
            case DISPATCH -> {
                job = command.orderNo();
                jobTarget = command.parameters().targetQuantity();
                goodAtJobStart = parts - rejects;
                paused = true;
            }
            case START, RESUME -> paused = false;
            case PAUSE -> paused = true;
            case ABORT -> {
                job = null;
                paused = false;
            }
        }
        return io.plantstream.collector.job.JobTarget.Outcome.APPLIED;
    }

    @Override
    public void processed() {
        // nothing to commit
    }

    @Override
    public void disconnect() {
        // nothing held open
    }
}
