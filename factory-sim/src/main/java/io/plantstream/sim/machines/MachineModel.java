package io.plantstream.sim.machines;

import io.plantstream.events.JobCommandType;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.function.Predicate;

/**
 * How a simulated machine behaves, whatever protocol it speaks: it makes a part every cycle
 * (with jitter), scraps some, breaks down now and then with a reason code and is repaired after
 * a while, stands still in the plant's breaks, and sets up between jobs. Without a job it makes
 * stock parts. A dispatched job is set up, started, produced until its good parts reach the
 * target quantity, then the machine stops and waits for the next job (after a pause without one,
 * it goes back to stock parts). Deterministic for a seed and a sequence of times.
 *
 * <p>Not thread-safe: one front-end drives it from one thread.
 */
public final class MachineModel {
    /** Command codes as the job agent writes them into a PLC ({@link JobCommandType#plcCode()}). */
    public static final int DISPATCH = JobCommandType.DISPATCH.plcCode();
    public static final int START = JobCommandType.START.plcCode();
    public static final int PAUSE = JobCommandType.PAUSE.plcCode();
    public static final int RESUME = JobCommandType.RESUME.plcCode();
    public static final int ABORT = JobCommandType.ABORT.plcCode();

    /** Alarm word bits: which fault the machine has. */
    static final List<String> FAULTS = List.of("JAM", "TOOL-BREAK", "DOOR-OPEN", "LOW-AIR");

    /** What a machine is like. */
    public record Behaviour(double cycleSeconds, double jitter, double scrapRate, double faultEveryMinutes,
            double repairMinutes, double setupSeconds, Duration idleAfterJob, long seed) {
        public Behaviour {
            if (!(cycleSeconds > 0)) {
                throw new IllegalArgumentException("cycleSeconds must be positive");
            }
            if (scrapRate < 0 || scrapRate >= 1 || jitter < 0 || jitter >= 1) {
                throw new IllegalArgumentException("scrapRate and jitter must be in [0, 1)");
            }
        }
    }

    /** Everything the machine shows on its interface at one moment. */
    public record Snapshot(Instant time, boolean running, boolean fault, boolean setup, boolean plannedStop,
            long partCounter, long rejectCounter, int alarmWord, double cycleTimeSeconds, String activeJob,
            double spindleLoad, double temperature) {
    }

    /** What a command did: taken, or refused with the reason the machine gives. */
    public record Answer(boolean taken, String reason) {
        static final Answer TAKEN = new Answer(true, null);

        static Answer refused(String reason) {
            return new Answer(false, reason);
        }
    }

    private enum Phase { STOCK, SETUP, READY, PRODUCING, PAUSED, DONE }

    private final Behaviour behaviour;
    private final Random random;
    private final Predicate<Instant> breakTime;
    private Instant last;
    private double nextPartIn;
    private double lastCycle;
    private long parts;
    private long rejects;
    private Phase phase = Phase.STOCK;
    private Instant phaseSince;
    private boolean startRequested;
    private String job;
    private long target;
    private long goodForJob;
    private Instant faultUntil;
    private int alarmWord;
    private double spindleLoad = 55;
    private double temperature = 24;

    /**
     * @param breakTime true while the plant is in a break or outside its shifts (the machine
     *        stands still, as planned)
     */
    public MachineModel(Behaviour behaviour, Predicate<Instant> breakTime) {
        this.behaviour = behaviour;
        this.random = new Random(behaviour.seed());
        this.breakTime = breakTime;
        this.nextPartIn = cycle();
        this.lastCycle = behaviour.cycleSeconds();
    }

