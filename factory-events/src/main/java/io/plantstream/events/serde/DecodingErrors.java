package io.plantstream.events.serde;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import io.plantstream.events.InvalidFieldException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Turns Jackson's failures into one sentence naming the topic, the field and the problem. */
final class DecodingErrors {
    private static final Pattern MISSING = Pattern.compile("Missing required creator property '([^']+)'");

    private DecodingErrors() {
    }

    static EventDecodingException translate(String topic, Class<?> type, Exception error) {
        if (error instanceof JsonParseException parse) {
            return new EventDecodingException(topic, "", "is not valid JSON at line "
                    + parse.getLocation().getLineNr() + ", column " + parse.getLocation().getColumnNr()
                    + ": " + parse.getOriginalMessage(), error);
        }
        if (!(error instanceof JsonMappingException mapping)) {
            return new EventDecodingException(topic, "", "could not be read as " + type.getSimpleName()
                    + ": " + error.getMessage(), error);
        }
        String path = path(mapping);
        if (mapping.getOriginalMessage().startsWith("Unexpected end-of-input")) {
            return new EventDecodingException(topic, "", "is not valid JSON: it ends early at line "
                    + mapping.getLocation().getLineNr() + ", column " + mapping.getLocation().getColumnNr(), error);
        }
        if (mapping instanceof ValueInstantiationException && mapping.getCause() instanceof InvalidFieldException invalid) {
            return new EventDecodingException(topic, join(path, invalid.field()),
                    invalid.getMessage().substring(("field '" + invalid.field() + "' ").length()), error);
        }
        Matcher missing = MISSING.matcher(mapping.getOriginalMessage());
        if (missing.find()) {
            String field = path.equals(missing.group(1)) || path.endsWith("." + missing.group(1))
                    ? path : join(path, missing.group(1));
            return new EventDecodingException(topic, field, "is missing", error);
        }
        if (mapping instanceof InvalidFormatException format) {
            return new EventDecodingException(topic, path, "has the value " + render(format.getValue())
                    + ", which is not a valid " + describe(format.getTargetType()), error);
        }
        if (mapping instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
            return new EventDecodingException(topic, path, "has the wrong type: expected "
                    + describe(mismatch.getTargetType()) + " (" + firstLine(mapping.getOriginalMessage()) + ")", error);
        }
        return new EventDecodingException(topic, path, firstLine(mapping.getOriginalMessage()), error);
    }

    private static String path(JsonMappingException mapping) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : mapping.getPath()) {
            if (ref.getFieldName() != null) {
                if (path.length() > 0) {
                    path.append('.');
                }
                path.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static String join(String path, String field) {
        return path.isEmpty() ? field : path + "." + field;
    }

    private static String render(Object value) {
        return value instanceof String s ? '"' + s + '"' : String.valueOf(value);
    }

    private static String describe(Class<?> type) {
        if (type.isEnum()) {
            StringBuilder values = new StringBuilder(type.getSimpleName()).append(" (one of ");
            Object[] constants = type.getEnumConstants();
            for (int i = 0; i < constants.length; i++) {
                values.append(i == 0 ? "" : ", ").append(constants[i]);
            }
            return values.append(')').toString();
        }
        return type.getSimpleName();
    }

    private static String firstLine(String message) {
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
