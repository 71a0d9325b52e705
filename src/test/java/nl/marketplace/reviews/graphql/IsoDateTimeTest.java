package nl.marketplace.reviews.graphql;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Random;

import org.junit.jupiter.api.Test;

/** IsoDateTime writes what ISO_OFFSET_DATE_TIME writes, for any moment. */
class IsoDateTimeTest {

    private static void same(OffsetDateTime moment) {
        assertEquals(DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(moment), IsoDateTime.format(moment), moment::toString);
    }

    @Test
    void writesWhatTheFormatterWrites() {
        Random random = new Random(22);
        ZoneId amsterdam = ZoneId.of("Europe/Amsterdam");
        for (int i = 0; i < 300_000; i++) {
            // Seconds from before year 0 to after 9999, or near now; nanoseconds as PostgreSQL has them (micro), whole, or any.
            long second = i % 3 == 0 ? random.nextLong(-70_000_000_000L, 260_000_000_000L) : 1_790_000_000L + random.nextInt(200_000_000);
            int nano = switch (i % 4) {
                case 0 -> 0;
                case 1 -> random.nextInt(1_000_000) * 1_000;
                case 2 -> random.nextInt(1_000) * 1_000_000;
                default -> random.nextInt(1_000_000_000);
            };
            Instant instant = Instant.ofEpochSecond(second, nano);
            ZoneOffset offset = switch (i % 5) {
                case 0 -> ZoneOffset.UTC;
                case 1 -> amsterdam.getRules().getOffset(instant);
                case 2 -> ZoneOffset.ofTotalSeconds(random.nextInt(-18 * 60, 18 * 60 + 1) * 60);
                case 3 -> ZoneOffset.ofTotalSeconds(random.nextInt(-18 * 3600, 18 * 3600 + 1)); // seconds too
                default -> ZoneOffset.ofHoursMinutes(-5, -30);
            };
            same(OffsetDateTime.ofInstant(instant, offset));
        }
        same(OffsetDateTime.MIN);
        same(OffsetDateTime.MAX);
        same(OffsetDateTime.parse("0000-01-01T00:00:00Z"));
        same(OffsetDateTime.parse("9999-12-31T23:59:59.999999999-18:00"));
        same(OffsetDateTime.parse("2027-03-28T03:30:00.100+02:00"));
    }
}
