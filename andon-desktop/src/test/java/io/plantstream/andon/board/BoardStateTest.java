package io.plantstream.andon.board;

import static org.assertj.core.api.Assertions.assertThat;

import io.plantstream.events.AlarmAction;
import io.plantstream.events.Alert;
import io.plantstream.events.AlertKind;
import io.plantstream.events.AndonCall;
import io.plantstream.events.AndonReason;
import io.plantstream.events.AndonStatus;
import io.plantstream.events.EventMeta;
import io.plantstream.events.JobState;
import io.plantstream.events.JobStatus;
import io.plantstream.events.MachineAlarm;
import io.plantstream.events.MachineState;
import io.plantstream.events.MachineStatus;
import io.plantstream.events.Severity;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class BoardStateTest {
    private static final Instant T0 = Instant.parse("2026-12-01T08:00:00Z");
    private static final BoardLayout LAYOUT = BoardLayout.parse("test", """
            plant: Hall 1
            columns: 2
            machines: [{id: M01, name: Press 1}, {id: M02, name: Press 2}]
            """);

    private final BoardState board = new BoardState(LAYOUT);

    @Test
    void theTimeInStateCountsFromTheChangeAndOlderEventsChangeNothing() {
        board.apply(state("M01", MachineStatus.DOWN, T0));
        board.apply(state("M01", MachineStatus.DOWN, T0.plusSeconds(30)));
        board.apply(state("M01", MachineStatus.RUNNING, T0.plusSeconds(10)));
        TileData tile = board.tile("M01");
        assertThat(tile.status()).isEqualTo(MachineStatus.DOWN);
        assertThat(tile.since()).isEqualTo(T0);
        assertThat(tile.lastSeen()).isEqualTo(T0.plusSeconds(30));
    }

    @Test
    void machinesOffTheBoardAreIgnored() {
        board.drainChanged();
        board.apply(state("M99", MachineStatus.DOWN, T0));
        assertThat(board.drainChanged()).isEmpty();
    }

    @Test
    void aCallShowsUntilItIsResolved() {
        AndonCall open = call(AndonStatus.OPEN, null);
        board.apply(open);
        assertThat(board.tile("M02").openCalls()).containsExactly(open);
        AndonCall acknowledged = call(AndonStatus.ACKNOWLEDGED, "shift-lead");
        board.apply(acknowledged);
        assertThat(board.tile("M02").openCalls()).containsExactly(acknowledged);
        board.apply(call(AndonStatus.RESOLVED, "shift-lead"));
        assertThat(board.tile("M02").openCalls()).isEmpty();
    }

    @Test
    void alarmsShowWhileRaisedAndAlertsWhileActive() {
        board.apply(new MachineAlarm(EventMeta.of("c", T0), "M01", "A100", AlarmAction.RAISED, Severity.WARNING,
                "Door open"));
        board.apply(alert(true));
        assertThat(board.tile("M01").alarms()).hasSize(1);
        assertThat(board.tile("M01").activeAlerts()).isEqualTo(1);
        assertThat(board.activeAlerts()).hasSize(1);
        board.apply(new MachineAlarm(EventMeta.of("c", T0), "M01", "A100", AlarmAction.CLEARED, Severity.WARNING, null));
        board.apply(alert(false));
        assertThat(board.tile("M01").alarms()).isEmpty();
        assertThat(board.activeAlerts()).isEmpty();
    }

    @Test
    void theRunningJobIsTheTilesJobAndAFinishedOneLeavesIt() {
        board.apply(job("4711", JobStatus.DISPATCHED, T0));
        board.apply(job("4712", JobStatus.RUNNING, T0.plusSeconds(1)));
        assertThat(board.tile("M01").job().orderNo()).isEqualTo("4712");
        board.apply(job("4712", JobStatus.COMPLETED, T0.plusSeconds(2)));
        assertThat(board.tile("M01").job().orderNo()).isEqualTo("4711");
    }

    private static MachineState state(String machine, MachineStatus status, Instant at) {
        return new MachineState(EventMeta.of("collector", at), machine, status, null, null);
    }

    private static AndonCall call(AndonStatus status, String handledBy) {
        return new AndonCall(EventMeta.of("board", T0), "call-1", "M02", AndonReason.MATERIAL, status, "station-1", T0,
                handledBy, null);
    }

    private static Alert alert(boolean active) {
        return new Alert(EventMeta.of("job-streams", T0), "M01:down", "M01", AlertKind.MACHINE_DOWN, Severity.CRITICAL,
                active, "Press 1 down for 10 min", null);
    }

    private static JobState job(String order, JobStatus status, Instant at) {
        return new JobState(EventMeta.of("job-streams", at), order, "M01", "A", status, 10, 0, 100, null, null, null,
                null, 2.0);
    }
}
