package nl.marketplace.reviews.score;

import static nl.marketplace.reviews.support.GraphQL.data;
import static nl.marketplace.reviews.support.GraphQL.errorCodes;
import static nl.marketplace.reviews.support.GraphQL.post;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import nl.marketplace.reviews.support.TestData;
import nl.marketplace.reviews.support.TestEnvironment;

@QuarkusTest
@QuarkusTestResource(TestEnvironment.class)
class PartnerScoreTest {

    private static final String SCORE = """
            query($p: ID!, $asOf: DateTime) { partnerScore(partnerId: $p, asOf: $asOf) {
              partnerId overall method fewerThanFiveReviews reviewCount positiveCount neutralCount negativeCount
              positivePercentage approvalPercentage meetsStandard windowStart windowEnd
              subScores { deliveryTime { average count } productInformation { average count }
                          delivery { average count } contact { average count } }
              monthly(last: 4) { month average reviewCount topPerformance }
            } }""";

    private static OffsetDateTime at(int year, int month, int day) {
        return OffsetDateTime.of(year, month, day, 12, 0, 0, 0, ZoneOffset.UTC);
    }

    @Test
    void theSeedPageScoreWithJennysRevision() {
        long p = TestData.partner("Seed partner");
        TestData.review(p, 10, 10, 10, 10, null, at(2022, 4, 2));
        long jenny = TestData.review(p, 4, 1, 7, 6, null, at(2022, 4, 12));
        JsonPath before = data(SCORE, "p", TestData.partnerId(p), "asOf", "2022-04-14T10:00:00Z");
        assertEquals(7.0, before.getDouble("data.partnerScore.overall"));
        assertEquals(1, before.getInt("data.partnerScore.negativeCount"));

        TestData.revise(jenny, 8, "Is intussen goed opgelost en uitgelegd", at(2022, 4, 15));
        JsonPath s = data(SCORE, "p", TestData.partnerId(p), "asOf", "2022-04-20T10:00:00Z");
        assertEquals(9.0, s.getDouble("data.partnerScore.overall"));
        assertEquals("ALL_REVIEWS", s.getString("data.partnerScore.method"));
        assertTrue(s.getBoolean("data.partnerScore.fewerThanFiveReviews"));
        assertEquals(2, s.getInt("data.partnerScore.reviewCount"));
        assertEquals(100, s.getInt("data.partnerScore.positivePercentage"));
        assertEquals(100, s.getInt("data.partnerScore.approvalPercentage"));
        // Sub-scores never change with a revision: levertijd (10 + 1) / 2.
        assertEquals(5.5, s.getDouble("data.partnerScore.subScores.deliveryTime.average"));
        assertEquals(8.5, s.getDouble("data.partnerScore.subScores.productInformation.average"));
        assertEquals(8.0, s.getDouble("data.partnerScore.subScores.delivery.average"));
        assertNull(s.get("data.partnerScore.subScores.contact.average"));
        assertEquals(0, s.getInt("data.partnerScore.subScores.contact.count"));
        assertEquals("2022-01-21T00:00:00+01:00", s.getString("data.partnerScore.windowStart"));
        assertEquals("2022-04-21T00:00:00+02:00", s.getString("data.partnerScore.windowEnd"));
        List<Map<String, Object>> monthly = s.getList("data.partnerScore.monthly");
        assertEquals("2022-04-01", monthly.get(3).get("month"));
        assertEquals(9.0f, ((Number) monthly.get(3).get("average")).floatValue());
        assertEquals(true, monthly.get(3).get("topPerformance"));
        assertEquals(0, monthly.get(0).get("reviewCount"));
        assertNull(monthly.get(0).get("average"));
    }

    @Test
    void fiveReviewsInTheWindowUseTheWindowAndClassesCount() {
        long p = TestData.partner("Window partner");
        TestData.review(p, 2, at(2025, 1, 10)); // outside the window
        int[] recent = { 10, 9, 8, 7, 6, 5 };
        for (int i = 0; i < recent.length; i++) {
            TestData.review(p, recent[i], 9, null, null, i == 0 ? 10 : null, at(2025, 5, 1 + i));
        }
        JsonPath s = data(SCORE, "p", TestData.partnerId(p), "asOf", "2025-06-15T12:00:00Z");
        assertEquals("LAST_3_MONTHS", s.getString("data.partnerScore.method"));
        assertEquals(false, s.getBoolean("data.partnerScore.fewerThanFiveReviews"));
        assertEquals(6, s.getInt("data.partnerScore.reviewCount"));
        assertEquals(7.5, s.getDouble("data.partnerScore.overall"));
        assertEquals(3, s.getInt("data.partnerScore.positiveCount"));
        assertEquals(2, s.getInt("data.partnerScore.neutralCount"));
        assertEquals(1, s.getInt("data.partnerScore.negativeCount"));
        assertEquals(50, s.getInt("data.partnerScore.positivePercentage"));
        assertEquals(83, s.getInt("data.partnerScore.approvalPercentage"));
        assertEquals(false, s.getBoolean("data.partnerScore.meetsStandard"));
        assertEquals(10.0, s.getDouble("data.partnerScore.subScores.contact.average"));
        assertEquals(1, s.getInt("data.partnerScore.subScores.contact.count"));

        // Months later the same reviews are out of the window: all reviews count, the old 2 too.
        JsonPath later = data(SCORE, "p", TestData.partnerId(p), "asOf", "2025-12-01T12:00:00Z");
        assertEquals("ALL_REVIEWS", later.getString("data.partnerScore.method"));
        assertEquals(7, later.getInt("data.partnerScore.reviewCount"));
        assertEquals(6.7, later.getDouble("data.partnerScore.overall"));
    }

