package nl.marketplace.reviews.api;

import static nl.marketplace.reviews.support.GraphQL.dataAs;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import nl.marketplace.reviews.graphql.GlobalId;
import nl.marketplace.reviews.support.GraphQL;
import nl.marketplace.reviews.support.TestClock;
import nl.marketplace.reviews.support.TestData;
import nl.marketplace.reviews.support.TestEnvironment;
import nl.marketplace.reviews.support.Tokens;

/**
 * The traps client teams met (issue 20), each with its new behaviour: a shared fragment with private
 * fields answers a public page without errors, one unknown id leaves the rest of a list, every object
 * a normalized cache sees twice has one id, and the page learns who it is for from the API.
 */
@QuarkusTest
@QuarkusTestResource(TestEnvironment.class)
class ClientCachesAndFragmentsTest {

    /** One fragment for the shop page and the dashboard, as a client team writes it. */
    private static final String REVIEW_WITH_SELLER_VIEW = """
            query($id: ID!) { review(id: $id) { id overall reply { id text }
              viewerCanReply viewerCanEmailCustomer viewerCanRequestReReview viewerCanRequestExclusion
              sellerView { orderNumber reReview { id status eligible } exclusions { id } customerContacts(first: 5) { totalCount nodes { id message } } } } }""";

    @Test
    void aPublicPageWithTheSellersFragmentAnswersWithoutErrors() {
        long partner = TestData.partner("Fragment partner");
        long review = TestData.review(partner, 4, TestClock.now().minusDays(3));
        TestData.reply(review, "Dank je");
        for (String token : new String[] { null, Tokens.partner(TestData.partner("Fragment stranger")) }) {
            JsonPath answer = GraphQL.postAs(token, REVIEW_WITH_SELLER_VIEW, "id", TestData.reviewId(review));
            assertNull(answer.get("errors"), "no error for a field the caller may not see: " + answer.prettify());
            assertEquals(4, answer.getInt("data.review.overall"), "the public part is there");
            assertEquals("Dank je", answer.getString("data.review.reply.text"));
            assertNull(answer.get("data.review.sellerView"));
            for (String can : List.of("viewerCanReply", "viewerCanEmailCustomer", "viewerCanRequestReReview", "viewerCanRequestExclusion")) {
                assertFalse(answer.getBoolean("data.review." + can), can);
            }
        }
        JsonPath own = dataAs(Tokens.partner(partner), REVIEW_WITH_SELLER_VIEW, "id", TestData.reviewId(review));
        String orderNumber = TestData.string("SELECT o.order_number FROM customer_order o JOIN review r ON r.order_id = o.id WHERE r.id = " + review);
        assertEquals(orderNumber, own.getString("data.review.sellerView.orderNumber"));
        assertEquals("NOT_REQUESTED", own.getString("data.review.sellerView.reReview.status"));
        assertEquals(0, own.getInt("data.review.sellerView.customerContacts.totalCount"));
        assertTrue(own.getBoolean("data.review.viewerCanReply"));
        assertTrue(own.getBoolean("data.review.viewerCanEmailCustomer"));
        assertFalse(own.getBoolean("data.review.viewerCanRequestReReview"), "no mail to the customer yet");
        assertTrue(own.getBoolean("data.review.viewerCanRequestExclusion"));
        // An administrator reads the seller's view but acts in nobody's name.
        JsonPath admin = dataAs(Tokens.admin(), REVIEW_WITH_SELLER_VIEW, "id", TestData.reviewId(review));
        assertEquals(orderNumber, admin.getString("data.review.sellerView.orderNumber"));
        assertFalse(admin.getBoolean("data.review.viewerCanReply"));
    }

