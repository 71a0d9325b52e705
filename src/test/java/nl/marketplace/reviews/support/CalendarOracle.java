package nl.marketplace.reviews.support;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.GregorianCalendar;
import java.util.List;
import java.util.TimeZone;

/**
 * An oracle for the calendar rules that shares no code with them: the Amsterdam calendar through
 * {@link GregorianCalendar} and {@link TimeZone} (java.util, not java.time), and the instants a sweep
 * tries: every half hour from three days before to three days after each month end of 2028 (a leap
 * year) and around both of its DST changes, about 4,800 instants, many of them on another day in UTC
 * than in Amsterdam.
 */
public final class CalendarOracle {

    private static final TimeZone AMSTERDAM = TimeZone.getTimeZone("Europe/Amsterdam");
    private static final TimeZone UTC = TimeZone.getTimeZone("UTC");
    private static final long HALF_HOUR = 30 * 60 * 1000L;

    private CalendarOracle() {
    }

    /** The instants of a sweep, in order, without duplicates. */
    public static List<Instant> instants() {
        java.util.TreeSet<Long> millis = new java.util.TreeSet<>();
        for (int month = 1; month <= 12; month++) {
            // Midnight of the first day of the next month, in Amsterdam: the month end.
            aroundDay(millis, startOfDay(month == 12 ? 2029 : 2028, month == 12 ? 1 : month + 1, 1), 3);
        }
        aroundDay(millis, startOfDay(2028, 3, 26), 2); // DST starts: 02:00 becomes 03:00
        aroundDay(millis, startOfDay(2028, 10, 29), 2); // DST ends: 03:00 becomes 02:00
        aroundDay(millis, startOfDay(2027, 12, 1), 3); // and into the year before
        return millis.stream().map(Instant::ofEpochMilli).toList();
    }

    private static void aroundDay(java.util.Set<Long> millis, Instant midnight, int days) {
        long from = midnight.toEpochMilli() - days * 24 * 3_600_000L;
        long to = midnight.toEpochMilli() + days * 24 * 3_600_000L;
        for (long t = from; t <= to; t += HALF_HOUR) {
            millis.add(t);
        }
    }

    /** The Amsterdam day of a moment. */
    public static LocalDate day(Instant moment) {
        GregorianCalendar c = new GregorianCalendar(AMSTERDAM);
        c.setTimeInMillis(moment.toEpochMilli());
        return LocalDate.of(c.get(Calendar.YEAR), c.get(Calendar.MONTH) + 1, c.get(Calendar.DAY_OF_MONTH));
    }

    /** Midnight at the start of an Amsterdam day. */
    /** The hour on Amsterdam's clock at a moment (0–23). */
    public static int hour(Instant moment) {
        Calendar calendar = Calendar.getInstance(AMSTERDAM);
        calendar.setTimeInMillis(moment.toEpochMilli());
        return calendar.get(Calendar.HOUR_OF_DAY);
    }

    public static Instant startOfDay(int year, int month, int dayOfMonth) {
        GregorianCalendar c = new GregorianCalendar(AMSTERDAM);
        c.clear();
        c.set(year, month - 1, dayOfMonth, 0, 0, 0);
        return Instant.ofEpochMilli(c.getTimeInMillis());
    }

    public static Instant startOfDay(LocalDate day) {
        return startOfDay(day.getYear(), day.getMonthValue(), day.getDayOfMonth());
    }

    /** A day plus months, the day of the month clamped to the month's length (31 May minus 3 months is 28 or 29 February). */
    public static LocalDate plusMonths(LocalDate day, int months) {
        return plus(day, Calendar.MONTH, months);
    }

    public static LocalDate plusDays(LocalDate day, int days) {
        return plus(day, Calendar.DAY_OF_MONTH, days);
    }

    private static LocalDate plus(LocalDate day, int field, int amount) {
        GregorianCalendar c = new GregorianCalendar(UTC);
        c.clear();
        c.set(day.getYear(), day.getMonthValue() - 1, day.getDayOfMonth());
        c.add(field, amount);
        return LocalDate.of(c.get(Calendar.YEAR), c.get(Calendar.MONTH) + 1, c.get(Calendar.DAY_OF_MONTH));
    }

    /** Whole days from one day to another (the oracle's own count, through UTC midnights). */
    public static long daysBetween(LocalDate from, LocalDate to) {
        GregorianCalendar a = new GregorianCalendar(UTC);
        a.clear();
        a.set(from.getYear(), from.getMonthValue() - 1, from.getDayOfMonth());
        GregorianCalendar b = new GregorianCalendar(UTC);
        b.clear();
        b.set(to.getYear(), to.getMonthValue() - 1, to.getDayOfMonth());
        return (b.getTimeInMillis() - a.getTimeInMillis()) / (24 * 3_600_000L);
    }

    /** A list of what failed, for one assertion over a whole sweep. */
    public static final class Failures {
        private final List<String> first = new ArrayList<>();
        private int count;
        private int checked;

        public void check(boolean ok, java.util.function.Supplier<String> what) {
            checked++;
            if (!ok && count++ < 10) {
                first.add(what.get());
            }
        }

        /** Empty when every check held; else how many failed and the first ten. */
        public String report() {
            return count == 0 ? "" : count + " of " + checked + " checks failed, first: " + String.join("; ", first);
        }

        public int checked() {
            return checked;
        }
    }
}