    /** Moves the machine on to {@code now} and tells what it shows. */
    public Snapshot advance(Instant now) {
        if (last == null) {
            last = now;
            phaseSince = now;
        }
        double elapsed = Math.max(0, Duration.between(last, now).toNanos() / 1e9);
        last = now;
        boolean planned = breakTime.test(now);
        if (faultUntil != null && !now.isBefore(faultUntil)) {
            faultUntil = null;
            alarmWord = 0;
        }
        boolean producing = phase == Phase.STOCK || phase == Phase.PRODUCING;
        if (faultUntil == null && producing && !planned && behaviour.faultEveryMinutes() > 0
                && random.nextDouble() < elapsed / (behaviour.faultEveryMinutes() * 60)) {
            double repair = behaviour.repairMinutes() * 60 * (0.5 + random.nextDouble());
            faultUntil = now.plusMillis((long) (repair * 1000));
            alarmWord = 1 << random.nextInt(FAULTS.size());
        }
        boolean fault = faultUntil != null;
        if (phase == Phase.SETUP && !fault && secondsIn(now) >= behaviour.setupSeconds()) {
            phase(startRequested ? Phase.PRODUCING : Phase.READY, now);
        }
        if (phase == Phase.DONE && behaviour.idleAfterJob() != null
                && secondsIn(now) >= behaviour.idleAfterJob().toSeconds()) {
            phase(Phase.STOCK, now);
            job = null;
        }
        boolean running = (phase == Phase.STOCK || phase == Phase.PRODUCING) && !fault && !planned;
        if (running) {
            nextPartIn -= elapsed;
            while (nextPartIn <= 0 && (phase == Phase.STOCK || phase == Phase.PRODUCING)) {
                makePart();
                lastCycle = cycle();
                nextPartIn += lastCycle;
                if (phase == Phase.PRODUCING && goodForJob >= target) {
                    phase(Phase.DONE, now);
                    nextPartIn = cycle();
                }
            }
            running = phase == Phase.STOCK || phase == Phase.PRODUCING;
        }
        spindleLoad = wander(spindleLoad, running ? 62 : 8, 2.0);
        temperature = wander(temperature, running ? 38 : 24, 0.3);
        return new Snapshot(now, running, fault, phase == Phase.SETUP, planned && !fault, parts, rejects, alarmWord,
                lastCycle, job, spindleLoad, temperature);
    }

    /**
     * A command as the job agent hands it over: DISPATCH with order number and target quantity,
     * the others for the dispatched job.
     */
    public Answer command(int code, String orderNo, long targetQuantity) {
        java.util.Optional<JobCommandType> type = JobCommandType.ofPlcCode(code);
        if (type.isEmpty()) {
            return Answer.refused("unknown command code " + code);
        }
        return switch (type.get()) {
            case DISPATCH -> dispatch(orderNo, targetQuantity);
            case START -> start();
            case PAUSE -> move(Phase.PRODUCING, Phase.PAUSED, "no job running");
            case RESUME -> move(Phase.PAUSED, Phase.PRODUCING, "no job paused");
            case ABORT -> abort();
        };
    }

    private Answer dispatch(String orderNo, long targetQuantity) {
        if (phase == Phase.PRODUCING || phase == Phase.PAUSED) {
            return Answer.refused("job " + job + " is still running");
        }
        if (orderNo == null || orderNo.isBlank() || targetQuantity <= 0) {
            return Answer.refused("a job needs an order number and a positive target quantity");
        }
        job = orderNo.strip();
        target = targetQuantity;
        goodForJob = 0;
        startRequested = false;
        phase(Phase.SETUP, last);
        return Answer.TAKEN;
    }

    private Answer start() {
        if (phase == Phase.SETUP) {
            startRequested = true;
            return Answer.TAKEN;
        }
        if (phase != Phase.READY) {
            return Answer.refused(job == null ? "no job dispatched" : "job " + job + " is not ready to start");
        }
        phase(Phase.PRODUCING, last);
        return Answer.TAKEN;
    }

    private Answer move(Phase from, Phase to, String otherwise) {
        if (phase != from) {
            return Answer.refused(otherwise);
        }
        phase(to, last);
        return Answer.TAKEN;
    }

    private Answer abort() {
        if (job == null || phase == Phase.STOCK) {
            return Answer.refused("no job to abort");
        }
        job = null;
        phase(Phase.STOCK, last);
        return Answer.TAKEN;
    }

    /** A command named as the job agent names it in command rows and job files (DISPATCH ... ABORT). */
    public Answer command(String name, String orderNo, long targetQuantity) {
        for (JobCommandType type : JobCommandType.values()) {
            if (type.name().equalsIgnoreCase(name == null ? "" : name.strip())) {
                return command(type.plcCode(), orderNo, targetQuantity);
            }
        }
        return Answer.refused("unknown command " + name);
    }

    /** The order the machine works on, or null. */
    public String job() {
        return job;
    }

    private void makePart() {
        parts++;
        if (random.nextDouble() < behaviour.scrapRate()) {
            rejects++;
        } else if (phase == Phase.PRODUCING) {
            goodForJob++;
        }
    }

    private double cycle() {
        return behaviour.cycleSeconds() * (1 + behaviour.jitter() * (random.nextDouble() * 2 - 1));
    }

    private double wander(double value, double setPoint, double step) {
        return value + (setPoint - value) * 0.05 + (random.nextDouble() - 0.5) * step;
    }

    private void phase(Phase next, Instant now) {
        phase = next;
        phaseSince = now == null ? Instant.now() : now;
    }

    private double secondsIn(Instant now) {
        return Duration.between(phaseSince, now).toNanos() / 1e9;
    }
}
