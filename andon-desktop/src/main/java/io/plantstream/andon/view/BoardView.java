package io.plantstream.andon.view;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import javafx.animation.Animation;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.RowConstraints;
import javafx.scene.layout.VBox;
import javafx.util.Duration;

/**
 * The board: header (plant, shift, plant OEE, clock), the connection banner, the tiles in the
 * layout's columns, the alert ticker. It binds to the view model, refreshes it on the FX thread
 * every 100 ms, and blinks the tiles of machines that are down. A click on a tile asks for
 * {@code onTile} (the Andon call dialog).
 */
public final class BoardView extends BorderPane {
    private static final Duration REFRESH = Duration.millis(100);
    private static final Duration BLINK = Duration.millis(500);

    private final BoardViewModel model;
    private final List<TileView> tiles = new ArrayList<>();
    private final Timeline refresh;
    private final Timeline blink;
    private boolean blinkOff;

    public BoardView(BoardViewModel model, Consumer<TileViewModel> onTile) {
        this.model = model;
        setId("board");
        getStyleClass().add("board");
        getStylesheets().add(BoardView.class.getResource("/io/plantstream/andon/board.css").toExternalForm());
        setTop(new VBox(header(), banner()));
        setCenter(grid(onTile));
        setBottom(ticker());
        refresh = new Timeline(new KeyFrame(REFRESH, e -> model.refresh()));
        refresh.setCycleCount(Animation.INDEFINITE);
        blink = new Timeline(new KeyFrame(BLINK, e -> {
            blinkOff = !blinkOff;
            tiles.forEach(tile -> tile.blink(blinkOff));
        }));
        blink.setCycleCount(Animation.INDEFINITE);
    }

    /** Starts refreshing and blinking (FX thread). */
    public void start() {
        refresh.play();
        blink.play();
    }

    public void stop() {
        refresh.stop();
        blink.stop();
    }

    private HBox header() {
        Label plant = bound(model.plant(), "header-plant", "plant");
        Label shift = bound(model.shift(), "header-shift", "shift");
        Label oee = bound(model.plantOee(), "header-oee", "plant-oee");
        oee.getStyleClass().add(model.plantBand().get().styleClass());
        model.plantBand().addListener((o, was, now) -> {
            oee.getStyleClass().remove(was.styleClass());
            oee.getStyleClass().add(now.styleClass());
        });
        Label clock = bound(model.time(), "header-clock", "clock");
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        HBox header = new HBox(32, plant, shift, gap, oee, clock);
        header.getStyleClass().add("header");
        return header;
    }

    private Label banner() {
        Label banner = bound(model.banner(), "banner", "banner");
        banner.visibleProperty().bind(model.bannerShown());
        banner.managedProperty().bind(model.bannerShown());
        banner.setMaxWidth(Double.MAX_VALUE);
        return banner;
    }

    private GridPane grid(Consumer<TileViewModel> onTile) {
        GridPane grid = new GridPane();
        grid.getStyleClass().add("tiles");
        grid.setHgap(12);
        grid.setVgap(12);
        grid.setPadding(new Insets(12));
        int columns = model.columns();
        int rows = (model.tiles().size() + columns - 1) / columns;
        for (int c = 0; c < columns; c++) {
            ColumnConstraints column = new ColumnConstraints();
            column.setPercentWidth(100.0 / columns);
            grid.getColumnConstraints().add(column);
        }
        for (int r = 0; r < rows; r++) {
            RowConstraints row = new RowConstraints();
            row.setPercentHeight(100.0 / rows);
            grid.getRowConstraints().add(row);
        }
        for (int i = 0; i < model.tiles().size(); i++) {
            TileViewModel tileModel = model.tiles().get(i);
            TileView tile = new TileView(tileModel);
            tile.setOnMouseClicked(e -> onTile.accept(tileModel));
            tiles.add(tile);
            TileView.Cell cell = new TileView.Cell(tile);
            cell.setMaxSize(Double.MAX_VALUE, Double.MAX_VALUE);
            grid.add(cell, i % columns, i / columns);
        }
        return grid;
    }

    private Label ticker() {
        Label ticker = bound(model.ticker(), "ticker", "ticker");
        ticker.setMaxWidth(Double.MAX_VALUE);
        return ticker;
    }

    private static Label bound(javafx.beans.value.ObservableValue<String> text, String styleClass, String id) {
        Label label = new Label();
        label.textProperty().bind(text);
        label.getStyleClass().add(styleClass);
        label.setId(id);
        return label;
    }
}
