package io.plantstream.streams.oee;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.plantstream.events.ErpOrder;
import io.plantstream.events.EventMeta;
import io.plantstream.events.MachineStatus;
import io.plantstream.events.OeeGranularity;
import io.plantstream.events.OeeRecord;
import io.plantstream.events.OrderStatus;
import io.plantstream.events.dlq.DeadLetters;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import io.plantstream.events.Topics;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The OEE stream through its production topology, with explicit event times. */
class OeeTopologyTest {
    private static final Instant SHIFT_START = Instant.parse("2026-03-02T06:00:00Z");
    private static final Instant SHIFT_END = Instant.parse("2026-03-02T14:00:00Z");
    private static final String M = "M01";

    private final OeeDriver plant = new OeeDriver("/calendars/vorne.yaml", SHIFT_START);

    @AfterEach
    void close() {
        plant.close();
    }

    @Test
    void theVorneExampleThroughTheStream() {
        VorneSteps.play(plant, M, null);
        heartbeatsUntil(SHIFT_END, SHIFT_END.plus(Duration.ofMinutes(6)));

        OeeRecord shift = finalShift(plant.drainOee());
        assertThat(shift.plannedSeconds()).isEqualTo(420 * 60.0);
        assertThat(shift.totalCount()).isEqualTo(19_271);
        assertThat(shift.goodCount()).isEqualTo(18_848);
        VorneSteps.assertVorneFigures(shift.availability(), shift.performance(), shift.quality(), shift.oee());
        assertThat(shift.losses().downtimeByReason()).containsOnlyKeys("E-104");
        assertThat(shift.losses().noSignalSeconds()).isZero();
    }

    @Test
    void hourRecordsAddUpToTheShift() {
        VorneSteps.play(plant, M, null);
        heartbeatsUntil(SHIFT_END, SHIFT_END.plus(Duration.ofMinutes(6)));

        List<OeeRecord> all = plant.drainOee();
        List<OeeRecord> hours = all.stream().filter(r -> r.granularity() == OeeGranularity.HOUR).toList();
        assertThat(hours).hasSize(8).allSatisfy(h -> assertThat(h.finalResult()).isTrue());
        assertThat(hours.stream().mapToLong(OeeRecord::totalCount).sum()).isEqualTo(19_271);
        assertThat(hours.stream().mapToDouble(OeeRecord::plannedSeconds).sum()).isEqualTo(420 * 60.0);
        assertThat(hours.stream().mapToDouble(OeeRecord::runSeconds).sum()).isEqualTo(373 * 60.0);
    }

    @Test
    void theLiveFigureMovesWithEveryEvent() {
        plant.state(M, SHIFT_START, MachineStatus.RUNNING, null);
        plant.count(M, SHIFT_START.plusSeconds(30), 30, 0, null);
        plant.count(M, SHIFT_START.plusSeconds(60), 25, 5, null);

        List<OeeRecord> live = plant.drainOee();
        assertThat(live).extracting(OeeRecord::granularity).containsOnly(OeeGranularity.LIVE);
        OeeRecord last = live.get(live.size() - 1);
        assertThat(last.runSeconds()).isEqualTo(60.0);
        assertThat(last.totalCount()).isEqualTo(55);
        assertThat(last.performance()).isCloseTo(55 / 60.0, within(1e-12));
        assertThat(last.quality()).isCloseTo(50 / 55.0, within(1e-12));
        assertThat(last.finalResult()).isFalse();
        assertThat(plant.live.get(M)).as("what queries read: the figure last published").contains(last);
    }

    @Test
    void queriesFindALiveFigureOnlyWhileTheShiftRunsAndTheTaskIsHere() {
        VorneSteps.play(plant, M, null);
        assertThat(plant.live.get(M)).hasValueSatisfying(r -> assertThat(r.granularity()).isEqualTo(OeeGranularity.LIVE));
        heartbeatsUntil(SHIFT_END, SHIFT_END.plus(Duration.ofMinutes(6)));
        assertThat(plant.drainOee()).anyMatch(r -> r.granularity() == OeeGranularity.SHIFT);
        assertThat(plant.live.get(M)).as("no shift runs: no live figure").isEmpty();

        plant.state(M, Instant.parse("2026-03-03T06:00:00Z"), MachineStatus.RUNNING, null);
        assertThat(plant.live.all()).extracting(OeeRecord::machineId).containsExactly(M);
        plant.close();
        assertThat(plant.live.all()).as("the task closed: its figures are no longer served here").isEmpty();
    }

