package nl.marketplace.reviews.time;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/**
 * The marketplace's calendar: every day of DOMAIN.md (the score window, the monthly figures,
 * invitation days, re-review age, contact limits per day, mail dates) is a day in Europe/Amsterdam.
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

    public static LocalDate day(Instant moment) {
        return moment.atZone(ZONE).toLocalDate();
    }

    public static LocalDate day(OffsetDateTime moment) {
        return moment.atZoneSameInstant(ZONE).toLocalDate();
    }

    /** Midnight at the start of the day, in Amsterdam. */
    public static OffsetDateTime startOf(LocalDate day) {
        return day.atStartOfDay(ZONE).toOffsetDateTime();
    }

    /** The day of a moment as a mail writes it. */
    public static String mailDay(OffsetDateTime moment) {
        return day(moment).format(MAIL_DAY);
    }
}
