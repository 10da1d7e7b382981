package io.plantstream.dashboard.users;

/** What a dashboard user may do; each role may do what the ones before it may. */
public enum Role {
    /** Sees everything. */
    VIEWER,
    /** Also dispatches, starts, pauses, resumes and aborts jobs. */
    PLANNER,
    /** Also manages users and reads the audit trail. */
    ADMIN;

    /** The Spring Security authority of this role. */
    public String authority() {
        return "ROLE_" + name();
    }
}
