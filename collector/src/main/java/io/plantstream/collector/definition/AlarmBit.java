package io.plantstream.collector.definition;

import io.plantstream.events.Severity;

/** One bit of a machine's alarm word: its alarm code, text and severity. */
public record AlarmBit(int bit, String code, String text, Severity severity) {
}