    @Test
    void aJobChangeWeighsEachJobByItsIdealCycleTime() {
        plant.orders.pipeInput("A-1", order("A-1", 1.0));
        plant.orders.pipeInput("B-2", order("B-2", 2.5));
        plant.state(M, SHIFT_START, MachineStatus.RUNNING, null);
        Instant t = SHIFT_START;
        for (int i = 0; i < 6 * 60; i++) {
            t = t.plusSeconds(10);
            plant.count(M, t, i < 120 ? 10 : 4, i % 40 == 0 ? 1 : 0, i < 120 ? "A-1" : "B-2");
        }
        heartbeatsUntil(t, SHIFT_END.plus(Duration.ofMinutes(6)));

        OeeRecord shift = finalShift(plant.drainOee());
        double goodIdeal = (120 * 10 - 3) * 1.0 + (240 * 4 - 6) * 2.5;
        double totalIdeal = 120 * 10 * 1.0 + 240 * 4 * 2.5;
        assertThat(shift.oee()).isCloseTo(goodIdeal / (420 * 60), within(1e-9));
        assertThat(shift.quality()).isCloseTo(goodIdeal / totalIdeal, within(1e-9));
        assertThat(shift.availability() * shift.performance() * shift.quality()).isCloseTo(shift.oee(), within(1e-12));
    }

    @Test
    void aSilentMachineIsOfflineFromItsLastSignal() {
        plant.state(M, SHIFT_START, MachineStatus.RUNNING, null);
        heartbeatsUntil(SHIFT_START, SHIFT_START.plus(Duration.ofMinutes(30)));
        Instant lastSignal = SHIFT_START.plus(Duration.ofMinutes(30)).minusSeconds(30);
        plant.state("M02", SHIFT_START.plus(Duration.ofMinutes(45)), MachineStatus.IDLE, null);

        plant.driver.advanceWallClockTime(Duration.ofMinutes(11));

        List<OeeRecord> live = plant.drainOee().stream().filter(r -> r.machineId().equals(M)).toList();
        OeeRecord last = live.get(live.size() - 1);
        assertThat(last.losses().noSignalSeconds())
                .isEqualTo(Duration.between(lastSignal, SHIFT_START.plus(Duration.ofMinutes(45))).toSeconds());
    }

    @Test
    void aLateEventInsideTheGracePeriodCorrectsTheShift() {
        VorneSteps.play(plant, M, null);
        heartbeatsUntil(SHIFT_END, SHIFT_END.plus(Duration.ofMinutes(3)));
        plant.count(M, SHIFT_END.minusSeconds(30), 100, 0, null);
        heartbeatsUntil(SHIFT_END.plus(Duration.ofMinutes(3)), SHIFT_END.plus(Duration.ofMinutes(6)));

        assertThat(finalShift(plant.drainOee()).totalCount()).isEqualTo(19_371);
        assertThat(plant.countDeadLetters.isEmpty()).isTrue();
    }

    @Test
    void aLateEventPastTheGracePeriodGoesToTheDeadLetterTopic() {
        VorneSteps.play(plant, M, null);
        heartbeatsUntil(SHIFT_END, SHIFT_END.plus(Duration.ofMinutes(6)));
        plant.count(M, SHIFT_END.minusSeconds(30), 100, 0, null);

        TestRecord<byte[], byte[]> letter = plant.countDeadLetters.readRecord();
        assertThat(DeadLetters.header(letter.headers(), DeadLetters.REASON))
                .startsWith("late event: 2026-03-02T13:59:30Z is in a window final since 2026-03-02T14:00:00Z");
        assertThat(finalShift(plant.drainOee()).totalCount()).isEqualTo(19_271);
    }

