package io.plantstream.andon.view;

import io.plantstream.andon.board.CallActions;
import io.plantstream.events.AndonCall;
import io.plantstream.events.AndonReason;
import io.plantstream.events.AndonStatus;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import javafx.application.Platform;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

/**
 * The Andon call panel over the board (no extra window: the board runs as a kiosk): raise a call
 * for the machine with a reason, or acknowledge and resolve its open calls. Large buttons for
 * gloved hands. Sending happens off the FX thread; the panel closes when Kafka has the call, or
 * says why it could not be sent.
 */
public final class CallPanel extends StackPane {
    private final CallActions actions;
    private final Texts texts;
    private final VBox box = new VBox(16);
    private final Label problem = new Label();

    public CallPanel(CallActions actions, Texts texts) {
        this.actions = actions;
        this.texts = texts;
        setId("call-panel");
        getStyleClass().add("call-panel");
        box.getStyleClass().add("call-box");
        box.setMaxSize(760, USE_PREF_SIZE);
        problem.getStyleClass().add("call-problem");
        problem.setId("call-problem");
        getChildren().add(box);
        StackPane.setAlignment(box, Pos.CENTER);
        setVisible(false);
        setOnMouseClicked(e -> {
            if (e.getTarget() == this) {
                hide();
            }
        });
    }

    /** Opens the panel for a machine (FX thread). */
    public void show(TileViewModel tile) {
        Label title = new Label(texts.get("dialog.title", tile.name().get()));
        title.getStyleClass().add("call-title");
        FlowPane reasons = new FlowPane(12, 12);
        for (AndonReason reason : AndonReason.values()) {
            Button button = new Button(texts.reason(reason));
            button.setId("call-" + reason.name());
            button.getStyleClass().addAll("call-button", "reason-" + reason.name().toLowerCase(java.util.Locale.ROOT));
            button.setOnAction(e -> send(button, () -> actions.raise(tile.machineId(), reason)));
            reasons.getChildren().add(button);
        }
        VBox open = new VBox(8);
        for (AndonCall call : tile.openCalls()) {
            open.getChildren().add(openCall(call));
        }
        Button close = new Button(texts.get("dialog.close"));
        close.setId("call-close");
        close.getStyleClass().add("call-close");
        close.setOnAction(e -> hide());
        problem.setText("");
        box.getChildren().setAll(title, new Label(texts.get("dialog.raise")), reasons);
        if (!tile.openCalls().isEmpty()) {
            box.getChildren().addAll(new Label(texts.get("dialog.open")), open);
        }
        box.getChildren().addAll(problem, close);
        setVisible(true);
        toFront();
    }

    public void hide() {
        setVisible(false);
    }

    private HBox openCall(AndonCall call) {
        Label what = new Label(texts.reason(call.reason()) + " · " + call.raisedBy()
                + (call.status() == AndonStatus.ACKNOWLEDGED ? " · " + call.handledBy() : ""));
        what.getStyleClass().add("call-open");
        HBox row = new HBox(12, what);
        row.setAlignment(Pos.CENTER_LEFT);
        if (call.status() == AndonStatus.OPEN) {
            Button acknowledge = new Button(texts.get("dialog.acknowledge"));
            acknowledge.setId("ack-" + call.callId());
            acknowledge.getStyleClass().add("call-button");
            acknowledge.setOnAction(e -> send(acknowledge, () -> actions.acknowledge(call)));
            row.getChildren().add(acknowledge);
        }
        Button resolve = new Button(texts.get("dialog.resolve"));
        resolve.setId("resolve-" + call.callId());
        resolve.getStyleClass().add("call-button");
        resolve.setOnAction(e -> send(resolve, () -> actions.resolve(call)));
        row.getChildren().add(resolve);
        return row;
    }

    private void send(Button button, Supplier<CompletableFuture<AndonCall>> action) {
        button.setDisable(true);
        action.get().whenComplete((call, error) -> Platform.runLater(() -> {
            if (error == null) {
                hide();
            } else {
                button.setDisable(false);
                Throwable cause = error.getCause() == null ? error : error.getCause();
                problem.setText(texts.get("dialog.failed", String.valueOf(cause.getMessage())));
            }
        }));
    }
}
