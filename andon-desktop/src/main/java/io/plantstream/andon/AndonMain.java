package io.plantstream.andon;

import io.plantstream.config.Config;
import io.plantstream.config.ConfigException;
import io.plantstream.config.ConfigSource;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import javafx.animation.PauseTransition;
import javafx.application.Platform;
import javafx.geometry.Rectangle2D;
import javafx.scene.Scene;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.stage.Screen;
import javafx.stage.Stage;
import javafx.stage.StageStyle;
import javafx.util.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the Andon board: settings from {@code ANDON_*} or {@code --key=value}, all checked before
 * anything connects. As a kiosk it fills the screen without decorations and needs no window
 * manager; Ctrl+Shift+Q ends it.
 */
public final class AndonMain {
    private static final Logger LOG = LoggerFactory.getLogger(AndonMain.class);

    private AndonMain() {
    }

    public static void main(String[] args) throws Exception {
        Config config;
        try {
            config = AndonConfig.CATALOGUE.resolve(new ConfigSource().withArguments(args)
                    .withEnvironment(AndonConfig.CATALOGUE, System.getenv()));
        } catch (ConfigException e) {
            System.err.println(e.getMessage());
            System.err.println("Settings:" + System.lineSeparator() + AndonConfig.CATALOGUE.help());
            System.exit(2);
            return;
        }
        LOG.info("Effective configuration:{}{}", System.lineSeparator(), config.describe());
        AndonBoard board = AndonBoard.start(config);
        CountDownLatch closed = new CountDownLatch(1);
        Platform.startup(() -> show(board, config, closed));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> Platform.runLater(Platform::exit), "andon-shutdown"));
        closed.await();
        board.close();
        Platform.exit();
    }

    private static void show(AndonBoard board, Config config, CountDownLatch closed) {
        Stage stage = new Stage();
        boolean kiosk = config.get(AndonConfig.KIOSK);
        Rectangle2D screen = Screen.getPrimary().getBounds();
        Scene scene = kiosk ? new Scene(board.view(), screen.getWidth(), screen.getHeight())
                : new Scene(board.view(), 1600, 900);
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.Q, KeyCombination.SHORTCUT_DOWN,
                KeyCombination.SHIFT_DOWN), stage::close);
        stage.setScene(scene);
        stage.setTitle("Plantstream Andon");
        if (kiosk) {
            stage.initStyle(StageStyle.UNDECORATED);
            stage.setX(screen.getMinX());
            stage.setY(screen.getMinY());
            stage.setFullScreenExitHint("");
            stage.setFullScreenExitKeyCombination(KeyCombination.NO_MATCH);
            stage.setFullScreen(true);
        }
        stage.setOnHidden(e -> closed.countDown());
        stage.show();
        String snapshot = config.get(AndonConfig.SNAPSHOT);
        if (!snapshot.isBlank()) {
            PauseTransition wait = new PauseTransition(Duration.millis(config.get(AndonConfig.SNAPSHOT_AFTER).toMillis()));
            wait.setOnFinished(e -> {
                try {
                    Png.write(scene.snapshot(null), Path.of(snapshot));
                    LOG.info("Board written to {}", snapshot);
                } catch (java.io.IOException problem) {
                    LOG.error("Cannot write {}: {}", snapshot, problem.getMessage());
                }
                stage.close();
            });
            wait.play();
        }
    }
}
