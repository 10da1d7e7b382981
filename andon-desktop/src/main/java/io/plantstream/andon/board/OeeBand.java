package io.plantstream.andon.board;

/** Colour band of an OEE figure: under 65 % red, under 85 % yellow, from 85 % green; NONE without a figure. */
public enum OeeBand {
    RED, YELLOW, GREEN, NONE;

    public String styleClass() {
        return "oee-" + name().toLowerCase(java.util.Locale.ROOT);
    }
}
