package nl.marketplace.reviews.score;

import static nl.marketplace.reviews.support.GraphQL.data;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.path.json.JsonPath;
import nl.marketplace.reviews.support.TestClock;
import nl.marketplace.reviews.support.TestData;
import nl.marketplace.reviews.support.TestEnvironment;

@QuarkusTest
@QuarkusTestResource(TestEnvironment.class)
class MonthlyRecordTest {

    @Inject
    ScoreService scores;


    /**
     * The run below records March 2033 for every partner, not only this test's: take those records
     * away again, so that no other test (whatever its order or its instant) reads them.
     */
    @AfterEach
    void forgetTheRecordedMonth() {
        TestData.execute("DELETE FROM partner_monthly_score WHERE month = '2033-03-01'");
    }

    @Test
    void closedMonthsAreRecordedOnceAndReadFromTheRecord() throws Throwable {
        long partner = TestData.partner("Monthly partner");
        ZoneId amsterdam = ZoneId.of("Europe/Amsterdam");
        OffsetDateTime march = LocalDate.of(2033, 3, 10).atStartOfDay(amsterdam).toOffsetDateTime().plusHours(12);
        TestData.review(partner, 9, march);
        TestData.review(partner, 9, march.plusDays(1));
        long late = TestData.review(partner, 8, march.plusDays(2));

        TestClock.set(LocalDate.of(2033, 4, 1).atTime(0, 30).atZone(amsterdam).toInstant());
        int recorded = VertxContextSupport.subscribeAndAwait(() -> scores.recordPreviousMonth());
        assertEquals(TestData.count("SELECT count(*) FROM partner"), recorded); // every partner, reviews or not
        assertEquals(0, (int) VertxContextSupport.subscribeAndAwait(() -> scores.recordPreviousMonth()), "a second run changes nothing");
        assertEquals(1, TestData.count("SELECT count(*) FROM partner_monthly_score WHERE partner_id = " + partner
                + " AND month = '2033-03-01' AND review_count = 3 AND overall_sum = 26"));

        String query = "query($p: ID!) { partnerScore(partnerId: $p, asOf: \"2033-04-15T12:00:00Z\") { monthly(last: 2) { month average reviewCount topPerformance } } }";
        List<Map<String, Object>> before = data(query, "p", TestData.partnerId(partner)).getList("data.partnerScore.monthly");
        assertEquals("2033-03-01", before.get(0).get("month"));
        assertEquals(8.7f, ((Number) before.get(0).get("average")).floatValue());
        assertEquals(false, before.get(0).get("topPerformance"));

        // A later change to March (here an exclusion) leaves the recorded month as it was; the live figures move.
        TestData.execute("UPDATE review SET excluded = true WHERE id = " + late);
        JsonPath after = data(query, "p", TestData.partnerId(partner));
        assertEquals(3, after.getInt("data.partnerScore.monthly[0].reviewCount"));
        assertEquals(8.7f, after.getFloat("data.partnerScore.monthly[0].average"));
        JsonPath live = data("query($p: ID!) { partnerScore(partnerId: $p, asOf: \"2033-03-31T12:00:00Z\") { monthly(last: 1) { reviewCount average topPerformance } } }",
                "p", TestData.partnerId(partner));
        assertEquals(2, live.getInt("data.partnerScore.monthly[0].reviewCount"));
        assertEquals(true, live.getBoolean("data.partnerScore.monthly[0].topPerformance"));
    }
}
