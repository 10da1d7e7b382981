package io.plantstream.dashboard.view;

import io.plantstream.dashboard.view.Screens.Figures;
import io.plantstream.dashboard.view.Screens.Loss;
import io.plantstream.events.OeeLosses;
import io.plantstream.events.OeeRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Sums of OEE records: the loss Pareto of a machine, and the OEE of several machines together. */
final class Losses {
    private Losses() {
    }

    /**
     * Where planned time went over the records, largest loss first: downtime by reason, idle,
     * setup, no signal, speed and quality; each in seconds and in OEE points of the planned
     * time (planned stops are not losses and are left out).
     */
    static List<Loss> pareto(List<OeeRecord> records) {
        Map<String, Double> seconds = new LinkedHashMap<>();
        double planned = 0;
        for (OeeRecord record : records) {
            OeeLosses losses = record.losses();
            planned += record.plannedSeconds();
            losses.downtimeByReason().forEach((reason, s) -> seconds.merge("Down: " + reason, s, Double::sum));
            seconds.merge("Idle", losses.idleSeconds(), Double::sum);
            seconds.merge("Setup", losses.setupSeconds(), Double::sum);
            seconds.merge("No signal", losses.noSignalSeconds(), Double::sum);
            seconds.merge("Speed loss", losses.speedLossSeconds(), Double::sum);
            seconds.merge("Quality loss", losses.qualityLossSeconds(), Double::sum);
        }
        double total = planned;
        List<Loss> pareto = new ArrayList<>();
        seconds.forEach((name, s) -> {
            if (s > 0.0005) {
                pareto.add(new Loss(name, s, total > 0 ? s / total : 0));
            }
        });
        pareto.sort(Comparator.comparingDouble(Loss::seconds).reversed());
        return pareto;
    }

    /**
     * The OEE of several machines as one: availability = run time / planned time, OEE = fully
     * productive time / planned time (each machine's good parts at its ideal cycle), quality =
     * good / total parts, and performance what makes A x P x Q equal the OEE. Null without
     * records or planned time.
     */
    static Figures aggregate(List<OeeRecord> records) {
        if (records.isEmpty()) {
            return null;
        }
        double planned = 0;
        double run = 0;
        double productive = 0;
        long total = 0;
        long good = 0;
        Instant start = null;
        Instant end = null;
        for (OeeRecord r : records) {
            planned += r.plannedSeconds();
            run += r.runSeconds();
            productive += r.idealProductiveSeconds();
            total += r.totalCount();
            good += r.goodCount();
            start = start == null || r.windowStart().isBefore(start) ? r.windowStart() : start;
            end = end == null || r.windowEnd().isAfter(end) ? r.windowEnd() : end;
        }
        Double availability = planned > 0 ? run / planned : null;
        Double oee = planned > 0 ? productive / planned : null;
        Double quality = total > 0 ? (double) good / total : null;
        Double performance = availability != null && quality != null && availability > 0 && quality > 0
                ? oee / (availability * quality) : null;
        return new Figures("LIVE", start, end, null, false, availability, performance, quality, oee, planned, run,
                total, good, List.of());
    }
}
