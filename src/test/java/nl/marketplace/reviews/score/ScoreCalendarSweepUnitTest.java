package nl.marketplace.reviews.score;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.LocalDate;

import org.junit.jupiter.api.Test;

import nl.marketplace.reviews.support.CalendarOracle;
import nl.marketplace.reviews.time.BusinessTime;

/**
 * The score's calendar at every instant of the sweep, against the oracle: the day a moment counts
 * on, the first day of "the last 3 months" that end with it, and the month its review counts in.
 */
class ScoreCalendarSweepUnitTest {

    @Test
    void theWindowAndTheMonthAreAmsterdamCalendarDays() {
        CalendarOracle.Failures failures = new CalendarOracle.Failures();
        for (Instant now : CalendarOracle.instants()) {
            LocalDate day = CalendarOracle.day(now);
            LocalDate expectedStart = CalendarOracle.plusDays(CalendarOracle.plusMonths(day, -3), 1);
            LocalDate actualDay = BusinessTime.day(now);
            failures.check(actualDay.equals(day), () -> now + " is on " + day + ", not " + actualDay);
            failures.check(ScoreRules.windowStart(actualDay).equals(expectedStart),
                    () -> "the window ending " + day + " starts " + expectedStart + ", not " + ScoreRules.windowStart(actualDay));
            failures.check(BusinessTime.monthOf(actualDay).equals(LocalDate.of(day.getYear(), day.getMonthValue(), 1)),
                    () -> "a review of " + now + " counts in " + day.getMonth());
        }
        assertEquals("", failures.report());
    }
}
