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
}
