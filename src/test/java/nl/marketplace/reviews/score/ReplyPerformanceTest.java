package nl.marketplace.reviews.score;

import static nl.marketplace.reviews.support.GraphQL.data;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import nl.marketplace.reviews.support.CalendarOracle;
import nl.marketplace.reviews.support.TestClock;
import nl.marketplace.reviews.support.TestData;
import nl.marketplace.reviews.support.TestEnvironment;

/**
 * Reply rate and speed (PartnerScore.replies and monthlyReplies) against a from-scratch computation
 * over the raw rows with the calendar of support.CalendarOracle (java.util, no code shared with the
 * service), at instants around the end of February and of March 2028 and the DST change of
 * 26 March 2028, for a partner with a full window and one that falls back to all reviews.
 */
@QuarkusTest
@QuarkusTestResource(TestEnvironment.class)
class ReplyPerformanceTest {

    private static final String FIGURES = "reviewCount repliedCount replyPercentage negativeReviewCount negativeRepliedCount "
            + "negativeReplyPercentage medianReplySeconds";
    private static final String SCORE = """
            query($p: ID!, $asOf: DateTime) {
              partner(id: $p) { score(asOf: $asOf) { method replies { %s } monthlyReplies { month replies { %s } } } }
            }""".formatted(FIGURES, FIGURES);
    /** Negative: 1-5 (reviews.classes.neutral-from 6). */
    private static final int NEGATIVE_AT_MOST = 5;

    static long busy;
    static long quiet;

    /** A review's raw rows, as the oracle reads them. */
    record Row(Instant created, int overall, boolean excluded, Instant replied) {
    }

    @BeforeAll
    static void reviewsAndReplies() {
        busy = TestData.partner("Busy replier");
        // Four reviews a day from 1 January to 10 April 2028 at hours that fall on another day in UTC
        // than in Amsterdam (22:30 and 23:30 UTC), replied after 20 minutes to 5 days, or never (-1);
        // every 23rd excluded. In bulk: one statement each.
        String given = "SELECT n, 'RP-" + busy + "-' || n AS number, at FROM (SELECT row_number() OVER (ORDER BY at) - 1 AS n, at "
                + "FROM generate_series(timestamptz '2028-01-01 00:30Z', '2028-04-10 23:30Z', interval '1 hour') at "
                + "WHERE extract(hour FROM at AT TIME ZONE 'UTC') IN (1, 9, 22, 23)) g";
        TestData.execute("INSERT INTO customer_order (order_number, partner_id, customer_id, customer_first_name, customer_city, "
                + "customer_email, review_opt_in, expected_delivery_date, customer_locale) SELECT number, " + busy + ", 'C-' || number, "
                + "'Jenny', 'Enschede', 'jenny@example.com', true, date '2027-12-31', 'nl' FROM (" + given + ") g");
        TestData.execute("INSERT INTO review (partner_id, order_id, overall, original_overall, anonymous, author_name, excluded, created_at) "
                + "SELECT " + busy + ", o.id, 1 + (n * 7) % 10, 1 + (n * 7) % 10, false, 'Jenny uit Enschede', n % 23 = 0, at "
                + "FROM (" + given + ") g JOIN customer_order o ON o.order_number = g.number");
        TestData.execute("INSERT INTO reply (review_id, text, created_at, updated_at) SELECT r.id, 'Dank je wel', at + m * interval '1 minute', "
                + "at + m * interval '1 minute' FROM (" + given + ") g JOIN customer_order o ON o.order_number = g.number "
                + "JOIN review r ON r.order_id = o.id CROSS JOIN LATERAL (SELECT (ARRAY[20, 1380, 1500, 4327, -1, 7200, 90, -1, 2820])[1 + n % 9] AS m) d "
                + "WHERE m >= 0");
        // Fewer than 5 reviews in any window: the figures are over all reviews up to the day.
        quiet = TestData.partner("Quiet replier");
        List<String> quietGiven = List.of("2027-10-31T23:10:00Z", "2027-11-30T23:10:00Z", "2028-02-29T23:10:00Z");
        for (int i = 0; i < quietGiven.size(); i++) {
            OffsetDateTime at = OffsetDateTime.parse(quietGiven.get(i));
            long review = TestData.review(quiet, 2 + 3 * i, at);
            if (i != 1) {
                reply(review, at.plusHours(30));
            }
        }
    }

