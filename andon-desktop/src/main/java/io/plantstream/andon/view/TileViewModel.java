package io.plantstream.andon.view;

import io.plantstream.andon.board.OeeBand;
import io.plantstream.andon.board.TileColour;
import io.plantstream.andon.board.TileData;
import io.plantstream.andon.board.TileRules;
import io.plantstream.events.Alert;
import io.plantstream.events.AndonCall;
import io.plantstream.events.AndonStatus;
import io.plantstream.events.JobState;
import io.plantstream.events.MachineAlarm;
import io.plantstream.events.OeeRecord;
import io.plantstream.events.ParameterFinding;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * What one tile shows, as observable properties the view binds to. {@link #show} maps the
 * board's data of a machine to them; it needs no window and no toolkit (unit-tested as is).
 * A tile is stale when the board has no contact with Kafka or has heard nothing from the machine
 * for longer than the threshold: then it is grey, does not blink, and says why.
 */
public final class TileViewModel {
    private final String machineId;
    private final StringProperty name = new SimpleStringProperty("");
    private final StringProperty stateText = new SimpleStringProperty("");
    private final StringProperty reasonText = new SimpleStringProperty("");
    private final StringProperty timeInState = new SimpleStringProperty("");
    private final StringProperty jobText = new SimpleStringProperty("");
    private final DoubleProperty progress = new SimpleDoubleProperty(0);
    private final BooleanProperty hasJob = new SimpleBooleanProperty(false);
    private final StringProperty oeeText = new SimpleStringProperty("–");
    private final ObjectProperty<OeeBand> band = new SimpleObjectProperty<>(OeeBand.NONE);
    private final StringProperty countsText = new SimpleStringProperty("");
    private final StringProperty alarmText = new SimpleStringProperty("");
    private final StringProperty parameterText = new SimpleStringProperty("");
    private final BooleanProperty hasParameterAlert = new SimpleBooleanProperty(false);
    private final StringProperty callsText = new SimpleStringProperty("");
    private final BooleanProperty hasCalls = new SimpleBooleanProperty(false);
    private final ObjectProperty<TileColour> colour = new SimpleObjectProperty<>(TileColour.GREY);
    private final BooleanProperty blinking = new SimpleBooleanProperty(false);
    private final BooleanProperty stale = new SimpleBooleanProperty(true);
    private final StringProperty staleText = new SimpleStringProperty("");
    private List<AndonCall> openCalls = List.of();

    public TileViewModel(String machineId) {
        this.machineId = machineId;
    }

    /** Shows the machine's data as of {@code now}; {@code connected} is whether the board reaches Kafka. */
    public void show(TileData data, Instant now, boolean connected, Duration staleAfter, Texts texts) {
        name.set(data.name());
        boolean isStale = !connected || TileRules.stale(data.lastSeen(), now, staleAfter);
        stale.set(isStale);
        staleText.set(!connected ? texts.get("stale.noContact") : data.lastSeen() == null ? texts.get("stale.never")
                : isStale ? texts.get("stale.noData", TileRules.duration(Duration.between(data.lastSeen(), now))) : "");
        colour.set(isStale ? TileColour.GREY : TileRules.colour(data.status()));
        blinking.set(!isStale && TileRules.blinks(data.status()));
        stateText.set(texts.state(data.status()));
        reasonText.set(joined(data.reasonCode(), data.reasonText()));
        timeInState.set(data.since() == null ? "" : TileRules.duration(Duration.between(data.since(), now)));
        showJob(data.job(), texts);
        showOee(data.oee(), texts);
        alarmText.set(data.alarms().stream().map(TileViewModel::alarm).collect(Collectors.joining(" · ")));
        parameterText.set(data.parameterAlerts().stream().map(alert -> parameter(alert, texts))
                .collect(Collectors.joining("\n")));
        hasParameterAlert.set(!data.parameterAlerts().isEmpty());
        openCalls = data.openCalls();
        callsText.set(openCalls.stream().map(call -> call(call, now, texts)).collect(Collectors.joining("\n")));
        hasCalls.set(!openCalls.isEmpty());
    }

    private void showJob(JobState job, Texts texts) {
        hasJob.set(job != null);
        if (job == null) {
            jobText.set(texts.get("tile.noJob"));
            progress.set(0);
            return;
        }
        jobText.set(job.orderNo() + (job.article() == null ? "" : " · " + job.article()) + " · " + job.good() + "/"
                + job.target());
        progress.set(job.target() == 0 ? 0 : Math.min(1.0, (double) job.good() / job.target()));
    }

    private void showOee(OeeRecord oee, Texts texts) {
        oeeText.set(oee == null ? "–" : TileRules.percent(oee.oee()));
        band.set(oee == null ? OeeBand.NONE : TileRules.band(oee.oee()));
        countsText.set(oee == null ? "" : texts.get("tile.counts", oee.goodCount(), oee.totalCount() - oee.goodCount()));
    }

    private static String call(AndonCall call, Instant now, Texts texts) {
        String waiting = TileRules.duration(Duration.between(call.raisedAt(), now));
        return call.status() == AndonStatus.ACKNOWLEDGED
                ? texts.get("call.acknowledged", texts.reason(call.reason()), call.handledBy(), waiting)
                : texts.get("call.waiting", texts.reason(call.reason()), waiting);
    }

    /** A parameter alert in the board's language: the parameter, its value and the line it crossed. */
    private static String parameter(Alert alert, Texts texts) {
        ParameterFinding finding = alert.finding();
        String key = "parameter." + finding.rule();
        if (!texts.has(key)) {
            return alert.message();
        }
        double value = finding.values().isEmpty() ? Double.NaN : finding.values().get(finding.values().size() - 1);
        return texts.get(key, finding.parameter(), value, finding.reference() == null ? Double.NaN : finding.reference());
    }

    private static String alarm(MachineAlarm alarm) {
        return joined(alarm.alarmCode(), alarm.text());
    }

    private static String joined(String code, String text) {
        if (code == null) {
            return text == null ? "" : text;
        }
        return text == null ? code : code + " " + text;
    }

    public String machineId() {
        return machineId;
    }

    /** The machine's calls not yet resolved, oldest first. */
    public List<AndonCall> openCalls() {
        return openCalls;
    }

    public StringProperty name() {
        return name;
    }

    public StringProperty stateText() {
        return stateText;
    }

    public StringProperty reasonText() {
        return reasonText;
    }

    public StringProperty timeInState() {
        return timeInState;
    }

    public StringProperty jobText() {
        return jobText;
    }

    public DoubleProperty progress() {
        return progress;
    }

    public BooleanProperty hasJob() {
        return hasJob;
    }

    public StringProperty oeeText() {
        return oeeText;
    }

    public ObjectProperty<OeeBand> band() {
        return band;
    }

    public StringProperty countsText() {
        return countsText;
    }

    /** The machine's active parameter alerts, one a line; empty when there are none. */
    public StringProperty parameterText() {
        return parameterText;
    }

    public BooleanProperty hasParameterAlert() {
        return hasParameterAlert;
    }

    public StringProperty alarmText() {
        return alarmText;
    }

    public StringProperty callsText() {
        return callsText;
    }

    public BooleanProperty hasCalls() {
        return hasCalls;
    }

    public ObjectProperty<TileColour> colour() {
        return colour;
    }

    public BooleanProperty blinking() {
        return blinking;
    }

    public BooleanProperty stale() {
        return stale;
    }

    public StringProperty staleText() {
        return staleText;
    }
}
