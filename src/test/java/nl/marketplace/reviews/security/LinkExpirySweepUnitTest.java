package nl.marketplace.reviews.security;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.Period;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

import nl.marketplace.reviews.support.CalendarOracle;

/**
 * Link expiry at every instant of the sweep, against the oracle: a link sent today with a validity of
 * 14 (or 30) days works through the 14th (30th) Amsterdam day after today, the day its mail names,
 * and stops at the midnight that ends it, across month ends and DST changes.
 */
class LinkExpirySweepUnitTest {

    @Test
    void aLinkWorksThroughTheLastDayItsMailNames() {
        CalendarOracle.Failures failures = new CalendarOracle.Failures();
        for (Instant now : CalendarOracle.instants()) {
            for (int days : new int[] { 14, 30 }) {
                OffsetDateTime sent = OffsetDateTime.ofInstant(now, ZoneOffset.UTC);
                LocalDate lastDay = CalendarOracle.plusDays(CalendarOracle.day(now), days);
                Instant end = CalendarOracle.startOfDay(CalendarOracle.plusDays(lastDay, 1));
                failures.check(LinkTokens.lastDay(sent, Period.ofDays(days)).equals(lastDay), () -> "sent " + now + ": last day " + lastDay);
                failures.check(LinkTokens.expiry(sent, Period.ofDays(days)).toInstant().equals(end),
                        () -> "sent " + now + ": expires at " + end + ", not " + LinkTokens.expiry(sent, Period.ofDays(days)));
            }
        }
        assertEquals("", failures.report());
    }
}
