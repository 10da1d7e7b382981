package io.plantstream.dashboard.users;

import io.plantstream.events.Check;
import io.plantstream.events.InvalidFieldException;
import java.time.Instant;
import java.util.regex.Pattern;

/**
 * A dashboard account as kept on the compacted users topic: name, role, Argon2id password hash,
 * enabled or not, and who changed it last. The password itself is never stored.
 */
public record DashboardUser(String username, Role role, String passwordHash, boolean enabled, String changedBy,
        Instant changedAt) {

    /** Lower case letters, digits, dot, dash and underscore; 2 to 40 characters. */
    public static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{1,39}");

    public DashboardUser {
        if (username == null || !NAME.matcher(username).matches()) {
            throw new InvalidFieldException("username", "must be 2-40 lower case letters, digits, '.', '-' or '_'");
        }
        Check.required(role, "role");
        Check.id(passwordHash, "passwordHash");
        Check.id(changedBy, "changedBy");
        Check.required(changedAt, "changedAt");
    }
}
