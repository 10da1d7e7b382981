package io.plantstream.streams.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.plantstream.config.ConfigException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

class ShiftCalendarTest {
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    private static final ShiftCalendar CALENDAR = CalendarLoader.parse("plant.yaml", """
            timeZone: Europe/Berlin
            patterns:
              three-shift:
                - {name: early, start: "06:00", end: "14:00", days: [MON, TUE, WED, THU, FRI],
                   breaks: [{start: "09:00", end: "09:15"}, {start: "12:00", end: "12:30"}]}
                - {name: late, start: "14:00", end: "22:00", days: [MON, TUE, WED, THU, FRI]}
                - {name: night, start: "22:00", end: "06:00", days: [MON, TUE, WED, THU, FRI, SAT, SUN],
                   breaks: [{start: "02:00", end: "02:30"}]}
              around-the-clock:
                - {name: day, start: "00:00", end: "00:00"}
            default: three-shift
            machines: {M10: around-the-clock}
            exceptions:
              - {date: 2026-12-25}
              - {date: 2026-03-07, pattern: three-shift, shifts: [early]}
            plannedStops:
              - {machines: [M01], from: "2026-03-02T10:00", to: "2026-03-02T11:00", reason: maintenance}
            """);

    @Test
    void breaksAndPlannedStopsReducePlannedTime() {
        ShiftInstance early = shiftAt("M01", "2026-03-02T07:00:00+01:00");
        assertThat(early.name()).isEqualTo("early");
        assertThat(early.plannedMs(early.span())).isEqualTo(Duration.ofMinutes(480 - 15 - 30 - 60).toMillis());
        ShiftInstance otherMachine = shiftAt("M02", "2026-03-02T07:00:00+01:00");
        assertThat(otherMachine.plannedMs(otherMachine.span())).isEqualTo(Duration.ofMinutes(480 - 45).toMillis());
    }

    @Test
    void aNightShiftEndsTheNextMorningWithItsBreakThere() {
        ShiftInstance night = shiftAt("M01", "2026-03-03T03:00:00+01:00");
        assertThat(night.name()).isEqualTo("night");
        assertThat(night.date()).isEqualTo(LocalDate.of(2026, 3, 2));
        assertThat(night.plannedStops()).containsExactly(new Interval(
                Instant.parse("2026-03-03T01:00:00Z").toEpochMilli(), Instant.parse("2026-03-03T01:30:00Z").toEpochMilli()));
    }

    @Test
    void daylightSavingDaysHave23And25Hours() {
        ShiftInstance spring = shiftAt("M10", "2026-03-29T12:00:00+02:00");
        assertThat(Duration.ofMillis(spring.span().length())).isEqualTo(Duration.ofHours(23));
        ShiftInstance autumn = shiftAt("M10", "2026-10-25T12:00:00+01:00");
        assertThat(Duration.ofMillis(autumn.span().length())).isEqualTo(Duration.ofHours(25));
        ShiftInstance springNight = shiftAt("M01", "2026-03-29T04:00:00+02:00");
        assertThat(Duration.ofMillis(springNight.span().length())).isEqualTo(Duration.ofHours(7));
    }

    @Test
    void holidaysHaveNoShiftsAndExtraDaysHaveTheChosenOnes() {
        assertThat(CALENDAR.shiftAt("M01", Instant.parse("2026-12-25T08:00:00Z"))).isEmpty();
        assertThat(CALENDAR.shiftAt("M01", Instant.parse("2026-03-07T08:00:00Z"))).get()
                .extracting(ShiftInstance::name).isEqualTo("early");
        assertThat(CALENDAR.shiftAt("M01", Instant.parse("2026-03-07T15:00:00Z"))).isEmpty();
        assertThat(CALENDAR.shiftAt("M01", Instant.parse("2026-03-08T08:00:00Z"))).as("Sunday").isEmpty();
    }

    @Test
    void everyProblemIsReportedAtOnceWithFileLineAndKey() {
        assertThatThrownBy(() -> CalendarLoader.parse("bad.yaml", """
                timeZone: Mars/Olympus
                patterns:
                  p:
                    - {name: early, start: "25:00", end: "14:00", days: [MON, FUNDAY]}
                default: q
                exceptions:
                  - {date: 2026-02-30}
                colour: blue
                """))
                .isInstanceOf(ConfigException.class)
                .satisfies(e -> assertThat(((ConfigException) e).problems()).containsExactlyInAnyOrder(
                        "bad.yaml:8 (colour): unknown key 'colour' (known: timeZone, patterns, default, machines, "
                                + "exceptions, plannedStops)",
                        "bad.yaml:1 (timeZone): 'Mars/Olympus' is not a time zone such as Europe/Berlin",
                        "bad.yaml:4 (patterns.p[0].start): '25:00' is not a time of day (HH:MM)",
                        "bad.yaml:4 (patterns.p[0].days[1]): 'FUNDAY' is not a weekday (MON..SUN)",
                        "bad.yaml:5 (default): unknown pattern 'q' (defined: p)",
                        "bad.yaml:7 (exceptions[0].date): '2026-02-30' is not a date (YYYY-MM-DD)"));
    }

    @Test
    void shiftsAreListedInTimeOrder() {
        List<ShiftInstance> shifts = CALENDAR.shifts("M01", Instant.parse("2026-03-02T00:00:00Z"),
                Instant.parse("2026-03-03T00:00:00Z"));
        assertThat(shifts).extracting(ShiftInstance::name).containsExactly("night", "early", "late", "night");
    }

    private static ShiftInstance shiftAt(String machine, String isoTime) {
        return CALENDAR.shiftAt(machine, java.time.OffsetDateTime.parse(isoTime).toInstant()).orElseThrow();
    }
}
