package io.plantstream.streams.jobs;

import java.time.Instant;

/**
 * When a running job will reach its target, from the good-part rate the machine has actually
 * achieved on it; before there is a measured rate, from the order's ideal cycle time.
 */
public final class Eta {
    private Eta() {
    }

    public static Instant estimate(JobRecord job) {
        long remaining = job.target - job.good();
        if (remaining <= 0 || job.lastCountAtMs < 0) {
            return null;
        }
        long elapsedMs = job.lastCountAtMs - job.firstCountAtMs;
        long madeSinceFirst = job.good() - job.goodAtFirstCount;
        double msPerPart;
        if (elapsedMs > 0 && madeSinceFirst > 0) {
            msPerPart = (double) elapsedMs / madeSinceFirst;
        } else if (job.idealCycleSeconds > 0) {
            msPerPart = job.idealCycleSeconds * 1000;
        } else {
            return null;
        }
        return Instant.ofEpochMilli(job.lastCountAtMs + Math.round(remaining * msPerPart));
    }
}
