package io.plantstream.streams.jobs;

import java.time.Duration;

/**
 * @param source the event source name written into published job states
 * @param lateCheckInterval how often (wall clock) jobs are checked against their due dates
 */
public record JobSettings(String source, Duration lateCheckInterval) {
}
