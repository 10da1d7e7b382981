package io.plantstream.streams.jobs;

import io.plantstream.events.JobCommandType;
import io.plantstream.events.JobStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What the job stream remembers about one production order (its state store value). Mutable,
 * owned by one stream task at a time.
 */
public final class JobRecord {
    static final int RECENT_IDS = 32;

    public String orderNo;
    public String machineId;
    public String article;
    public JobStatus status;
    public long produced;
    public long rejected;
    public long target;
    public double idealCycleSeconds;
    public Instant dueDate;
    public Instant eta;
    public String lastCommandId;
    public String note;
    /** Status to return to when the machine rejects the pending command. */
    public JobStatus statusBeforePending;
    public String pendingCommandId;
    public JobCommandType pendingCommandType;
    public long firstCountAtMs = -1;
    public long goodAtFirstCount;
    public long lastCountAtMs = -1;
    public boolean lateAlertOpen;
    /** Event time of the last published state, and whether progress has changed since. */
    public long publishedAtMs = -1;
    public boolean unpublished;
    /** Versions the published states, so a replay yields the same event ids. */
    public long version;
    /** Recently applied command and count event ids: a repeated one changes nothing. */
    public List<String> recentIds = new ArrayList<>();

    long good() {
        return produced - rejected;
    }

    boolean isTerminal() {
        return status == JobStatus.COMPLETED || status == JobStatus.ABORTED;
    }

    boolean seen(String id) {
        return recentIds.contains(id);
    }

    void remember(String id) {
        recentIds.add(id);
        if (recentIds.size() > RECENT_IDS) {
            recentIds.remove(0);
        }
    }
}
