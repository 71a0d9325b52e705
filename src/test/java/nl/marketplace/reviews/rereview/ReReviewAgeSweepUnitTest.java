package nl.marketplace.reviews.rereview;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.Period;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

import nl.marketplace.reviews.review.Classes;
import nl.marketplace.reviews.support.CalendarOracle;

/**
 * "Not older than 3 months" at every instant of the sweep, against the oracle: a review given on the
 * Amsterdam day three months before today may be asked again from its first moment, one given a
 * second earlier may not. The moments are given on UTC on purpose: the rule must not depend on the
 * offset a moment comes with (issue 19: 1 March 00:30 in Amsterdam is 28 February on UTC).
 */
class ReReviewAgeSweepUnitTest {

    private final ReReviewRules rules = new ReReviewRules(new ReReviewRules.Config() {
        @Override
        public int maxAgeMonths() {
            return 3;
        }

        @Override
        public Period tokenValidity() {
            return Period.ofDays(14);
        }

        @Override
        public String pageUrl() {
            return "https://shop.test/opnieuw";
        }
    }, Classes.defaults());

    private static OffsetDateTime utc(Instant moment) {
        return OffsetDateTime.ofInstant(moment, ZoneOffset.UTC);
    }

    private static ReReviewRules.Facts givenAt(Instant moment) {
        return new ReReviewRules.Facts(1, 4, utc(moment), true, null, null, null);
    }

    @Test
    void theAgeLimitIsThreeAmsterdamCalendarMonths() {
        CalendarOracle.Failures failures = new CalendarOracle.Failures();
        for (Instant now : CalendarOracle.instants()) {
            LocalDate oldestDay = CalendarOracle.plusMonths(CalendarOracle.day(now), -3);
            Instant first = CalendarOracle.startOfDay(oldestDay);
            failures.check(rules.ineligibility(givenAt(first), utc(now)) == null,
                    () -> "at " + now + " a review of " + first + " may still be asked again");
            failures.check(rules.ineligibility(givenAt(first.minusSeconds(1)), utc(now)) == ReReviewIneligibility.TOO_OLD,
                    () -> "at " + now + " a review of " + first.minusSeconds(1) + " is too old");
            failures.check(rules.ineligibility(givenAt(now), utc(now)) == null, () -> "at " + now + " a review of now may");
        }
        assertTrue(failures.checked() > 10_000, "the sweep ran: " + failures.checked());
        assertEquals("", failures.report());
    }
}
