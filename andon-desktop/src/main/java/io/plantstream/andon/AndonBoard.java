package io.plantstream.andon;

import io.plantstream.andon.board.BoardLayout;
import io.plantstream.andon.board.BoardState;
import io.plantstream.andon.feed.AndonCalls;
import io.plantstream.andon.feed.AndonFeed;
import io.plantstream.andon.view.BoardView;
import io.plantstream.andon.view.BoardViewModel;
import io.plantstream.andon.view.CallPanel;
import io.plantstream.andon.view.Texts;
import io.plantstream.config.Config;
import io.plantstream.config.KafkaClientSettings;
import java.time.Clock;
import java.time.ZoneId;
import java.util.Map;
import javafx.scene.Parent;
import javafx.scene.layout.StackPane;

/**
 * The Andon board's composition root: the board's state fed from the edge Kafka on its own
 * thread, the call sender, and (on the FX thread) the view models and views over them.
 */
public final class AndonBoard implements AutoCloseable {
    private final Config config;
    private final BoardState state;
    private final AndonFeed feed;
    private final AndonCalls calls;
    private final Clock clock;
    private BoardView board;
    private BoardViewModel model;

    private AndonBoard(Config config, BoardState state, AndonFeed feed, AndonCalls calls, Clock clock) {
        this.config = config;
        this.state = state;
        this.feed = feed;
        this.calls = calls;
        this.clock = clock;
    }

    /** Reads the layout and starts reading Kafka; the view comes later, on the FX thread. */
    public static AndonBoard start(Config config) {
        Clock clock = Clock.systemUTC();
        BoardState state = new BoardState(BoardLayout.read(config.get(AndonConfig.LAYOUT)));
        Map<String, Object> kafka = KafkaClientSettings.clientProperties(config);
        AndonCalls calls = new AndonCalls(kafka, config.get(AndonConfig.STATION), clock);
        AndonFeed feed = new AndonFeed(kafka, state, clock).start();
        return new AndonBoard(config, state, feed, calls, clock);
    }

    /** The board's scene graph, refreshing itself from now on (FX thread). */
    public Parent view() {
        Texts texts = new Texts(config.get(AndonConfig.LANGUAGE));
        model = new BoardViewModel(state, texts, config.get(AndonConfig.STALE_AFTER), clock,
                ZoneId.of(config.get(AndonConfig.ZONE)));
        CallPanel panel = new CallPanel(calls, texts);
        board = new BoardView(model, panel::show);
        board.start();
        return new StackPane(board, panel);
    }

    /** The view model (FX thread), for tests and the benchmark. */
    public BoardViewModel model() {
        return model;
    }

    public BoardState state() {
        return state;
    }

    @Override
    public void close() {
        if (board != null) {
            javafx.application.Platform.runLater(board::stop);
        }
        feed.close();
        calls.close();
    }
}