    @Test
    void windowsWaitForACountTopicHeldUpBehindTheStatesButNotForASilentOne() {
        try (OeeDriver paced = new OeeDriver("/calendars/vorne.yaml", SHIFT_START, Duration.ofSeconds(30))) {
            VorneSteps.play(paced, M, null);
            // the count topic is held up (a broker fail-over): the states run 40 minutes ahead of it
            paced.heartbeats(M, MachineStatus.RUNNING, null, SHIFT_END, SHIFT_END.plus(Duration.ofMinutes(40)));
            assertThat(paced.drainOee().stream().filter(r -> r.granularity() == OeeGranularity.SHIFT))
                    .as("no final shift record while its counts are held up").noneMatch(OeeRecord::finalResult);

            paced.count(M, SHIFT_END.minusSeconds(30), 100, 0, null);
            paced.count(M, SHIFT_END.plus(Duration.ofMinutes(10)), 1, 0, null);
            List<OeeRecord> afterCounts = paced.drainOee();
            OeeRecord shift = afterCounts.stream().filter(r -> r.granularity() == OeeGranularity.SHIFT).findFirst()
                    .orElseThrow();
            assertThat(shift.finalResult()).isTrue();
            assertThat(shift.totalCount()).isEqualTo(19_371);
            assertThat(paced.countDeadLetters.isEmpty()).isTrue();

            // the machine makes no more parts: the silent count topic holds the 14:00 hour back only
            // until it has delivered nothing for the input wait
            paced.heartbeats(M, MachineStatus.RUNNING, null, SHIFT_END.plus(Duration.ofMinutes(40)),
                    SHIFT_END.plus(Duration.ofMinutes(80)));
            assertThat(paced.drainOee().stream().filter(r -> r.finalResult() && r.windowStart().equals(SHIFT_END)))
                    .as("the 14:00 hour is still open").isEmpty();
            paced.driver.advanceWallClockTime(Duration.ofSeconds(31));
            assertThat(paced.drainOee()).filteredOn(r -> r.finalResult() && r.granularity() == OeeGranularity.HOUR
                    && r.windowStart().equals(SHIFT_END)).singleElement().extracting(OeeRecord::totalCount).isEqualTo(1L);
        }
    }

    @Test
    void aCountTopicNotYetHeardFromHoldsEveryWindowBackOnAFreshStart() {
        try (OeeDriver paced = new OeeDriver("/calendars/vorne.yaml", SHIFT_START, Duration.ofSeconds(30))) {
            // the state topic's first fetch brings the whole shift before the count topic's first record
            List<VorneSteps.Step> steps = VorneSteps.steps();
            steps.stream().filter(step -> !step.isCount())
                    .forEach(step -> paced.state(M, step.time(), step.state(), step.reason()));
            paced.heartbeats(M, MachineStatus.RUNNING, null, SHIFT_END, SHIFT_END.plus(Duration.ofMinutes(80)));
            assertThat(paced.drainOee()).as("no window closes before the count topic is heard from")
                    .noneMatch(OeeRecord::finalResult);

            steps.stream().filter(VorneSteps.Step::isCount)
                    .forEach(step -> paced.count(M, step.time(), step.produced(), step.rejected(), null));
            paced.count(M, SHIFT_END.plus(Duration.ofMinutes(10)), 1, 0, null);
            List<OeeRecord> records = paced.drainOee();
            OeeRecord shift = finalShift(records);
            assertThat(shift.totalCount()).isEqualTo(19_271);
            assertThat(shift.goodCount()).isEqualTo(18_848);
            List<OeeRecord> hours = records.stream()
                    .filter(r -> r.finalResult() && r.granularity() == OeeGranularity.HOUR).toList();
            assertThat(hours).hasSize(8);
            assertThat(hours.stream().mapToLong(OeeRecord::totalCount).sum()).isEqualTo(19_271);
            assertThat(paced.countDeadLetters.isEmpty()).isTrue();
        }
    }