    @Test
    void anUnknownIdAmongTenGivesNinePartnersAndOneNull() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            ids.add(TestData.partnerId(TestData.partner("List partner " + i)));
        }
        ids.set(6, GlobalId.encode("Partner", 999_999_999L)); // delisted
        JsonPath answer = GraphQL.data("query($ids: [ID!]!) { partners(ids: $ids) { id name score { id overall partner { id } } } }", "ids", ids);
        List<Map<String, Object>> partners = answer.getList("data.partners");
        assertEquals(10, partners.size());
        for (int i = 0; i < 10; i++) {
            if (i == 6) {
                assertNull(partners.get(i));
            } else {
                assertEquals("List partner " + i, partners.get(i).get("name"));
                assertEquals(ids.get(i), answer.getString("data.partners[" + i + "].score.partner.id"), "PartnerScore leads back to its partner");
            }
        }
        // A malformed id or another type's id is no partner either.
        JsonPath odd = GraphQL.data("query($ids: [ID!]!) { partners(ids: $ids) { name } }", "ids",
                List.of(ids.get(0), "not-an-id", TestData.reviewId(TestData.review(TestData.partner("Odd"), 7, TestClock.now().minusDays(1)))));
        List<Map<String, Object>> found = odd.getList("data.partners");
        assertEquals(3, found.size());
        assertEquals("List partner 0", found.get(0).get("name"));
        assertNull(found.get(1));
        assertNull(found.get(2));
    }

    @Test
    void everyObjectACacheSeesTwiceHasOneId() {
        long partner = TestData.partner("Cache partner");
        long review = TestData.review(partner, 5, TestClock.now().minusDays(2));
        String partnerId = TestData.partnerId(partner);
        // A partner's score has one id, whichever way it is reached: Apollo keeps one copy.
        JsonPath both = GraphQL.data("query($id: ID!) { partnerScore(partnerId: $id) { id overall } partner(id: $id) { score { id overall } } }",
                "id", partnerId);
        String scoreId = both.getString("data.partnerScore.id");
        assertEquals(scoreId, both.getString("data.partner.score.id"));
        // ... and node() fetches it again.
        assertEquals(both.getFloat("data.partnerScore.overall"), GraphQL.data("query($id: ID!) { node(id: $id) { ... on PartnerScore { overall } } }",
                "id", scoreId).getFloat("data.node.overall"));
        // Exclusions are Nodes, for the review's partner and administrators; nobody else learns that one exists.
        long exclusion = TestData.count("INSERT INTO review_exclusion (review_id, reason, text, requested_by, requested_at) VALUES (" + review
                + ", 'CARRIER', 'Kwijt', 'partner', now()) RETURNING id");
        String exclusionId = GlobalId.encode("Exclusion", exclusion);
        String nodeQuery = "query($id: ID!) { node(id: $id) { id ... on Exclusion { reason } } }";
        assertEquals("CARRIER", dataAs(Tokens.partner(partner), nodeQuery, "id", exclusionId).getString("data.node.reason"));
        assertEquals("CARRIER", dataAs(Tokens.admin(), nodeQuery, "id", exclusionId).getString("data.node.reason"));
        for (String stranger : new String[] { null, Tokens.partner(TestData.partner("Cache stranger")) }) {
            JsonPath refused = GraphQL.postAs(stranger, nodeQuery, "id", exclusionId);
            assertEquals(List.of("NOT_FOUND"), GraphQL.errorCodes(refused), refused.prettify());
        }
        // Replies, re-review states and customer mails have ids too.
        TestData.reply(review, "Bedankt");
        JsonPath ids = dataAs(Tokens.partner(partner), "query($id: ID!) { review(id: $id) { reply { id } sellerView { reReview { id } } } }",
                "id", TestData.reviewId(review));
        assertNotNull(ids.getString("data.review.reply.id"));
        assertNotNull(ids.getString("data.review.sellerView.reReview.id"));
        assertFalse(ids.getString("data.review.reply.id").equals(ids.getString("data.review.sellerView.reReview.id")));
    }

    @Test
    void theViewerIsWhoSignedIn() {
        long partner = TestData.partner("Viewer partner");
        String query = "{ viewer { administrator partner { id name } } }";
        assertNull(GraphQL.data(query).get("data.viewer"), "nobody without sign-in, and no error");
        JsonPath asPartner = dataAs(Tokens.partner(partner), query);
        assertEquals(TestData.partnerId(partner), asPartner.getString("data.viewer.partner.id"));
        assertFalse(asPartner.getBoolean("data.viewer.administrator"));
        JsonPath asAdmin = dataAs(Tokens.admin(), query);
        assertTrue(asAdmin.getBoolean("data.viewer.administrator"));
        assertNull(asAdmin.get("data.viewer.partner"));
    }
}
