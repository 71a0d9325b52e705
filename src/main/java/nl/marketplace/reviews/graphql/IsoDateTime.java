package nl.marketplace.reviews.graphql;

import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;

/**
 * {@link DateTimeFormatter#ISO_OFFSET_DATE_TIME}, the format SmallRye gives a DateTime field without
 * a format of its own, written by hand for the moments it meets (years 0–9999, offsets of whole
 * minutes), about ten times faster; any other moment goes through the formatter. A page gives out
 * some 40 DateTimes, and the formatter's general machinery was about a twentieth of its CPU
 * (JFR). {@code IsoDateTimeTest} compares the two over many moments; {@code PlainFieldFetchersTest}
 * checks that SmallRye's own Transformer of a DateTime field still formats as the formatter does.
 */
final class IsoDateTime {

    private IsoDateTime() {
    }

    static String format(OffsetDateTime moment) {
        int year = moment.getYear();
        int offset = moment.getOffset().getTotalSeconds();
        if (year < 0 || year > 9999 || offset % 60 != 0) {
            return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(moment);
        }
        char[] out = new char[35];
        digits(out, 0, year, 4);
        out[4] = '-';
        digits(out, 5, moment.getMonthValue(), 2);
        out[7] = '-';
        digits(out, 8, moment.getDayOfMonth(), 2);
        out[10] = 'T';
        digits(out, 11, moment.getHour(), 2);
        out[13] = ':';
        digits(out, 14, moment.getMinute(), 2);
        out[16] = ':';
        digits(out, 17, moment.getSecond(), 2);
        int at = 19;
        int nano = moment.getNano();
        if (nano != 0) {
            // As appendFraction(NANO_OF_SECOND, 0, 9, true): the nine digits without their trailing zeros.
            int length = 9;
            while (nano % 10 == 0) {
                nano /= 10;
                length--;
            }
            out[at++] = '.';
            digits(out, at, nano, length);
            at += length;
        }
        if (offset == 0) {
            out[at++] = 'Z';
        } else {
            // As appendOffsetId(), "+HH:MM:ss": the seconds only when not zero, which this way never has.
            out[at++] = offset < 0 ? '-' : '+';
            int minutes = Math.abs(offset) / 60;
            digits(out, at, minutes / 60, 2);
            out[at + 2] = ':';
            digits(out, at + 3, minutes % 60, 2);
            at += 5;
        }
        return new String(out, 0, at);
    }

    /** The value's last {@code width} decimal digits, zero-padded, at {@code at}. */
    private static void digits(char[] out, int at, int value, int width) {
        for (int i = at + width - 1; i >= at; i--) {
            out[i] = (char) ('0' + value % 10);
            value /= 10;
        }
    }
}