    @Test
    void aPartnerWithoutReviewsHasNoAverages() {
        long p = TestData.partner("Quiet partner");
        JsonPath s = data(SCORE, "p", TestData.partnerId(p));
        assertNull(s.get("data.partnerScore.overall"));
        assertNull(s.get("data.partnerScore.positivePercentage"));
        assertNull(s.get("data.partnerScore.meetsStandard"));
        assertEquals(0, s.getInt("data.partnerScore.reviewCount"));
        assertEquals("ALL_REVIEWS", s.getString("data.partnerScore.method"));
        assertEquals(4, s.getList("data.partnerScore.monthly").size());
    }

    @Test
    void scoresOfManyPartnersInTheirOrderAndAliasesWithTheirOwnAsOf() {
        long a = TestData.partner("A");
        long b = TestData.partner("B");
        TestData.review(a, 10, at(2024, 3, 1));
        TestData.review(b, 4, at(2024, 3, 1));
        TestData.review(b, 6, at(2024, 9, 1));
        JsonPath many = data("query($ids: [String!]!) { partnerScores(partnerIds: $ids, asOf: \"2024-10-01T00:00:00Z\") { partnerId overall } }",
                "ids", List.of(TestData.partnerId(b), TestData.partnerId(a)));
        assertEquals(List.of(TestData.partnerId(b), TestData.partnerId(a)), many.getList("data.partnerScores.partnerId"));
        assertEquals(List.of(5.0f, 10.0f), many.getList("data.partnerScores.overall", Float.class));

        JsonPath aliases = data("""
                query($id: ID!) { partner(id: $id) {
                  early: score(asOf: "2024-03-15T00:00:00Z") { overall reviewCount monthly(last: 1) { month } }
                  late: score(asOf: "2024-10-01T00:00:00Z") { overall reviewCount monthly(last: 2) { month } }
                } }""", "id", TestData.partnerId(b));
        assertEquals(4.0, aliases.getDouble("data.partner.early.overall"));
        assertEquals(1, aliases.getInt("data.partner.early.reviewCount"));
        assertEquals(List.of("2024-03-01"), aliases.getList("data.partner.early.monthly.month"));
        assertEquals(5.0, aliases.getDouble("data.partner.late.overall"));
        assertEquals(List.of("2024-09-01", "2024-10-01"), aliases.getList("data.partner.late.monthly.month"));

        JsonPath unknown = post("query($ids: [String!]!) { partnerScores(partnerIds: $ids) { overall } }",
                "ids", List.of(TestData.partnerId(a), TestData.partnerId(99999999L)));
        assertEquals(List.of("NOT_FOUND"), errorCodes(unknown));
        assertEquals(List.of("BAD_USER_INPUT"), errorCodes(post("{ partnerScores(partnerIds: []) { overall } }")));
        assertEquals(List.of("BAD_USER_INPUT"), errorCodes(post("query($id: ID!) { partnerScore(partnerId: $id) { monthly(last: 0) { month } } }",
                "id", TestData.partnerId(a))));
    }

