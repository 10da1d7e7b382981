package io.plantstream.streams.jobs;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Proposes the order in which a machine should run its queued jobs: earliest due date first;
 * after each job, later jobs of the same article are pulled right behind it (saving a setup)
 * as long as every job they overtake still finishes by its due date. Jobs without a due date
 * come last.
 */
public final class JobSequencer {

    /** A queued job as the sequencer sees it. */
    public record QueuedJob(String orderNo, String article, Instant dueDate, Duration duration) {
    }

    private static final Comparator<QueuedJob> BY_DUE_DATE = Comparator
            .comparing((QueuedJob j) -> j.dueDate() == null ? Instant.MAX : j.dueDate())
            .thenComparing(QueuedJob::orderNo);

    private JobSequencer() {
    }

    public static List<QueuedJob> propose(List<QueuedJob> queued, Instant now) {
        List<QueuedJob> remaining = new ArrayList<>(queued);
        remaining.sort(BY_DUE_DATE);
        List<QueuedJob> sequence = new ArrayList<>();
        Instant clock = now;
        while (!remaining.isEmpty()) {
            QueuedJob next = remaining.remove(0);
            sequence.add(next);
            clock = clock.plus(next.duration());
            for (int i = 0; i < remaining.size(); i++) {
                QueuedJob candidate = remaining.get(i);
                if (candidate.article().equals(next.article())
                        && overtakingKeepsDueDates(remaining.subList(0, i), clock.plus(candidate.duration()))) {
                    remaining.remove(i);
                    sequence.add(candidate);
                    clock = clock.plus(candidate.duration());
                    i--;
                }
            }
        }
        return sequence;
    }

    private static boolean overtakingKeepsDueDates(List<QueuedJob> overtaken, Instant startOfOvertaken) {
        Instant clock = startOfOvertaken;
        for (QueuedJob job : overtaken) {
            clock = clock.plus(job.duration());
            if (job.dueDate() != null && clock.isAfter(job.dueDate())) {
                return false;
            }
        }
        return true;
    }
}
