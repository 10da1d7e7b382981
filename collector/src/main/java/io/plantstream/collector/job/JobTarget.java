package io.plantstream.collector.job;

import io.plantstream.events.JobCommand;
import java.util.List;

/** How one machine takes job commands, in its own way (PLC tags, command rows, job files). */
public interface JobTarget extends AutoCloseable {

    /** What happened to a command: applied, refused with the reason, or handed over and awaiting the machine. */
    record Outcome(Status status, String reason) {
        public enum Status { APPLIED, REJECTED, PENDING }

        public static final Outcome APPLIED = new Outcome(Status.APPLIED, null);
        public static final Outcome PENDING = new Outcome(Status.PENDING, null);

        public static Outcome rejected(String reason) {
            return new Outcome(Status.REJECTED, reason);
        }
    }

    /** A command the machine finished with later (a command row turned DONE or FAILED). */
    record Completion(String commandId, Outcome outcome) {
    }

    /** Applies a command; throws when the machine cannot be reached (the agent tries again). */
    Outcome apply(JobCommand command) throws Exception;

    /** Commands handed over earlier that the machine has finished with since. */
    default List<Completion> completions() throws Exception {
        return List.of();
    }

    @Override
    default void close() {
    }
}
