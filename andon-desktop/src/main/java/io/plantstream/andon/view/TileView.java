package io.plantstream.andon.view;

import io.plantstream.andon.board.OeeBand;
import io.plantstream.andon.board.TileColour;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javafx.beans.value.ObservableValue;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.layout.Background;
import javafx.scene.layout.BackgroundFill;
import javafx.scene.layout.CornerRadii;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.scene.paint.CycleMethod;
import javafx.scene.paint.LinearGradient;
import javafx.scene.paint.Paint;
import javafx.scene.paint.Stop;

/**
 * One machine's tile: binds to its view model. Its colours are painted from code rather than by
 * swapping style classes: a style class change makes JavaFX apply CSS to the whole tile again,
 * and a board of a hundred machines changes colours many times a second. Blinking swaps the
 * background too (dimming a tile would draw it through an off-screen image).
 */
final class TileView extends StackPane {
    private static final Map<TileColour, Color> FILLS = Map.of(
            TileColour.GREEN, Color.web("#2e7d32"), TileColour.YELLOW, Color.web("#f9a825"),
            TileColour.RED, Color.web("#c62828"), TileColour.BLUE, Color.web("#1565c0"),
            TileColour.GREY, Color.web("#5f6b7c"));
    private static final Paint STALE = new LinearGradient(0, 0, 28, 28, false, CycleMethod.REPEAT,
            new Stop(0, Color.web("#5f6b7c")), new Stop(0.5, Color.web("#5f6b7c")),
            new Stop(0.5, Color.web("#4b5565")), new Stop(1, Color.web("#4b5565")));
    private static final CornerRadii RADII = new CornerRadii(10);
    private static final Color LIGHT_INK = Color.WHITE;
    private static final Color DARK_INK = Color.web("#11161f");
    /** OEE bands on dark tiles, and on yellow ones. */
    static final Map<OeeBand, Color> BAND_ON_DARK = Map.of(OeeBand.RED, Color.web("#ff8a80"),
            OeeBand.YELLOW, Color.web("#ffe57f"), OeeBand.GREEN, Color.web("#b9f6ca"), OeeBand.NONE, Color.web("#c5cfdb"));
    static final Map<OeeBand, Color> BAND_ON_YELLOW = Map.of(OeeBand.RED, Color.web("#8e0000"),
            OeeBand.YELLOW, Color.web("#5d4037"), OeeBand.GREEN, Color.web("#1b5e20"), OeeBand.NONE, DARK_INK);
    /** The dark beat of a blinking tile (a background swap: cheaper to draw than a dimmed tile). */
    private static final Color BLINK_DARK = Color.web("#4a1010");

    private final TileViewModel model;
    private final List<Label> inked = new ArrayList<>();
    private final Label oee;
    private boolean dark;

    TileView(TileViewModel model) {
        this.model = model;
        setId("tile-" + model.machineId());
        getStyleClass().add("tile");
        Label name = label(model.name(), "tile-name");
        oee = label(model.oeeText(), "tile-oee");
        oee.setMinWidth(USE_PREF_SIZE);
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        HBox head = new HBox(name, gap, oee);
        Label state = label(model.stateText(), "tile-state");
        Label since = label(model.timeInState(), "tile-since");
        HBox stateLine = new HBox(12, state, since);
        Label reason = label(model.reasonText(), "tile-reason");
        reason.setWrapText(true);
        Label job = label(model.jobText(), "tile-job");
        ProgressBar progress = new ProgressBar();
        progress.progressProperty().bind(model.progress());
        progress.visibleProperty().bind(model.hasJob());
        progress.setMaxWidth(Double.MAX_VALUE);
        progress.getStyleClass().add("tile-progress");
        Label counts = label(model.countsText(), "tile-counts");
        Label alarm = label(model.alarmText(), "tile-alarm");
        alarm.setWrapText(true);
        inked.addAll(List.of(name, state, since, reason, job, counts, alarm));
        Label parameter = label(model.parameterText(), "tile-parameter");
        parameter.setWrapText(true);
        parameter.visibleProperty().bind(model.hasParameterAlert());
        parameter.managedProperty().bind(model.hasParameterAlert());
        Label calls = label(model.callsText(), "tile-calls");
        calls.setWrapText(true);
        calls.visibleProperty().bind(model.hasCalls());
        calls.managedProperty().bind(model.hasCalls());
        VBox content = new VBox(4, head, stateLine, reason, job, progress, counts, alarm, parameter, calls);
        content.getStyleClass().add("tile-content");
        Label stale = label(model.staleText(), "tile-stale");
        stale.visibleProperty().bind(model.stale());
        getChildren().addAll(content, stale);
        StackPane.setAlignment(stale, Pos.BOTTOM_CENTER);

        paint();
        model.colour().addListener((o, was, now) -> paint());
        model.stale().addListener((o, was, now) -> paint());
        model.band().addListener((o, was, now) -> paint());
    }

    /** Called by the board's blink timer: a blinking tile goes dark every other beat, the others stay lit. */
    void blink(boolean off) {
        boolean shouldBeDark = off && model.blinking().get();
        if (shouldBeDark != dark) {
            dark = shouldBeDark;
            paint();
        }
    }

    TileViewModel model() {
        return model;
    }

    /** The tile's background colour as shown (for tests and the benchmark). */
    Paint fill() {
        return getBackground().getFills().get(0).getFill();
    }

    private void paint() {
        boolean yellow = !model.stale().get() && model.colour().get() == TileColour.YELLOW;
        Paint fill = model.stale().get() ? STALE : dark && model.blinking().get() ? BLINK_DARK
                : FILLS.get(model.colour().get());
        setBackground(new Background(new BackgroundFill(fill, RADII, Insets.EMPTY)));
        Color ink = yellow ? DARK_INK : LIGHT_INK;
        inked.forEach(label -> label.setTextFill(ink));
        oee.setTextFill((yellow ? BAND_ON_YELLOW : BAND_ON_DARK).get(model.band().get()));
    }

    /** A one-line label (too long a text ends in an ellipsis); the few that may need two lines wrap. */
    private static Label label(ObservableValue<String> text, String styleClass) {
        Label label = new Label();
        label.textProperty().bind(text);
        label.getStyleClass().add(styleClass);
        return label;
    }

    /**
     * The grid's cell of a tile. The tile is not managed by the cell but sized by it: so a text
     * changing in a tile lays out that tile only, not the whole board (a hundred tiles would be
     * measured again at every change otherwise).
     */
    static final class Cell extends Region {
        private final TileView tile;

        Cell(TileView tile) {
            this.tile = tile;
            tile.setManaged(false);
            getChildren().add(tile);
        }

        @Override
        protected void layoutChildren() {
            tile.resizeRelocate(0, 0, getWidth(), getHeight());
        }

        @Override
        protected double computeMinWidth(double height) {
            return 0;
        }

        @Override
        protected double computeMinHeight(double width) {
            return 0;
        }
    }
}
