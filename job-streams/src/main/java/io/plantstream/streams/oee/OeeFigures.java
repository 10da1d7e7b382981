package io.plantstream.streams.oee;

import io.plantstream.events.EventMeta;
import io.plantstream.events.OeeGranularity;
import io.plantstream.events.OeeLosses;
import io.plantstream.events.OeeRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * OEE from a time breakdown and the parts counted, exactly as the plant defines it:
 * A = run / planned, P = ideal time of all parts / run, Q = ideal time of good parts / ideal
 * time of all parts, OEE = A x P x Q = ideal time of good parts / planned. Nothing is clamped:
 * a ratio above 100 % is reported in the data problems.
 */
public final class OeeFigures {
    private OeeFigures() {
    }

    public static OeeRecord record(String source, String machineId, OeeGranularity granularity, Instant windowStart,
            Instant windowEnd, String shift, boolean finalResult, TimeBreakdown time, WindowCounts counts,
            Instant computedAt) {
        double planned = time.plannedMs() / 1000.0;
        double run = time.runMs() / 1000.0;
        double totalIdeal = counts.totalIdealMicros() / 1_000_000.0;
        double goodIdeal = counts.goodIdealMicros() / 1_000_000.0;
        Double availability = planned > 0 ? run / planned : null;
        Double performance = run > 0 ? totalIdeal / run : null;
        Double quality = totalIdeal > 0 ? goodIdeal / totalIdeal : null;
        Double oee = planned > 0 ? goodIdeal / planned : null;

        List<String> problems = new ArrayList<>();
        if (performance != null && performance > 1.0) {
            problems.add(String.format(Locale.ROOT, "performance %.2f %% is above 100 %%: the ideal cycle time is "
                    + "longer than the real one, or parts were counted twice", performance * 100));
        }
        if (run == 0 && counts.total() > 0) {
            problems.add(counts.total() + " parts counted without run time: check the machine's state signals");
        }
        if (counts.rejected() > counts.total()) {
            problems.add("more rejects (" + counts.rejected() + ") than parts (" + counts.total() + ")");
        }
        if (oee != null && oee > 1.0) {
            problems.add(String.format(Locale.ROOT, "OEE %.2f %% is above 100 %%", oee * 100));
        }

        Map<String, Double> downtime = new HashMap<>();
        time.downByReason().forEach((reason, ms) -> downtime.put(reason, ms / 1000.0));
        OeeLosses losses = new OeeLosses(time.plannedStopMs() / 1000.0, downtime, time.idleMs() / 1000.0,
                time.setupMs() / 1000.0, time.noSignalMs() / 1000.0, run - totalIdeal, totalIdeal - goodIdeal);
        Map<String, Double> points = new LinkedHashMap<>();
        if (planned > 0) {
            points.put("downtime", losses.downtimeSeconds() / planned);
            points.put("idle", losses.idleSeconds() / planned);
            points.put("setup", losses.setupSeconds() / planned);
            points.put("noSignal", losses.noSignalSeconds() / planned);
            points.put("speedLoss", losses.speedLossSeconds() / planned);
            points.put("qualityLoss", losses.qualityLossSeconds() / planned);
        }
        String key = machineId + "|" + granularity + "|" + windowStart + "|" + (finalResult ? "final" : computedAt);
        return new OeeRecord(EventMeta.derived(source, computedAt, key), machineId, granularity, windowStart, windowEnd,
                shift, finalResult, planned, run, counts.total(), Math.max(0, counts.good()), totalIdeal, availability, performance,
                quality, oee, losses, points, problems);
    }
}
