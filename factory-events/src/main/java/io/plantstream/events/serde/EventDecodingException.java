package io.plantstream.events.serde;

import org.apache.kafka.common.errors.SerializationException;

/**
 * A payload that is not a valid record of its topic. The message names the topic, the field
 * (a JSON path such as {@code samples[2].value}, empty for the whole payload) and the problem.
 */
public final class EventDecodingException extends SerializationException {
    private static final long serialVersionUID = 1L;

    private final String topic;
    private final String field;
    private final String problem;

    public EventDecodingException(String topic, String field, String problem, Throwable cause) {
        super(topic + ": " + (field.isEmpty() ? "payload" : "field '" + field + "'") + " " + problem, cause);
        this.topic = topic;
        this.field = field;
        this.problem = problem;
    }

    public String topic() {
        return topic;
    }

    public String field() {
        return field;
    }

    public String problem() {
        return problem;
    }
}
