package io.plantstream.andon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.plantstream.config.ConfigSource;
import io.plantstream.events.AndonCall;
import io.plantstream.events.AndonReason;
import io.plantstream.events.AndonStatus;
import io.plantstream.events.EventMeta;
import io.plantstream.events.JobState;
import io.plantstream.events.JobStatus;
import io.plantstream.events.MachineState;
import io.plantstream.events.MachineStatus;
import io.plantstream.events.Topic;
import io.plantstream.events.Topics;
import io.plantstream.events.admin.TopicProvisioner;
import io.plantstream.testkit.junit.KafkaClusterExtension;
import io.plantstream.testkit.kafka.TopicReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.paint.Paint;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.stage.Stage;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The board as operators see it: a real JavaFX scene (headless, Monocle) on a real Kafka broker.
 */
@ExtendWith(ApplicationExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AndonBoardIT {
    @RegisterExtension
    static final KafkaClusterExtension KAFKA = KafkaClusterExtension.singleBroker();

    private static AndonBoard board;
    private static Parent root;

    @BeforeAll
    static void startTheBoard() throws Exception {
        // JavaFX draws text with the system's fonts (fontconfig); a minimal machine may have none
        io.plantstream.testkit.DebianPackages.ensure(List.of(Path.of("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"),
                Path.of("/usr/bin/fc-list")), "fonts-dejavu-core", "fontconfig");
        try (Admin admin = KAFKA.admin()) {
            new TopicProvisioner(admin, (short) 1, Duration.ofSeconds(30)).ensure(Topics.all());
        }
        Path layout = Files.writeString(Files.createTempFile(Path.of("target"), "board", ".yaml"), """
                plant: Hall 1
                columns: 2
                machines: [{id: M01, name: Press 1}, {id: M02, name: Press 2}, {id: M03, name: Lathe 3}, {id: M04, name: Mill 4}]
                """);
        board = AndonBoard.start(AndonConfig.CATALOGUE.resolve(ConfigSource.of(Map.of(
                "kafka.bootstrap.servers", KAFKA.bootstrapServers(), "layout", layout.toString(),
                "station", "hall-1-board", "stale.after", "10m", "kiosk", "false"), "test")));
        for (String machine : List.of("M01", "M02", "M03", "M04")) {
            publish(Topics.MACHINE_STATE, new MachineState(EventMeta.of("collector", Instant.now()), machine,
                    MachineStatus.RUNNING, null, null));
        }
    }

    @AfterAll
    static void stopTheBoard() {
        if (board != null) {
            board.close();
        }
    }

    @Start
    void show(Stage stage) {
        if (root == null) {
            root = board.view();
        }
        stage.setScene(root.getScene() != null ? root.getScene() : new Scene(root, 1280, 800));
        stage.show();
    }

    @Test
    @Order(1)
    void aMachineGoingDownTurnsItsTileRedWithItsReason(FxRobot robot) throws Exception {
        awaitFx("all tiles live", () -> List.of("M01", "M02", "M03", "M04").stream()
                .noneMatch(m -> staleShown(robot, m)));
        publish(Topics.MACHINE_STATE, new MachineState(EventMeta.of("collector", Instant.now()), "M02",
                MachineStatus.DOWN, "E42", "hydraulics"));
        awaitFx("Press 2 red", () -> fill(robot, "M02").equals(Color.web("#c62828")));
        assertThat(fx(() -> text(robot, "M02", ".tile-state"))).isEqualTo("Down");
        assertThat(fx(() -> text(robot, "M02", ".tile-reason"))).isEqualTo("E42 hydraulics");
        assertThat(fx(() -> fill(robot, "M01"))).isEqualTo(Color.web("#2e7d32"));
    }

    @Test
    @Order(2)
    void theJobsProgressMovesWithItsCounts(FxRobot robot) throws Exception {
        publish(Topics.JOB_STATE, job(10));
        awaitFx("10 of 100 good", () -> progress(robot, "M01") == 0.10);
        publish(Topics.JOB_STATE, job(55));
        awaitFx("55 of 100 good", () -> progress(robot, "M01") == 0.55);
        assertThat(fx(() -> text(robot, "M01", ".tile-job"))).isEqualTo("4711 · BRACKET-7 · 55/100");
    }

    @Test
    @Order(3)
    void theLiveOeeShowsInItsColourBand(FxRobot robot) throws Exception {
        publish(Topics.OEE, oee("M04", 0.52));
        awaitFx("Mill 4's OEE", () -> text(robot, "M04", ".tile-oee").equals("52.0 %"));
        assertThat(fx(() -> robot.lookup("#tile-M04 .tile-oee").<Label>query().getTextFill()))
                .isEqualTo(Color.web("#ff8a80"));
        publish(Topics.OEE, oee("M04", 0.91));
        awaitFx("Mill 4's OEE green", () -> robot.lookup("#tile-M04 .tile-oee").<Label>query().getTextFill()
                .equals(Color.web("#b9f6ca")));
        assertThat(fx(() -> text(robot, "M04", ".tile-counts"))).isEqualTo("Good 980 · Scrap 20");
    }

    @Test
    @Order(3)
    void aParameterAlertShowsOnItsTileUntilItIsCleared(FxRobot robot) throws Exception {
        assertThat(fx(() -> robot.lookup("#tile-M03 .tile-parameter").query().isVisible())).isFalse();
        publish(Topics.ALERTS, parameterAlert(true));
        awaitFx("the parameter alert on tile M03", () -> robot.lookup("#tile-M03 .tile-parameter").query().isVisible());
        assertThat(fx(() -> text(robot, "M03", ".tile-parameter"))).isEqualTo("\u26a0 oilTemp 83.5 out of spec (limit 80)");
        publish(Topics.ALERTS, parameterAlert(false));
        awaitFx("the parameter alert gone", () -> !robot.lookup("#tile-M03 .tile-parameter").query().isVisible());
    }

    private static io.plantstream.events.Alert parameterAlert(boolean active) {
        Instant now = Instant.now();
        return new io.plantstream.events.Alert(EventMeta.of("job-streams", now), "M03:oilTemp:out-of-spec", "M03",
                io.plantstream.events.AlertKind.PARAMETER_OUT_OF_SPEC, io.plantstream.events.Severity.CRITICAL, active,
                "M03 oilTemp 83.5 degC above its upper limit 80.0", null,
                new io.plantstream.events.ParameterFinding("oilTemp", "out-of-spec", now, List.of(83.5), 80.0));
    }

    @Test
    @Order(4)
    void anOperatorsCallIsRecordedShownAcknowledgedAndResolved(FxRobot robot) throws Exception {
        robot.clickOn("#tile-M03");
        awaitFx("the call panel", () -> robot.lookup("#call-panel").query().isVisible());
        robot.clickOn("#call-MATERIAL");
        AndonCall raised = await("the call on andon.calls.v1").atMost(Duration.ofSeconds(30))
                .until(() -> calls().stream().filter(c -> c.machineId().equals("M03")).findFirst().orElse(null),
                        c -> c != null);
        assertThat(raised.reason()).isEqualTo(AndonReason.MATERIAL);
        assertThat(raised.status()).isEqualTo(AndonStatus.OPEN);
        assertThat(raised.raisedBy()).isEqualTo("hall-1-board");
        awaitFx("the call on Lathe 3's tile", () -> text(robot, "M03", ".tile-calls").startsWith("Material · waiting"));

        robot.clickOn("#tile-M03");
        robot.clickOn("#ack-" + raised.callId());
        awaitFx("the call acknowledged on the tile",
                () -> text(robot, "M03", ".tile-calls").contains("acknowledged by hall-1-board"));
        robot.clickOn("#tile-M03");
        robot.clickOn("#resolve-" + raised.callId());
        awaitFx("the call gone from the tile", () -> !robot.lookup("#tile-M03 .tile-calls").query().isVisible());
        assertThat(calls().stream().filter(c -> c.callId().equals(raised.callId())).map(AndonCall::status))
                .containsExactly(AndonStatus.OPEN, AndonStatus.ACKNOWLEDGED, AndonStatus.RESOLVED);
    }

    @Test
    @Order(5)
    void aStoppedBrokerMarksEveryTileStaleUntilItIsBack(FxRobot robot) throws Exception {
        KAFKA.cluster().stopBroker(1);
        try {
            awaitFx("every tile stale", () -> List.of("M01", "M02", "M03", "M04").stream()
                    .allMatch(m -> staleShown(robot, m) && text(robot, m, ".tile-stale").equals("NO CONNECTION")
                            && fill(robot, m) instanceof javafx.scene.paint.LinearGradient));
            assertThat(fx(() -> robot.lookup("#banner").query().isVisible())).isTrue();
        } finally {
            KAFKA.cluster().startBroker(1);
        }
        awaitFx("every tile live again", () -> List.of("M01", "M02", "M03", "M04").stream()
                .noneMatch(m -> staleShown(robot, m)));
        assertThat(fx(() -> robot.lookup("#banner").query().isVisible())).isFalse();
    }

    private static io.plantstream.events.OeeRecord oee(String machine, double oee) {
        Instant start = Instant.now().minus(Duration.ofHours(1));
        return new io.plantstream.events.OeeRecord(EventMeta.of("job-streams", Instant.now()), machine,
                io.plantstream.events.OeeGranularity.LIVE, start, start.plus(Duration.ofHours(8)), "early", false, 3600,
                3300, 1000, 980, oee * 3600, 0.92, oee / (0.92 * 0.98), 0.98, oee,
                new io.plantstream.events.OeeLosses(0, Map.of(), 0, 0, 0, 0, 0), Map.of(), List.of());
    }

    private static JobState job(long good) {
        return new JobState(EventMeta.of("job-streams", Instant.now()), "4711", "M01", "BRACKET-7", JobStatus.RUNNING,
                good, 0, 100, null, null, null, null, 2.0);
    }

    /** The tile's background as painted. */
    private static Paint fill(FxRobot robot, String machine) {
        return robot.lookup("#tile-" + machine).<Region>query().getBackground().getFills().get(0).getFill();
    }

    private static boolean staleShown(FxRobot robot, String machine) {
        return robot.lookup("#tile-" + machine + " .tile-stale").query().isVisible();
    }

    private static String text(FxRobot robot, String machine, String label) {
        return robot.lookup("#tile-" + machine + " " + label).<Label>query().getText();
    }

    private static double progress(FxRobot robot, String machine) {
        return robot.lookup("#tile-" + machine + " .tile-progress").<ProgressBar>query().getProgress();
    }

    /** Reads the scene on the FX thread (the scene is the FX thread's). */
    private static <T> T fx(Callable<T> read) throws Exception {
        return WaitForAsyncUtils.asyncFx(read).get();
    }

    private static void awaitFx(String what, Callable<Boolean> condition) {
        await(what).atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> fx(condition));
    }

    private static List<AndonCall> calls() {
        return TopicReader.read(KAFKA.clientProperties(), Topics.ANDON_CALLS.name(), "check-" + UUID.randomUUID(),
                new StringDeserializer(), Topics.ANDON_CALLS.valueSerde().deserializer(), Integer.MAX_VALUE,
                Duration.ofSeconds(2)).stream().map(r -> r.value()).toList();
    }

    private static <K, V> void publish(Topic<K, V> topic, V value) throws Exception {
        try (KafkaProducer<K, V> producer = new KafkaProducer<>(KAFKA.clientProperties(), topic.keySerde().serializer(),
                topic.valueSerde().serializer())) {
            producer.send(new ProducerRecord<>(topic.name(), topic.keyFor(value), value)).get();
        }
    }
}
