package io.plantstream.andon.board;

/** The colour a tile shows for a machine state, as Andon boards use them. */
public enum TileColour {
    GREEN, YELLOW, RED, BLUE, GREY;

    /** The CSS style class of the colour. */
    public String styleClass() {
        return "tile-" + name().toLowerCase(java.util.Locale.ROOT);
    }
}
