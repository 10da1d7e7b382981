package io.plantstream.sim;

import io.plantstream.andon.AndonBoard;
import io.plantstream.andon.AndonConfig;
import io.plantstream.collector.definition.DefinitionLoader;
import io.plantstream.collector.definition.MachineDefinition;
import io.plantstream.config.ConfigSource;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local plant's Andon board, in a window, when the machine has a display: all the plant's
 * machines (layout written from the machine definitions), reading the edge Kafka.
 */
final class LocalAndon implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LocalAndon.class);

    private final AndonBoard board;

    private LocalAndon(AndonBoard board) {
        this.board = board;
    }

    /** Whether a display is there to show the board on. */
    static boolean displayPresent() {
        String display = System.getenv("DISPLAY");
        return display != null && !display.isBlank();
    }

    static LocalAndon start(Path dataDir, String edgeBootstrap, Path machines) throws Exception {
        Path layout = dataDir.resolve("andon-layout.yaml");
        writeLayout(layout, DefinitionLoader.load(List.of(machines)));
        AndonBoard board = AndonBoard.start(AndonConfig.CATALOGUE.resolve(ConfigSource.of(Map.of(
                "kafka.bootstrap.servers", edgeBootstrap, "layout", layout.toString(), "station", "local-plant",
                "kiosk", "false"), "local plant")));
        CompletableFuture<Void> shown = new CompletableFuture<>();
        try {
            Platform.startup(() -> {
                try {
                    Stage stage = new Stage();
                    stage.setTitle("Plantstream Andon · local plant");
                    stage.setScene(new Scene(board.view(), 1600, 900));
                    stage.show();
                    shown.complete(null);
                } catch (RuntimeException e) {
                    shown.completeExceptionally(e);
                }
            });
            Platform.setImplicitExit(false);
            shown.get(30, TimeUnit.SECONDS);
        } catch (Exception | Error e) {
            board.close();
            throw new IllegalStateException("the Andon window cannot be shown on this display: " + e, e);
        }
        return new LocalAndon(board);
    }

    private static void writeLayout(Path file, List<MachineDefinition> machines) {
        String yaml = "# written by the local plant from the machine definitions\nplant: Local plant\ncolumns: 4\n"
                + "machines:\n" + machines.stream().map(m -> "  - {id: \"" + m.id() + "\", name: \""
                + m.name().replace("\"", "'") + "\"}").collect(Collectors.joining("\n")) + "\n";
        LocalFiles.write(file, yaml.toString());
    }

    @Override
    public void close() {
        board.close();
        // asked, not awaited: called from the JVM's shutdown, a waiting Platform.exit() never returns
        Platform.runLater(Platform::exit);
        LOG.info("Andon board closed");
    }
}