    @Test
    void aMachineThatNeverCountsHasItsShiftClosedOnceTheInputWaitIsOver() {
        try (OeeDriver paced = new OeeDriver("/calendars/vorne.yaml", SHIFT_START, Duration.ofSeconds(30))) {
            paced.heartbeats(M, MachineStatus.RUNNING, null, SHIFT_START, SHIFT_END.plus(Duration.ofMinutes(80)));
            assertThat(paced.drainOee()).noneMatch(OeeRecord::finalResult);

            paced.driver.advanceWallClockTime(Duration.ofSeconds(31));
            OeeRecord shift = finalShift(paced.drainOee());
            assertThat(shift.totalCount()).isZero();
            assertThat(shift.availability()).isEqualTo(1.0);
        }
    }

    @Test
    void aCountTopicHeldUpWithRecordsOnTheBrokersHoldsWindowsBackBeyondTheInputWait() {
        try (OeeDriver paced = new OeeDriver("/calendars/vorne.yaml", SHIFT_START, Duration.ofSeconds(30))) {
            Instant cut = SHIFT_START.plus(Duration.ofHours(5));
            playCountsBefore(paced, cut);
            paced.driver.advanceWallClockTime(Duration.ofSeconds(90));
            assertThat(paced.drainOee()).as("no final shift record while counts wait on the brokers")
                    .noneMatch(r -> r.finalResult() && r.granularity() == OeeGranularity.SHIFT);

            VorneSteps.steps().stream().filter(step -> step.isCount() && !step.time().isBefore(cut))
                    .forEach(step -> paced.count(M, step.time(), step.produced(), step.rejected(), null));
            paced.count(M, SHIFT_END.plus(Duration.ofMinutes(10)), 1, 0, null);
            assertThat(finalShift(paced.drainOee()).totalCount()).isEqualTo(19_271);
            assertThat(paced.countDeadLetters.isEmpty()).isTrue();
        }
    }

    @Test
    void aHeldUpInputStopsHoldingWindowsBackAfterTenInputWaits() {
        try (OeeDriver paced = new OeeDriver("/calendars/vorne.yaml", SHIFT_START, Duration.ofSeconds(30))) {
            playCountsBefore(paced, SHIFT_START.plus(Duration.ofHours(5)));
            paced.driver.advanceWallClockTime(Duration.ofSeconds(299));
            assertThat(paced.drainOee()).noneMatch(r -> r.finalResult() && r.granularity() == OeeGranularity.SHIFT);

            paced.driver.advanceWallClockTime(Duration.ofSeconds(2));
            assertThat(finalShift(paced.drainOee()).totalCount()).as("closed on the counts received")
                    .isLessThan(19_271);
        }
    }

    /** The Vorne shift's states and its counts before {@code cut}; the brokers hold more counts than that. */
    private static void playCountsBefore(OeeDriver paced, Instant cut) {
        VorneSteps.steps().stream().filter(step -> !step.isCount() || step.time().isBefore(cut)).forEach(step -> {
            if (step.isCount()) {
                paced.count(M, step.time(), step.produced(), step.rejected(), null);
            } else {
                paced.state(M, step.time(), step.state(), step.reason());
            }
        });
        paced.heartbeats(M, MachineStatus.RUNNING, null, SHIFT_END, SHIFT_END.plus(Duration.ofMinutes(40)));
        paced.frontier.endOffsets(Map.of(new TopicPartition(Topics.MACHINE_COUNTS.name(), 0), 1_000_000L));
    }

    @Test
    void afterAQuietSpellTheTopicBackFirstDoesNotCloseWindowsTheOtherHasNotReached() {
        try (OeeDriver paced = new OeeDriver("/calendars/vorne.yaml", SHIFT_START, Duration.ofSeconds(30))) {
            VorneSteps.play(paced, M, null);
            // nothing arrives for a minute (the collector's link is down); then its backlog comes,
            // the state topic fetched first
            paced.driver.advanceWallClockTime(Duration.ofMinutes(1));
            paced.drainOee();
            paced.heartbeats(M, MachineStatus.RUNNING, null, SHIFT_END, SHIFT_END.plus(Duration.ofMinutes(40)));
            assertThat(paced.drainOee().stream().filter(r -> r.granularity() == OeeGranularity.SHIFT))
                    .as("no final shift record before the counts are back").noneMatch(OeeRecord::finalResult);

            paced.count(M, SHIFT_END.minusSeconds(30), 100, 0, null);
            paced.count(M, SHIFT_END.plus(Duration.ofMinutes(10)), 1, 0, null);
            assertThat(paced.drainOee()).filteredOn(r -> r.granularity() == OeeGranularity.SHIFT && r.finalResult())
                    .singleElement().extracting(OeeRecord::totalCount).isEqualTo(19_371L);
            assertThat(paced.countDeadLetters.isEmpty()).isTrue();
        }
    }

