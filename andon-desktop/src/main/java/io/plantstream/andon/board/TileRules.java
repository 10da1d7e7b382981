package io.plantstream.andon.board;

import io.plantstream.events.MachineStatus;
import java.time.Duration;
import java.time.Instant;

/** How a machine's data becomes what its tile shows: colours, bands, blinking, durations, staleness. */
public final class TileRules {
    static final double RED_BELOW = 0.65;
    static final double YELLOW_BELOW = 0.85;

    private TileRules() {
    }

    /** Green running, yellow idle or setup, red down, blue planned stop, grey offline or unknown. */
    public static TileColour colour(MachineStatus status) {
        if (status == null) {
            return TileColour.GREY;
        }
        return switch (status) {
            case RUNNING -> TileColour.GREEN;
            case IDLE, SETUP -> TileColour.YELLOW;
            case DOWN -> TileColour.RED;
            case PLANNED_STOP -> TileColour.BLUE;
            case OFFLINE -> TileColour.GREY;
        };
    }

    /** A machine that is down blinks, to be seen from across the hall. */
    public static boolean blinks(MachineStatus status) {
        return status == MachineStatus.DOWN;
    }

    public static OeeBand band(Double oee) {
        if (oee == null || oee.isNaN()) {
            return OeeBand.NONE;
        }
        if (oee < RED_BELOW) {
            return OeeBand.RED;
        }
        return oee < YELLOW_BELOW ? OeeBand.YELLOW : OeeBand.GREEN;
    }

    /** Shown instead of live data: nothing heard from the machine for longer than {@code staleAfter}. */
    public static boolean stale(Instant lastSeen, Instant now, Duration staleAfter) {
        return lastSeen == null || Duration.between(lastSeen, now).compareTo(staleAfter) > 0;
    }

    /** A duration as a board shows it: {@code 45 s}, {@code 12 min}, {@code 3:07 h}, {@code 2 d 4 h}. */
    public static String duration(Duration duration) {
        long seconds = Math.max(0, duration.toSeconds());
        if (seconds < 60) {
            return seconds + " s";
        }
        if (seconds < 3600) {
            return seconds / 60 + " min";
        }
        if (seconds < 86_400) {
            return String.format(java.util.Locale.ROOT, "%d:%02d h", seconds / 3600, seconds % 3600 / 60);
        }
        return seconds / 86_400 + " d " + seconds % 86_400 / 3600 + " h";
    }

    /** A ratio as a percentage with one decimal, {@code –} without a figure. */
    public static String percent(Double ratio) {
        return ratio == null || ratio.isNaN() ? "–" : String.format(java.util.Locale.ROOT, "%.1f %%", ratio * 100);
    }
}
