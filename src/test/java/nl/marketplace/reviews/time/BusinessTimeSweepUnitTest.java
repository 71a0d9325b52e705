package nl.marketplace.reviews.time;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

import nl.marketplace.reviews.support.CalendarOracle;

/**
 * The calendar's primitives at every instant of the sweep, against the oracle: today on any clock,
 * the day of a moment whatever its offset, and the moments a day starts and ends (the contact limit
 * per day, mail dates, the HTTP cache's day).
 */
class BusinessTimeSweepUnitTest {

    @Test
    void daysAndTheirBoundsAreAmsterdams() {
        CalendarOracle.Failures failures = new CalendarOracle.Failures();
        for (Instant now : CalendarOracle.instants()) {
            LocalDate day = CalendarOracle.day(now);
            failures.check(BusinessTime.today(Clock.fixed(now, ZoneOffset.UTC)).equals(day), () -> now + " is on " + day);
            failures.check(BusinessTime.day(OffsetDateTime.ofInstant(now, ZoneOffset.ofHours(-10))).equals(day),
                    () -> now + " at -10:00 is on " + day);
            failures.check(BusinessTime.startOf(day).toInstant().equals(CalendarOracle.startOfDay(day)), () -> day + " starts");
            failures.check(BusinessTime.endOf(day).toInstant().equals(CalendarOracle.startOfDay(CalendarOracle.plusDays(day, 1))),
                    () -> day + " ends");
            failures.check(!now.isBefore(BusinessTime.startOf(day).toInstant()) && now.isBefore(BusinessTime.endOf(day).toInstant()),
                    () -> now + " lies in its day");
        }
        assertEquals("", failures.report());
    }

    /** The hour a daily digest is due from: Amsterdam's clock, and the latest whole hour of the day begun by then. */
    @Test
    void theHourIsAmsterdamsAndHasBegun() {
        CalendarOracle.Failures failures = new CalendarOracle.Failures();
        for (Instant now : CalendarOracle.instants()) {
            OffsetDateTime moment = OffsetDateTime.ofInstant(now, ZoneOffset.ofHours(-10));
            int hour = BusinessTime.hour(moment);
            LocalDate day = BusinessTime.day(moment);
            failures.check(hour == CalendarOracle.hour(now), () -> now + " is in hour " + CalendarOracle.hour(now) + ", not " + hour);
            failures.check(!BusinessTime.at(day, hour).isAfter(moment) && (hour == 23 || BusinessTime.at(day, hour + 1).isAfter(moment)),
                    () -> now + ": hour " + hour + " is the latest of " + day + " begun");
        }
        assertEquals("", failures.report());
    }
}