    @Test
    void aPoisonRecordGoesToTheDeadLetterTopicAndTheStreamKeepsGoing() {
        byte[] poison = "{\"machineId\":\"M01\",\"state\":\"RUNNING\"".getBytes(StandardCharsets.UTF_8);
        plant.rawStates.pipeInput(M, poison, SHIFT_START);
        plant.state(M, SHIFT_START.plusSeconds(1), MachineStatus.RUNNING, null);

        TestRecord<byte[], byte[]> letter = plant.stateDeadLetters.readRecord();
        assertThat(letter.value()).isEqualTo(poison);
        assertThat(DeadLetters.header(letter.headers(), DeadLetters.REASON))
                .startsWith("machine.state.v1: payload is not valid JSON");
        assertThat(DeadLetters.header(letter.headers(), DeadLetters.SOURCE_TOPIC)).isEqualTo("machine.state.v1");
        assertThat(plant.drainOee()).isNotEmpty();
    }

    @Test
    void aMachineDownTooLongRaisesAnAlertAndClearsIt() {
        plant.state(M, SHIFT_START, MachineStatus.DOWN, "E-7");
        downHeartbeats(SHIFT_START, SHIFT_START.plus(Duration.ofMinutes(12)));
        plant.state(M, SHIFT_START.plus(Duration.ofMinutes(12)), MachineStatus.RUNNING, null);

        var alerts = plant.alerts.readValuesToList();
        assertThat(alerts).extracting(a -> a.kind() + "/" + a.active())
                .contains("MACHINE_DOWN/true", "MACHINE_DOWN/false");
        assertThat(alerts.get(0).message()).isEqualTo("M01 DOWN for 10 min (E-7)");
    }

    @Test
    void aDaylightSavingDayHas23PlannedHours() {
        Instant dayStart = Instant.parse("2026-03-28T23:00:00Z");
        Instant dayEnd = Instant.parse("2026-03-29T22:00:00Z");
        try (OeeDriver dst = new OeeDriver("/calendars/around-the-clock.yaml", dayStart)) {
            dst.heartbeats(M, MachineStatus.RUNNING, null, dayStart, dayEnd.plus(Duration.ofMinutes(6)));
            List<OeeRecord> finals = dst.drainOee().stream()
                    .filter(r -> r.granularity() == OeeGranularity.SHIFT && r.windowStart().equals(dayStart)).toList();
            assertThat(finals).hasSize(1);
            assertThat(finals.get(0).windowEnd()).isEqualTo(dayEnd);
            assertThat(finals.get(0).plannedSeconds()).isEqualTo(23 * 3600.0);
            assertThat(finals.get(0).availability()).isEqualTo(1.0);
        }
    }

    private void heartbeatsUntil(Instant from, Instant until) {
        plant.heartbeats(M, MachineStatus.RUNNING, null, from, until);
    }

    private void downHeartbeats(Instant from, Instant until) {
        plant.heartbeats(M, MachineStatus.DOWN, "E-7", from, until);
    }

    private static ErpOrder order(String orderNo, double idealCycleSeconds) {
        return new ErpOrder(new EventMeta("o-" + orderNo, "erp", SHIFT_START, 1), orderNo, "ART", 1000, M,
                idealCycleSeconds, null, 1, OrderStatus.RELEASED, null, false);
    }

    private static OeeRecord finalShift(List<OeeRecord> records) {
        List<OeeRecord> finals = records.stream()
                .filter(r -> r.granularity() == OeeGranularity.SHIFT && r.machineId().equals(M)).toList();
        assertThat(finals).as("exactly one final shift record").hasSize(1);
        assertThat(finals.get(0).finalResult()).isTrue();
        return finals.get(0);
    }
}
