package nl.marketplace.reviews.rereview;

import static nl.marketplace.reviews.support.GraphQL.dataAs;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.scheduler.Scheduler;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import nl.marketplace.reviews.db.Db;
import nl.marketplace.reviews.support.GraphQL;
import nl.marketplace.reviews.support.TestClock;
import nl.marketplace.reviews.support.TestData;
import nl.marketplace.reviews.support.TestEnvironment;
import nl.marketplace.reviews.support.Tokens;

/** Review.customerContacts: a Relay connection, newest first, keyset cursors, batched over a page of reviews. */
@QuarkusTest
@QuarkusTestResource(TestEnvironment.class)
class ContactPagingTest {

    private static final String PAGE = """
            query($id: ID!, $first: Int, $after: String) {
              review(id: $id) { customerContacts(first: $first, after: $after) {
                totalCount edges { cursor node { message } } pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } }
            }""";

    @Inject
    Db db;

    @Inject
    Scheduler scheduler;

    private static void contact(long review, String message, OffsetDateTime at) {
        TestData.execute("INSERT INTO customer_contact (review_id, message, created_at) VALUES (" + review + ", '" + message + "', "
                + TestData.timestamp(at) + ")");
    }

    @Test
    void sevenMessagesComeInPagesOfThreeNewestFirst() {
        long partner = TestData.partner("Contact paging partner");
        long review = TestData.review(partner, 4, TestClock.now().minusDays(2), TestData.email(), "nl");
        OffsetDateTime base = TestClock.now().minusDays(1);
        for (int i = 1; i <= 7; i++) {
            // Two messages at the same moment: the id decides between them.
            contact(review, "Bericht " + i, base.plusMinutes(i == 5 ? 4 : i));
        }
        String token = Tokens.partner(partner);
        List<String> seen = new ArrayList<>();
        String after = null;
        List<Boolean> hasNext = new ArrayList<>();
        do {
            Map<String, Object> variables = new HashMap<>();
            variables.put("id", TestData.reviewId(review));
            variables.put("first", 3);
            variables.put("after", after);
            JsonPath page = dataAs(token, PAGE, variables.entrySet().stream().flatMap(e -> java.util.stream.Stream.of(e.getKey(),
                    e.getValue())).toArray());
            String at = "data.review.customerContacts.";
            assertEquals(7, page.getInt(at + "totalCount"));
            assertEquals(after != null, page.getBoolean(at + "pageInfo.hasPreviousPage"));
            seen.addAll(page.getList(at + "edges.node.message"));
            hasNext.add(page.getBoolean(at + "pageInfo.hasNextPage"));
            List<String> cursors = page.getList(at + "edges.cursor");
            assertEquals(cursors.get(cursors.size() - 1), page.getString(at + "pageInfo.endCursor"));
            assertEquals(cursors.get(0), page.getString(at + "pageInfo.startCursor"));
            after = page.getBoolean(at + "pageInfo.hasNextPage") ? page.getString(at + "pageInfo.endCursor") : null;
        } while (after != null);
        assertEquals(List.of("Bericht 7", "Bericht 6", "Bericht 5", "Bericht 4", "Bericht 3", "Bericht 2", "Bericht 1"), seen);
        assertEquals(List.of(true, true, false), hasNext);
    }

    @Test
    void aReviewWithoutMessagesHasAnEmptyConnection() {
        long partner = TestData.partner("Contact paging empty");
        long review = TestData.review(partner, 4, TestClock.now().minusDays(2), TestData.email(), "nl");
        JsonPath page = dataAs(Tokens.partner(partner), PAGE, "id", TestData.reviewId(review), "first", 5);
        assertEquals(0, page.getInt("data.review.customerContacts.totalCount"));
        assertEquals(List.of(), page.getList("data.review.customerContacts.edges"));
        assertFalse(page.getBoolean("data.review.customerContacts.pageInfo.hasNextPage"));
        assertEquals(null, page.getString("data.review.customerContacts.pageInfo.endCursor"));
    }

    @Test
    void badPagingArgumentsAreTheClientsMistake() {
        long partner = TestData.partner("Contact paging arguments");
        long review = TestData.review(partner, 4, TestClock.now().minusDays(2), TestData.email(), "nl");
        String token = Tokens.partner(partner);
        for (Object[] bad : new Object[][] { { "first", 0 }, { "first", 101 }, { "after", "bm9wZQ" }, { "after", "%%%" },
                { "after", "cjE6MTox" } }) {
            JsonPath answer = GraphQL.postAs(token, PAGE, "id", TestData.reviewId(review), bad[0], bad[1]);
            assertEquals(List.of("BAD_USER_INPUT"), answer.getList("errors.extensions.code"), bad[0] + "=" + bad[1] + ": " + answer.prettify());
            assertTrue(answer.getString("errors[0].message").contains("'" + bad[0] + "'"), answer.getString("errors[0].message"));
            // Someone who may not read the messages learns only that: FORBIDDEN, not what is wrong with the arguments.
            for (String other : new String[] { Tokens.partner(TestData.partner("Contact paging outsider")), null }) {
                JsonPath refused = GraphQL.postAs(other, PAGE, "id", TestData.reviewId(review), bad[0], bad[1]);
                assertEquals(List.of("FORBIDDEN"), refused.getList("errors.extensions.code"), refused.prettify());
            }
        }
    }

    @Test
    void aPageOfReviewsReadsAllTheirMessagesInOneStatement() {
        long partner = TestData.partner("Contact paging batch");
        for (int r = 0; r < 5; r++) {
            long review = TestData.review(partner, 4, TestClock.now().minusDays(2).plusMinutes(r), TestData.email(), "nl");
            for (int i = 0; i < 3; i++) {
                contact(review, "R" + r + " bericht " + i, TestClock.now().minusHours(10).plusMinutes(i));
            }
        }
        String without = "query($p: ID!) { reviews(partnerId: $p, first: 5) { nodes { id } } }";
        String with = "query($p: ID!) { reviews(partnerId: $p, first: 5) { nodes { id customerContacts(first: 2) { totalCount "
                + "nodes { message } } } } }";
        String token = Tokens.partner(partner);
        scheduler.pause();
        try {
            long plain = statements(token, without, TestData.partnerId(partner));
            long withContacts = statements(token, with, TestData.partnerId(partner));
            assertEquals(plain + 1, withContacts, "one statement for the messages of all five reviews");
        } finally {
            scheduler.resume();
        }
        JsonPath answer = dataAs(token, with, "p", TestData.partnerId(partner));
        for (int r = 0; r < 5; r++) {
            assertEquals(3, answer.getInt("data.reviews.nodes[" + r + "].customerContacts.totalCount"));
            assertEquals(2, answer.getList("data.reviews.nodes[" + r + "].customerContacts.nodes").size());
        }
    }

    /** The fewest of three measurements: background work can only add statements. */
    private long statements(String token, String query, String partnerId) {
        long fewest = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            long before = db.statementCount();
            dataAs(token, query, "p", partnerId);
            fewest = Math.min(fewest, db.statementCount() - before);
        }
        return fewest;
    }
}
