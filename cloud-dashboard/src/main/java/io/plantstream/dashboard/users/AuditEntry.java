package io.plantstream.dashboard.users;

import io.plantstream.events.Check;
import io.plantstream.events.EventMeta;
import io.plantstream.events.OptionalField;

/**
 * One line of the audit trail: who did what, when, to what, and how it ended (ISSUED, REFUSED,
 * CREATED, CHANGED, LOGIN, LOGIN_FAILED). Kept as events on the audit topic.
 */
public record AuditEntry(EventMeta meta, String user, String action, String outcome, @OptionalField String site,
        @OptionalField String target, @OptionalField String detail) {

    public AuditEntry {
        Check.required(meta, "meta");
        Check.id(user, "user");
        Check.id(action, "action");
        Check.id(outcome, "outcome");
    }
}
