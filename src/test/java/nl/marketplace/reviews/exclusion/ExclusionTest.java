package nl.marketplace.reviews.exclusion;

import static nl.marketplace.reviews.support.GraphQL.data;
import static nl.marketplace.reviews.support.GraphQL.dataAs;
import static nl.marketplace.reviews.support.GraphQL.errorCodes;
import static nl.marketplace.reviews.support.GraphQL.postAs;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import nl.marketplace.reviews.api.Operations;
import nl.marketplace.reviews.support.TestClock;
import nl.marketplace.reviews.support.TestData;
import nl.marketplace.reviews.support.TestEnvironment;
import nl.marketplace.reviews.support.Tokens;

@QuarkusTest
@QuarkusTestResource(TestEnvironment.class)
class ExclusionTest {

    private static final String SCORE = """
            query($p: ID!) { partnerScore(partnerId: $p) { overall reviewCount negativeCount positivePercentage
              subScores { deliveryTime { count } } monthly(last: 2) { reviewCount } } }""";

    private static JsonPath request(String token, long review, String reason, String text) {
        return dataAs(token, Operations.read("RequestExclusion"), "input",
                Map.of("reviewId", TestData.reviewId(review), "reason", reason, "text", text));
    }

    private static JsonPath decide(String exclusionId, String decision, String note) {
        return dataAs(Tokens.admin(), Operations.read("DecideExclusion"), "input",
                Map.of("exclusionId", exclusionId, "decision", decision, "note", note));
    }

    @Test
    void anApprovedExclusionCountsNowhereAndEveryDecisionIsKept() {
        long partner = TestData.partner("Excluding partner");
        String token = Tokens.partner(partner);
        OffsetDateTime now = TestClock.now();
        TestData.review(partner, 9, 9, null, null, null, now.minusDays(2));
        TestData.review(partner, 10, now.minusDays(3));
        long carrier = TestData.review(partner, 2, 1, null, null, null, now.minusDays(1));
        String partnerId = TestData.partnerId(partner);
        assertEquals(7.0, data(SCORE, "p", partnerId).getDouble("data.partnerScore.overall"));

        JsonPath asked = request(token, carrier, "CARRIER", "De vervoerder verloor het pakket");
        assertEquals(List.of(), asked.getList("data.requestExclusion.userErrors"));
        assertNull(asked.get("data.requestExclusion.exclusion.decision"));
        String exclusionId = asked.getString("data.requestExclusion.exclusion.id");
        // While open, the review keeps counting; a second request waits for the decision.
        assertEquals(7.0, data(SCORE, "p", partnerId).getDouble("data.partnerScore.overall"));
        assertEquals(List.of("OPEN_REQUEST"), request(token, carrier, "OTHER", "Nog een").getList("data.requestExclusion.userErrors.code"));

        JsonPath rejected = decide(exclusionId, "REJECTED", "Geen bewijs");
        assertEquals("REJECTED", rejected.getString("data.decideExclusion.exclusion.decision"));
        assertEquals("admin", rejected.getString("data.decideExclusion.exclusion.decidedBy"));
        assertEquals(List.of("ALREADY_DECIDED"), decide(exclusionId, "APPROVED", "Toch").getList("data.decideExclusion.userErrors.code"));
        // The same reason again is refused; a new reason may be given.
        assertEquals(List.of("NEW_REASON_REQUIRED"), request(token, carrier, "CARRIER", "Echt!").getList("data.requestExclusion.userErrors.code"));
        String second = request(token, carrier, "ABUSIVE", "Scheldwoorden in de tekst").getString("data.requestExclusion.exclusion.id");

        JsonPath approved = decide(second, "APPROVED", "Akkoord");
        assertEquals(true, approved.getBoolean("data.decideExclusion.review.excluded"));
        JsonPath score = data(SCORE, "p", partnerId);
        assertEquals(9.5, score.getDouble("data.partnerScore.overall"));
        assertEquals(2, score.getInt("data.partnerScore.reviewCount"));
        assertEquals(0, score.getInt("data.partnerScore.negativeCount"));
        assertEquals(100, score.getInt("data.partnerScore.positivePercentage"));
        assertEquals(1, score.getInt("data.partnerScore.subScores.deliveryTime.count"));
        // The reviews are 1 to 3 days old: on the first days of a month they span this month and the last.
        assertEquals(2, score.<Integer>getList("data.partnerScore.monthly.reviewCount").stream().mapToInt(Integer::intValue).sum());

        // Still visible, marked; the history is the partner's.
        assertEquals(true, data("query($id: ID!) { review(id: $id) { excluded } }", "id", TestData.reviewId(carrier))
                .getBoolean("data.review.excluded"));
        JsonPath history = dataAs(token, "query($id: ID!) { review(id: $id) { exclusions { reason decision decisionNote requestedBy } } }",
                "id", TestData.reviewId(carrier));
        assertEquals(List.of("ABUSIVE", "CARRIER"), history.getList("data.review.exclusions.reason"));
        assertEquals(List.of("APPROVED", "REJECTED"), history.getList("data.review.exclusions.decision"));
        assertEquals(List.of("Akkoord", "Geen bewijs"), history.getList("data.review.exclusions.decisionNote"));
        assertEquals(List.of("ALREADY_EXCLUDED"), request(token, carrier, "FRAUD", "Nep").getList("data.requestExclusion.userErrors.code"));
    }

    @Test
    void onlyTheReviewsPartnerAsksAndOnlyAnAdminDecides() {
        long partner = TestData.partner("Careful partner");
        long other = TestData.partner("Meddling partner");
        long review = TestData.review(partner, 3, TestClock.now().minusDays(1));
        for (String caller : new String[] { Tokens.partner(other), null }) {
            assertEquals(List.of("FORBIDDEN"), errorCodes(postAs(caller, Operations.read("RequestExclusion"), "input",
                    Map.of("reviewId", TestData.reviewId(review), "reason", "OTHER", "text", "Weg ermee"))));
            assertEquals(List.of("FORBIDDEN"), errorCodes(postAs(caller, "query($id: ID!) { review(id: $id) { exclusions { reason } } }",
                    "id", TestData.reviewId(review))));
        }
        String id = request(Tokens.partner(partner), review, "PLATFORM", "Platformfout").getString("data.requestExclusion.exclusion.id");
        for (String caller : new String[] { Tokens.partner(partner), Tokens.partner(other), null }) {
            assertEquals(List.of("FORBIDDEN"), errorCodes(postAs(caller, Operations.read("DecideExclusion"), "input",
                    Map.of("exclusionId", id, "decision", "APPROVED"))));
        }
        assertEquals(0, TestData.count("SELECT count(*) FROM review_exclusion WHERE decision IS NOT NULL AND review_id = " + review));
        assertEquals(List.of("INVALID"), request(Tokens.partner(partner), TestData.review(partner, 4, TestClock.now()), "OTHER", " ")
                .getList("data.requestExclusion.userErrors.code"));
        assertEquals(List.of("NOT_FOUND"), dataAs(Tokens.admin(), Operations.read("DecideExclusion"), "input",
                Map.of("exclusionId", "nope", "decision", "APPROVED")).getList("data.decideExclusion.userErrors.code"));
    }
}
