package nl.marketplace.reviews.rereview;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import nl.marketplace.reviews.api.Operations;
import nl.marketplace.reviews.support.GraphQL;
import nl.marketplace.reviews.support.TestClock;
import nl.marketplace.reviews.support.TestData;
import nl.marketplace.reviews.support.TestEnvironment;
import nl.marketplace.reviews.support.Tokens;

/**
 * An Int is an Int (graphql.StrictScalars): a non-integral number, a string or a number out of
 * range is refused before anything runs, so a refused submission never spends the customer's token.
 */
@QuarkusTest
@QuarkusTestResource(TestEnvironment.class)
class StrictIntTest {

    private static JsonPath submit(String token, Object overall) {
        Map<String, Object> input = new HashMap<>();
        input.put("token", token);
        input.put("overall", overall);
        return GraphQL.postAs(null, Operations.read("SubmitReReview"), "input", input);
    }

    @Test
    void aScoreThatIsNoIntIsRefusedAndTheTokenStaysUnspent() {
        long partner = TestData.partner("Strict int partner");
        String email = TestData.email();
        long review = TestData.review(partner, 3, TestClock.now().minusDays(1), email, "nl");
        String token = ReReviewFlow.tokenFromMail(Tokens.partner(partner), review, email);
        for (Object bad : List.<Object>of(8.5, "8", 2147483648L, true, List.of(8))) {
            JsonPath answer = submit(token, bad);
            assertNotNull(answer.get("errors"), bad + ": " + answer.prettify());
            assertNull(answer.get("data.submitReReview"), bad + ": " + answer.prettify());
            assertEquals(0, TestData.count("SELECT count(*) FROM revision WHERE review_id = " + review), bad.toString());
            assertEquals(0, TestData.count("SELECT count(*) FROM re_review_request WHERE review_id = " + review
                    + " AND completed_at IS NOT NULL"), bad.toString());
        }
        JsonPath good = submit(token, 8);
        assertNull(good.get("errors"), good.prettify());
        assertEquals(8, good.getInt("data.submitReReview.revision.overall"));
    }

    @Test
    void anIntArgumentTakesIntsOnly() {
        String query = "query($f: Int) { reviews(partnerId: \"UGFydG5lcjox\", first: $f) { totalCount } }";
        for (Object bad : List.<Object>of("10", 10.5, 1e10)) {
            assertNotNull(GraphQL.post(query, "f", bad).get("errors"), bad.toString());
        }
        assertNull(GraphQL.post(query, "f", 10).get("errors"));
        assertNotNull(GraphQL.post("{ reviews(partnerId: \"UGFydG5lcjox\", first: \"10\") { totalCount } }").get("errors"));
        assertNotNull(GraphQL.post("{ reviews(partnerId: \"UGFydG5lcjox\", first: 10.5) { totalCount } }").get("errors"));
        assertNotNull(GraphQL.post("{ reviews(partnerId: \"UGFydG5lcjox\", first: 4294967306) { totalCount } }").get("errors"));
        assertNull(GraphQL.post("{ reviews(partnerId: \"UGFydG5lcjox\", first: 10) { totalCount } }").get("errors"));
        assertNull(GraphQL.post("{ reviews(partnerId: \"UGFydG5lcjox\") { totalCount } }").get("errors"), "the default of first");
    }
}
