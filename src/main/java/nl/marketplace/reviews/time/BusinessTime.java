package nl.marketplace.reviews.time;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/**
 * The marketplace's calendar: every day of DOMAIN.md (the score window, the monthly figures,
 * invitation days, re-review age, link expiry, contact limits per day, mail dates) is a day in
 * Europe/Amsterdam, and every calendar rule is stated on those days ({@link LocalDate}), never on a
 * UTC or offset moment: "3 months before" 1 March 00:30 in Amsterdam is 1 December, while on UTC
 * it would still be 28 February. Moments become days here and days become moments here;
 * {@code ArchitectureUnitTest} keeps month and day arithmetic on moments out of the rest of the code,
 * and {@code CalendarSweepUnitTest} checks every rule at every hour around each month end and DST
 * change of a year against an oracle built on {@link java.util.GregorianCalendar}.
 *
 * <p>This is the zone's one home in Java. SQL gets it in one place too, the function
 * {@code review_score_day(timestamptz)} of migration V1, which the score aggregates are keyed by;
 * {@code BusinessTimeSqlTest} checks that both put the same moments on the same days, across both
 * DST changes.
 */
public final class BusinessTime {

    /** For annotations, which need a constant ({@code @Scheduled(timeZone = …)}). */
    public static final String ZONE_ID = "Europe/Amsterdam";
    public static final ZoneId ZONE = ZoneId.of(ZONE_ID);
    /** How mails write a day: 15-4-2022. */
    public static final DateTimeFormatter MAIL_DAY = DateTimeFormatter.ofPattern("d-M-yyyy");

    private BusinessTime() {
    }

    /** The day it is now. */
    public static LocalDate today(Clock clock) {
        return day(clock.instant());
    }

    public static LocalDate day(Instant moment) {
        return moment.atZone(ZONE).toLocalDate();
    }

    public static LocalDate day(OffsetDateTime moment) {
        return moment.atZoneSameInstant(ZONE).toLocalDate();
    }

    /**
     * The hour on Amsterdam's clock at a moment (0–23): the latest whole hour of its day that has
     * begun, by {@link #at(LocalDate, int)} (a daily digest's hour is due from then).
     */
    public static int hour(OffsetDateTime moment) {
        return moment.atZoneSameInstant(ZONE).getHour();
    }

    /** The whole hour of the day in Amsterdam (in the hour a DST change skips: the hour after it). */
    public static OffsetDateTime at(LocalDate day, int hour) {
        return java.time.ZonedDateTime.of(day, java.time.LocalTime.of(hour, 0), ZONE).toOffsetDateTime();
    }

    /** Midnight at the start of the day, in Amsterdam. */
    public static OffsetDateTime startOf(LocalDate day) {
        return day.atStartOfDay(ZONE).toOffsetDateTime();
    }

    /** The first moment after the day: midnight at the start of the next one (23, 24 or 25 hours after its start). */
    public static OffsetDateTime endOf(LocalDate day) {
        return startOf(day.plusDays(1));
    }

    /** The first day of the month that the day is in. */
    public static LocalDate monthOf(LocalDate day) {
        return day.withDayOfMonth(1);
    }

    /** The day of a moment as a mail writes it. */
    public static String mailDay(OffsetDateTime moment) {
        return mailDay(day(moment));
    }

    public static String mailDay(LocalDate day) {
        return day.format(MAIL_DAY);
    }
}
