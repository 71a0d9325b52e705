package nl.marketplace.reviews.invitation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;

import org.junit.jupiter.api.Test;

import nl.marketplace.reviews.invitation.InvitationRules.Stage;
import nl.marketplace.reviews.support.CalendarOracle;
import nl.marketplace.reviews.time.BusinessTime;

/**
 * Invitation days 3-18 at every instant of the sweep, against the oracle: an order delivered k
 * Amsterdam days before today waits (k < 3), is due (3-18) or expires (k > 18), whichever day of
 * the month or DST change today is.
 */
class InvitationCalendarSweepUnitTest {

    private final InvitationRules rules = new InvitationRules(new InvitationRules.Config() {
        @Override
        public int firstDay() {
            return 3;
        }

        @Override
        public int lastDay() {
            return 18;
        }

        @Override
        public Period linkValidity() {
            return Period.ofDays(30);
        }

        @Override
        public String pageUrl() {
            return "https://shop.test/beoordeling";
        }

        @Override
        public Duration interval() {
            return Duration.ofHours(1);
        }

        @Override
        public int batchSize() {
            return 500;
        }
    });

    @Test
    void theDaysAfterDeliveryAreAmsterdamCalendarDays() {
        CalendarOracle.Failures failures = new CalendarOracle.Failures();
        for (Instant now : CalendarOracle.instants()) {
            LocalDate today = CalendarOracle.day(now);
            for (int k = -2; k <= 21; k++) {
                LocalDate delivered = CalendarOracle.plusDays(today, -k);
                long days = CalendarOracle.daysBetween(delivered, today);
                Stage expected = days < 3 ? Stage.WAITING : days <= 18 ? Stage.DUE : Stage.EXPIRED;
                Stage actual = rules.stage(delivered, BusinessTime.day(now));
                failures.check(actual == expected, () -> "at " + now + " an order delivered " + delivered + " is " + expected + ", not " + actual);
            }
        }
        assertEquals("", failures.report());
    }
}