    private static void reply(long review, OffsetDateTime at) {
        TestData.execute("INSERT INTO reply (review_id, text, created_at, updated_at) VALUES (" + review + ", 'Dank je wel', "
                + TestData.timestamp(at) + ", " + TestData.timestamp(at) + ")");
    }

    private static List<Row> rows(long partner) {
        try (Connection c = TestEnvironment.connect(); PreparedStatement st = c.prepareStatement(
                "SELECT r.created_at, r.overall, r.excluded, y.created_at AS replied FROM review r LEFT JOIN reply y ON y.review_id = r.id "
                        + "WHERE r.partner_id = ?")) {
            st.setLong(1, partner);
            List<Row> rows = new ArrayList<>();
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    rows.add(new Row(rs.getTimestamp(1).toInstant(), rs.getInt(2), rs.getBoolean(3),
                            rs.getTimestamp(4) == null ? null : rs.getTimestamp(4).toInstant()));
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The figures over the non-excluded reviews given in [from, to), replies given before the end of
     * the score's day, as the README states the rule.
     */
    private static Map<String, Object> oracle(List<Row> rows, Instant from, Instant to, Instant dayEnd, Instant countUnansweredBefore) {
        long counted = 0, replied = 0, negative = 0, negativeReplied = 0;
        List<Long> delays = new ArrayList<>();
        for (Row r : rows) {
            if (r.excluded() || r.created().isBefore(from) || !r.created().isBefore(to)) {
                continue;
            }
            boolean hasReply = r.replied() != null && r.replied().isBefore(dayEnd);
            if (!hasReply && !r.created().isBefore(countUnansweredBefore)) {
                continue;
            }
            counted++;
            boolean isNegative = r.overall() <= NEGATIVE_AT_MOST;
            negative += isNegative ? 1 : 0;
            if (hasReply) {
                replied++;
                negativeReplied += isNegative ? 1 : 0;
                delays.add(r.replied().toEpochMilli() - r.created().toEpochMilli());
            }
        }
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("reviewCount", (int) counted);
        f.put("repliedCount", (int) replied);
        f.put("replyPercentage", percentage(replied, counted));
        f.put("negativeReviewCount", (int) negative);
        f.put("negativeRepliedCount", (int) negativeReplied);
        f.put("negativeReplyPercentage", percentage(negativeReplied, negative));
        f.put("medianReplySeconds", median(delays));
        return f;
    }

    private static Integer percentage(long part, long whole) {
        return whole == 0 ? null : (int) ((part * 200 + whole) / (2 * whole));
    }

    private static Integer median(List<Long> millis) {
        if (millis.isEmpty()) {
            return null;
        }
        millis.sort(null);
        int n = millis.size();
        BigDecimal middle = n % 2 == 1 ? BigDecimal.valueOf(millis.get(n / 2))
                : BigDecimal.valueOf(millis.get(n / 2 - 1) + millis.get(n / 2)).divide(BigDecimal.valueOf(2));
        return middle.divide(BigDecimal.valueOf(1000), 0, RoundingMode.HALF_UP).intValueExact();
    }

    /** The figures in the oracle's order (GPath is slow: the answer is read into maps once). */
    private static Map<String, Object> figures(Map<String, Object> replies) {
        Map<String, Object> f = new LinkedHashMap<>();
        for (String field : FIGURES.split(" ")) {
            f.put(field, replies.get(field));
        }
        return f;
    }

    /** Compares the service with the oracle at the instant; returns the window's reviewCount. */
    @SuppressWarnings("unchecked")
    private static int check(long partner, List<Row> rows, Instant asOf) {
        Map<String, Object> score = data(SCORE, "p", TestData.partnerId(partner), "asOf", asOf.toString()).getMap("data.partner.score");
        LocalDate day = CalendarOracle.day(asOf);
        Instant end = CalendarOracle.startOfDay(CalendarOracle.plusDays(day, 1));
        Instant windowStart = CalendarOracle.startOfDay(CalendarOracle.plusDays(CalendarOracle.plusMonths(day, -3), 1));
        Instant countUnansweredBefore = CalendarOracle.startOfDay(CalendarOracle.plusDays(day, -1));
        long inWindow = rows.stream().filter(r -> !r.excluded() && !r.created().isBefore(windowStart) && r.created().isBefore(end)).count();
        boolean all = inWindow < 5;
        assertEquals(all ? "ALL_REVIEWS" : "LAST_3_MONTHS", score.get("method"), asOf::toString);
        Map<String, Object> expected = oracle(rows, all ? Instant.EPOCH : windowStart, end, end, countUnansweredBefore);
        assertEquals(expected, figures((Map<String, Object>) score.get("replies")), () -> "window at " + asOf);
        List<Map<String, Object>> monthly = (List<Map<String, Object>>) score.get("monthlyReplies");
        LocalDate month = LocalDate.of(day.getYear(), day.getMonth(), 1);
        for (int i = 0; i < 12; i++) {
            LocalDate m = CalendarOracle.plusMonths(month, i - 11);
            Instant from = CalendarOracle.startOfDay(m);
            Instant to = i == 11 ? end : CalendarOracle.startOfDay(CalendarOracle.plusMonths(m, 1));
            assertEquals(m.toString(), monthly.get(i).get("month"));
            assertEquals(oracle(rows, from, to, end, countUnansweredBefore), figures((Map<String, Object>) monthly.get(i).get("replies")),
                    () -> m + " at " + asOf);
        }
        return (int) expected.get("reviewCount");
    }

    @Test
    void matchesAFromScratchCountAroundMonthEndsAndTheDstChange() {
        List<Row> busyRows = rows(busy);
        List<Row> quietRows = rows(quiet);
        int checked = 0;
        for (Instant at : CalendarOracle.instants()) {
            boolean near = at.isAfter(Instant.parse("2028-02-26T00:00:00Z")) && at.isBefore(Instant.parse("2028-04-03T00:00:00Z"));
            // Every third instant (each half hour is tried by some hour of the day over the days).
            if (near && (at.getEpochSecond() / 1800) % 3 == 0) {
                assertTrue(check(busy, busyRows, at) > 100);
                check(quiet, quietRows, at);
                checked++;
            }
        }
        assertTrue(checked > 100, "instants checked: " + checked);
    }

    @Test
    void aReplyChangesTheFiguresInTheVeryNextRequest() {
        TestClock.set(Instant.parse("2028-03-15T10:00:00Z"));
        long partner = TestData.partner("Replier now");
        long review = TestData.review(partner, 3, OffsetDateTime.parse("2028-03-10T10:00:00Z"));
        JsonPath before = data(SCORE, "p", TestData.partnerId(partner));
        assertEquals(0, before.getInt("data.partner.score.replies.repliedCount"));
        assertEquals(0, before.getInt("data.partner.score.replies.replyPercentage"));
        reply(review, OffsetDateTime.parse("2028-03-11T10:00:00Z"));
        JsonPath after = data(SCORE, "p", TestData.partnerId(partner));
        assertEquals(100, after.getInt("data.partner.score.replies.negativeReplyPercentage"));
        assertEquals(24 * 3600, after.getInt("data.partner.score.replies.medianReplySeconds"));
        assertEquals(1, after.getInt("data.partner.score.monthlyReplies[11].replies.repliedCount"));
        assertNotEquals(before.prettify(), after.prettify());
    }

    @Test
    void aFreshUnansweredReviewDoesNotCountUntilTheSecondDay() {
        long partner = TestData.partner("New review");
        TestData.review(partner, 2, OffsetDateTime.parse("2028-03-14T22:30:00Z")); // 14 March, 23:30 in Amsterdam
        for (String now : List.of("2028-03-14T23:00:00Z", "2028-03-15T22:59:00Z")) {
            TestClock.set(Instant.parse(now));
            assertEquals(0, data(SCORE, "p", TestData.partnerId(partner)).getInt("data.partner.score.replies.reviewCount"), now);
        }
        TestClock.set(Instant.parse("2028-03-15T23:00:00Z")); // 16 March in Amsterdam
        JsonPath counted = data(SCORE, "p", TestData.partnerId(partner));
        assertEquals(1, counted.getInt("data.partner.score.replies.reviewCount"));
        assertEquals(0, counted.getInt("data.partner.score.replies.replyPercentage"));
    }
}
