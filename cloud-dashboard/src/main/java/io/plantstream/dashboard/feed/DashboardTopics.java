package io.plantstream.dashboard.feed;

import io.plantstream.dashboard.users.AuditEntry;
import io.plantstream.dashboard.users.DashboardUser;
import io.plantstream.events.CleanupPolicy;
import io.plantstream.events.Topic;
import java.time.Duration;
import java.util.List;

/** The dashboard's own topics in the cloud Kafka, beside the sites' topics. */
public final class DashboardTopics {

    /** Accounts, compacted by user name: the latest record of a user is the account. */
    public static final Topic<String, DashboardUser> USERS = new Topic<>("dashboard.users.v1", String.class,
            DashboardUser.class, CleanupPolicy.COMPACT, 1, null, DashboardUser::username);

    /** Every command and every change of an account, who made it and when; kept for 13 months. */
    public static final Topic<String, AuditEntry> AUDIT = new Topic<>("dashboard.audit.v1", String.class,
            AuditEntry.class, CleanupPolicy.DELETE, 1, Duration.ofDays(400), AuditEntry::user);

    public static final List<Topic<?, ?>> ALL = List.of(USERS, AUDIT);

    private DashboardTopics() {
    }
}
