package io.plantstream.andon.view;

import javafx.beans.value.ObservableValue;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

/** One machine's tile: only binds to its view model (and swaps style classes when colours change). */
final class TileView extends StackPane {
    private static final String BLINK_OFF = "blink-off";

    private final TileViewModel model;

    TileView(TileViewModel model) {
        this.model = model;
        setId("tile-" + model.machineId());
        getStyleClass().add("tile");
        Label name = label(model.name(), "tile-name");
        Label oee = label(model.oeeText(), "tile-oee");
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        HBox head = new HBox(name, gap, oee);
        Label state = label(model.stateText(), "tile-state");
        Label since = label(model.timeInState(), "tile-since");
        HBox stateLine = new HBox(12, state, since);
        Label reason = label(model.reasonText(), "tile-reason");
        Label job = label(model.jobText(), "tile-job");
        ProgressBar progress = new ProgressBar();
        progress.progressProperty().bind(model.progress());
        progress.visibleProperty().bind(model.hasJob());
        progress.setMaxWidth(Double.MAX_VALUE);
        progress.getStyleClass().add("tile-progress");
        Label counts = label(model.countsText(), "tile-counts");
        Label alarm = label(model.alarmText(), "tile-alarm");
        Label calls = label(model.callsText(), "tile-calls");
        calls.visibleProperty().bind(model.hasCalls());
        calls.managedProperty().bind(model.hasCalls());
        VBox content = new VBox(4, head, stateLine, reason, job, progress, counts, alarm, calls);
        content.getStyleClass().add("tile-content");
        Label stale = label(model.staleText(), "tile-stale");
        stale.visibleProperty().bind(model.stale());
        getChildren().addAll(content, stale);
        StackPane.setAlignment(stale, javafx.geometry.Pos.BOTTOM_CENTER);

        swap(null, model.colour().get().styleClass());
        model.colour().addListener((o, was, now) -> swap(was.styleClass(), now.styleClass()));
        oee.getStyleClass().add(model.band().get().styleClass());
        model.band().addListener((o, was, now) -> {
            oee.getStyleClass().remove(was.styleClass());
            oee.getStyleClass().add(now.styleClass());
        });
        pseudoStale(model.stale().get());
        model.stale().addListener((o, was, now) -> pseudoStale(now));
    }

    /** Called by the board's blink timer: a blinking tile alternates, the others stay lit. */
    void blink(boolean off) {
        boolean dark = off && model.blinking().get();
        if (dark && !getStyleClass().contains(BLINK_OFF)) {
            getStyleClass().add(BLINK_OFF);
        } else if (!dark) {
            getStyleClass().remove(BLINK_OFF);
        }
    }

    TileViewModel model() {
        return model;
    }

    private void swap(String was, String now) {
        if (was != null) {
            getStyleClass().remove(was);
        }
        getStyleClass().add(now);
    }

    private void pseudoStale(boolean stale) {
        getStyleClass().remove("stale");
        if (stale) {
            getStyleClass().add("stale");
        }
    }

    private static Label label(ObservableValue<String> text, String styleClass) {
        Label label = new Label();
        label.textProperty().bind(text);
        label.getStyleClass().add(styleClass);
        label.setWrapText(true);
        return label;
    }
}