    /**
     * The aggregates that the database keeps give the same answer as a computation over the raw
     * reviews, on generated data with revisions, for several days.
     */
    @Test
    void aggregatesEqualAFromScratchComputation() throws Exception {
        List<Long> partners = new ArrayList<>();
        try (Connection c = TestEnvironment.connect(); var st = c.createStatement()) {
            c.setAutoCommit(false);
            st.execute(new String(getClass().getClassLoader().getResourceAsStream("demo/generate-reviews.sql").readAllBytes()));
            st.execute("SELECT pg_temp.generate_reviews(6, 150, '2025-06-30 12:00+00', 'scratch')");
            c.commit();
            try (ResultSet rs = st.executeQuery("SELECT id FROM partner WHERE name LIKE 'scratch %' ORDER BY id")) {
                while (rs.next()) {
                    partners.add(rs.getLong(1));
                }
            }
            // Later revisions of some reviews move their counting score once more.
            st.executeUpdate("WITH v AS (INSERT INTO revision (review_id, overall, previous_overall, created_at) "
                    + "SELECT r.id, 1 + (r.id % 10), r.overall, r.created_at + interval '10 days' FROM review r "
                    + "JOIN partner p ON p.id = r.partner_id WHERE p.name LIKE 'scratch %' AND r.id % 13 = 0 RETURNING review_id, overall) "
                    + "UPDATE review r SET overall = v.overall FROM v WHERE r.id = v.review_id");
            c.commit();
        }
        assertEquals(6, partners.size());
        List<String> ids = partners.stream().map(TestData::partnerId).toList();
        for (LocalDate day : List.of(LocalDate.of(2025, 6, 30), LocalDate.of(2025, 3, 3), LocalDate.of(2024, 5, 1))) {
            JsonPath api = data("""
                    query($ids: [String!]!, $asOf: DateTime) { partnerScores(partnerIds: $ids, asOf: $asOf) {
                      overall method reviewCount positiveCount neutralCount negativeCount
                      subScores { deliveryTime { average count } contact { average count } }
                      monthly(last: 3) { average reviewCount }
                    } }""", "ids", ids, "asOf", day + "T21:00:00Z");
            for (int i = 0; i < partners.size(); i++) {
                Map<String, Object> expected = fromScratch(partners.get(i), day);
                String at = "data.partnerScores[" + i + "].";
                String where = "partner " + i + " on " + day;
                assertEquals(expected.get("method"), api.getString(at + "method"), where);
                assertEquals(expected.get("n"), api.getInt(at + "reviewCount"), where);
                assertEquals(expected.get("overall"), api.getDouble(at + "overall"), where);
                assertEquals(expected.get("positive"), api.getInt(at + "positiveCount"), where);
                assertEquals(expected.get("neutral"), api.getInt(at + "neutralCount"), where);
                assertEquals(expected.get("negative"), api.getInt(at + "negativeCount"), where);
                assertEquals(expected.get("dt"), api.get(at + "subScores.deliveryTime.average") == null ? null
                        : api.getDouble(at + "subScores.deliveryTime.average"), where);
                assertEquals(expected.get("dtCount"), api.getInt(at + "subScores.deliveryTime.count"), where);
                assertEquals(expected.get("contactCount"), api.getInt(at + "subScores.contact.count"), where);
                assertEquals(expected.get("monthCount"), api.getInt(at + "monthly[2].reviewCount"), where);
            }
        }
    }

    /** The score of one partner as of the end of a day, straight from the reviews table. */
    private static Map<String, Object> fromScratch(long partner, LocalDate day) throws Exception {
        String sql = """
                WITH r AS (SELECT overall, delivery_time, contact,
                                  (created_at AT TIME ZONE 'Europe/Amsterdam')::date AS d
                           FROM review WHERE partner_id = ? AND NOT excluded),
                w AS (SELECT count(*) AS n FROM r WHERE d > (?::date - interval '3 months') AND d <= ?::date),
                used AS (SELECT r.* FROM r, w WHERE d <= ?::date
                         AND (w.n < 5 OR d > (?::date - interval '3 months')))
                SELECT (SELECT n FROM w) AS window_n, count(*) AS n,
                       round(avg(overall), 1) AS overall,
                       count(*) FILTER (WHERE overall >= 8) AS positive,
                       count(*) FILTER (WHERE overall BETWEEN 6 AND 7) AS neutral,
                       count(*) FILTER (WHERE overall <= 5) AS negative,
                       round(avg(delivery_time), 1) AS dt, count(delivery_time) AS dt_count,
                       count(contact) AS contact_count,
                       (SELECT count(*) FROM r WHERE date_trunc('month', d) = date_trunc('month', ?::date) AND d <= ?::date) AS month_n
                FROM used""";
        try (Connection c = TestEnvironment.connect(); PreparedStatement st = c.prepareStatement(sql)) {
            st.setLong(1, partner);
            for (int i = 2; i <= 7; i++) {
                st.setObject(i, day);
            }
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                // PostgreSQL's round() on numeric rounds half away from zero: half-up for scores.
                return new java.util.HashMap<>(Map.of(
                        "method", rs.getLong("window_n") < 5 ? "ALL_REVIEWS" : "LAST_3_MONTHS",
                        "n", rs.getInt("n"),
                        "overall", rs.getBigDecimal("overall").doubleValue(),
                        "positive", rs.getInt("positive"),
                        "neutral", rs.getInt("neutral"),
                        "negative", rs.getInt("negative"),
                        "dtCount", rs.getInt("dt_count"),
                        "contactCount", rs.getInt("contact_count"),
                        "monthCount", rs.getInt("month_n"))) {
                    {
                        put("dt", rs.getBigDecimal("dt") == null ? null : rs.getBigDecimal("dt").doubleValue());
                    }
                };
            }
        }
    }
}
