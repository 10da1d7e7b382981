package io.plantstream.andon.view;

import io.plantstream.andon.board.BoardState;
import io.plantstream.andon.board.OeeBand;
import io.plantstream.andon.board.TileRules;
import io.plantstream.events.Alert;
import io.plantstream.events.OeeRecord;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The whole board as observable state: the header (plant, shift, clock, plant OEE), one tile per
 * machine of the layout, the alert ticker and the connection banner. {@link #refresh} is called
 * on the FX thread a few times a second: it takes what the Kafka feed changed in the meantime
 * (so a burst of records costs one update per tile) and, once a second, moves every clock and
 * time-in-state on and re-checks staleness. No Kafka call here.
 */
public final class BoardViewModel {
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss");

    private final BoardState board;
    private final Texts texts;
    private final Duration staleAfter;
    private final Clock clock;
    private final ZoneId zone;
    private final Map<String, TileViewModel> byMachine = new LinkedHashMap<>();
    private final ObservableList<TileViewModel> tiles = FXCollections.observableArrayList();
    private final StringProperty plant = new SimpleStringProperty("");
    private final StringProperty shift = new SimpleStringProperty("");
    private final StringProperty time = new SimpleStringProperty("");
    private final StringProperty plantOee = new SimpleStringProperty("");
    private final ObjectProperty<OeeBand> plantBand = new SimpleObjectProperty<>(OeeBand.NONE);
    private final StringProperty ticker = new SimpleStringProperty("");
    private final StringProperty banner = new SimpleStringProperty("");
    private final BooleanProperty bannerShown = new SimpleBooleanProperty(false);
    private long lastSecond = Long.MIN_VALUE;

    public BoardViewModel(BoardState board, Texts texts, Duration staleAfter, Clock clock, ZoneId zone) {
        this.board = board;
        this.texts = texts;
        this.staleAfter = staleAfter;
        this.clock = clock;
        this.zone = zone;
        plant.set(board.layout().plant());
        board.layout().machines().forEach(m -> byMachine.put(m.id(), new TileViewModel(m.id())));
        tiles.setAll(byMachine.values());
        refresh();
    }

    /** Brings the view models up to date with the board's data (FX thread). */
    public void refresh() {
        Instant now = clock.instant();
        long second = now.getEpochSecond();
        boolean everySecond = second != lastSecond;
        lastSecond = second;
        Set<String> changed = board.drainChanged();
        boolean connected = board.connected();
        for (TileViewModel tile : tiles) {
            if (everySecond || changed.contains(tile.machineId())) {
                tile.show(board.tile(tile.machineId()), now, connected, staleAfter, texts);
            }
        }
        if (board.drainAlertsChanged() || everySecond) {
            List<Alert> alerts = board.activeAlerts();
            ticker.set(alerts.isEmpty() ? texts.get("ticker.none") : alerts.stream()
                    .map(a -> a.machineId() + ": " + a.message()).collect(Collectors.joining("   ·   ")));
        }
        if (everySecond) {
            time.set(CLOCK.format(now.atZone(zone)));
            header();
            bannerShown.set(!connected || !board.caughtUp());
            banner.set(!connected ? texts.get("banner.disconnected") : board.caughtUp() ? "" : texts.get("banner.loading"));
        }
    }

    /** Plant OEE over the board's machines: fully productive time over planned time; the running shift's name. */
    private void header() {
        List<OeeRecord> live = new ArrayList<>(board.liveRecords());
        double planned = live.stream().mapToDouble(OeeRecord::plannedSeconds).sum();
        double productive = live.stream().mapToDouble(OeeRecord::idealProductiveSeconds).sum();
        Double oee = planned > 0 ? productive / planned : null;
        plantOee.set(texts.get("header.plantOee", TileRules.percent(oee)));
        plantBand.set(TileRules.band(oee));
        String shiftName = live.stream().filter(r -> r.shift() != null).map(OeeRecord::shift).findFirst().orElse(null);
        shift.set(shiftName == null ? texts.get("header.noShift") : texts.get("header.shift", shiftName));
    }

    public ObservableList<TileViewModel> tiles() {
        return tiles;
    }

    public TileViewModel tile(String machineId) {
        return byMachine.get(machineId);
    }

    public int columns() {
        return board.layout().columns();
    }

    public Texts texts() {
        return texts;
    }

    public StringProperty plant() {
        return plant;
    }

    public StringProperty shift() {
        return shift;
    }

    public StringProperty time() {
        return time;
    }

    public StringProperty plantOee() {
        return plantOee;
    }

    public ObjectProperty<OeeBand> plantBand() {
        return plantBand;
    }

    public StringProperty ticker() {
        return ticker;
    }

    public StringProperty banner() {
        return banner;
    }

    public BooleanProperty bannerShown() {
        return bannerShown;
    }
}
