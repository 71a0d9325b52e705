package nl.marketplace.reviews.api;

import static nl.marketplace.reviews.support.GraphQL.data;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.scheduler.Scheduler;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import nl.marketplace.reviews.db.Db;
import nl.marketplace.reviews.support.TestClock;
import nl.marketplace.reviews.support.TestData;
import nl.marketplace.reviews.support.TestEnvironment;

/**
 * Fast by construction: a page's nested fields are batched, so the number of SQL statements a
 * request sends does not depend on how many reviews it shows.
 */
@QuarkusTest
@QuarkusTestResource(TestEnvironment.class)
class StatementCountTest {

    @Inject
    Db db;

    @Inject
    Scheduler scheduler;

    /**
     * The scheduled jobs use the same SQL client: keep them out of the count. A run that had
     * already started may still send a statement, so every figure below is the fewest of three
     * measurements (background work can only add to a count, never take from it).
     */
    @BeforeEach
    void pauseJobs() {
        scheduler.pause();
    }

    @AfterEach
    void resumeJobs() {
        scheduler.resume();
    }

    private long statements(String operation, Object... variables) {
        return statementsOf(Operations.read(operation), variables);
    }

    private long statementsOf(String query, Object... variables) {
        long fewest = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            long before = db.statementCount();
            JsonPath answer = data(query, variables);
            assertTrue(answer.getMap("data").size() > 0);
            fewest = Math.min(fewest, db.statementCount() - before);
        }
        return fewest;
    }

    @Test
    void reviewPageSendsAsManyStatementsFor100ReviewsAsFor10() {
        long ten = statements("ReviewPage", "partnerId", OperationsTest.DEMO_PARTNER, "first", 10);
        long hundred = statements("ReviewPage", "partnerId", OperationsTest.DEMO_PARTNER, "first", 100);
        assertEquals(ten, hundred, "statements for 10 vs 100 reviews");
        // the partner, and the page with its revisions and replies; the score, the monthly figures and
        // the count were computed at the partner's score version by the first request
        assertEquals(2, hundred);
    }

    /**
     * Issue 23: a search in the texts adds one statement to the page, its count (searches are too many
     * to keep counts of); a topic filter adds none once its count is kept at the score version, as the
     * plain page's is. Whatever the page size.
     */
    @Test
    void aSearchCostsThePageOneStatementAndATopicNone() {
        long plain = statements("ReviewPage", "partnerId", OperationsTest.DEMO_PARTNER, "first", 10);
        var cases = java.util.Map.of(java.util.Map.of("text", "verpakking"), plain + 1, java.util.Map.of("topic", "levering"), plain,
                java.util.Map.of("text", "geleverd", "topic", "verpakking"), plain + 1);
        cases.forEach((filter, expected) -> {
            long ten = statements("ReviewPage", "partnerId", OperationsTest.DEMO_PARTNER, "first", 10, "filter", filter);
            long hundred = statements("ReviewPage", "partnerId", OperationsTest.DEMO_PARTNER, "first", 100, "filter", filter);
            assertEquals(ten, hundred, "statements for 10 vs 100 reviews, " + filter);
            assertEquals(expected, hundred, "statements with " + filter + " (the plain page: " + plain + ")");
        });
    }

    @Test
    void aReviewPageOfAPartnerNotSeenBeforeComputesItsFiguresOnce() {
        long partner = TestData.partner("Statement count partner");
        for (int i = 0; i < 3; i++) {
            TestData.review(partner, 8 + i % 3, TestClock.now().minusDays(i + 1));
        }
        long before = db.statementCount();
        data(Operations.read("ReviewPage"), "partnerId", TestData.partnerId(partner));
        // partner, score, monthly, count, and the page with its revisions and replies
        assertEquals(5, db.statementCount() - before);
        assertEquals(2, statements("ReviewPage", "partnerId", TestData.partnerId(partner)));
    }

    @Test
    void aChangedReviewIsCountedByTheVeryNextRequest() {
        long partner = TestData.partner("Read your writes partner");
        long review = TestData.review(partner, 6, TestClock.now().minusDays(2));
        // two months: the reviews of the last two days are in them at any instant (the 1st of a month too)
        String query = "query($p: ID!) { partner(id: $p) { score { overall reviewCount monthly(last: 2) { reviewCount } } "
                + "reviews { totalCount } } }";
        JsonPath first = data(query, "p", TestData.partnerId(partner));
        assertEquals(6.0, first.getDouble("data.partner.score.overall"));
        assertEquals(1, monthlyReviews(first));
        data(query, "p", TestData.partnerId(partner));

        // straight SQL, as another instance or a bulk load would: no notice reaches this instance first
        TestData.revise(review, 9, "Opgelost", TestClock.now().minusDays(1));
        TestData.review(partner, 10, TestClock.now().minusDays(1));
        JsonPath after = data(query, "p", TestData.partnerId(partner));
        assertEquals(9.5, after.getDouble("data.partner.score.overall"));
        assertEquals(2, after.getInt("data.partner.score.reviewCount"));
        assertEquals(2, monthlyReviews(after));
        assertEquals(2, after.getInt("data.partner.reviews.totalCount"));

        TestData.execute("UPDATE review SET excluded = true WHERE id = " + review);
        JsonPath excluded = data(query, "p", TestData.partnerId(partner));
        assertEquals(10.0, excluded.getDouble("data.partner.score.overall"));
        assertEquals(2, excluded.getInt("data.partner.reviews.totalCount"), "an excluded review stays in the list");
    }

    private static int monthlyReviews(JsonPath answer) {
        return answer.getList("data.partner.score.monthly.reviewCount", Integer.class).stream().mapToInt(Integer::intValue).sum();
    }

    @Test
    void nestedFieldsThatAreNotSelectedAreNotLoaded() {
        String bare = "query($p: ID!) { partner(id: $p) { reviews(first: 5) { edges { node { id } } } } }";
        String viaFragment = """
                query($p: ID!) { partner(id: $p) { reviews(first: 5) { nodes { ...R } } } }
                fragment R on Review { id again: revisions { overall } reply { text } }""";
        assertEquals(2, statementsOf(bare, "p", OperationsTest.DEMO_PARTNER));
        assertEquals(2, statementsOf(viaFragment, "p", OperationsTest.DEMO_PARTNER));
        String withTheirPartner = "query($p: ID!) { partner(id: $p) { name reviews(first: 5) { nodes { partner { id name } } } } }";
        assertEquals(2, statementsOf(withTheirPartner, "p", OperationsTest.DEMO_PARTNER));
        JsonPath partners = data(withTheirPartner, "p", OperationsTest.DEMO_PARTNER);
        assertEquals(List.of(OperationsTest.DEMO_PARTNER), partners.getList("data.partner.reviews.nodes.partner.id").stream().distinct().toList());
        assertEquals(List.of(partners.getString("data.partner.name")), partners.getList("data.partner.reviews.nodes.partner.name").stream().distinct().toList());
        String jenny = data(Operations.read("ReviewPage"), "partnerId", OperationsTest.KASTENKONING, "orderBy", "OLDEST", "first", 2)
                .getString("data.partner.reviews.edges[1].node.id");
        // the review with its revisions, its reply and its partner (whose row the statement joins for its version anyway)
        assertEquals(1, statements("ReviewDetail", "id", jenny));
    }

    @Test
    void aReviewLoadedWithoutItsNestedFieldsStillAnswersThem() {
        String jenny = data(Operations.read("ReviewPage"), "partnerId", OperationsTest.KASTENKONING, "orderBy", "OLDEST", "first", 2)
                .getString("data.partner.reviews.edges[1].node.id");
        String viaNode = "query($id: ID!) { node(id: $id) { ... on Review { overall revisions { overall previousOverall } reply { text } } } }";
        JsonPath answer = data(viaNode, "id", jenny);
        assertEquals(8, answer.getInt("data.node.revisions[0].overall"));
        assertEquals(4, answer.getInt("data.node.revisions[0].previousOverall"));
        assertTrue(answer.getString("data.node.reply.text").length() > 0);
        assertEquals(3, statementsOf(viaNode, "id", jenny)); // node has no look-ahead: the review, its revisions, its reply
    }

    @Test
    void aListOfReviewsWithTheirPartnersAndScoresStaysConstant() {
        String query = """
                query($p: ID!, $n: Int) { reviews(partnerId: $p, first: $n) { nodes {
                  id revisions { overall } reply { text }
                  partner { name score { overall monthly(last: 2) { average } } reviews(first: 1) { totalCount } }
                } } }""";
        long five = statementsOf(query, "p", OperationsTest.DEMO_PARTNER, "n", 5);
        long hundred = statementsOf(query, "p", OperationsTest.DEMO_PARTNER, "n", 100);
        assertEquals(five, hundred);
        assertTrue(hundred <= 10, "statements: " + hundred);
    }

    @Test
    void partnerSummariesOfManyPartnersAreOneStatement() {
        long one = statements("PartnerSummaries", "partnerIds", java.util.List.of(OperationsTest.DEMO_PARTNER));
        long six = statements("PartnerSummaries", "partnerIds", java.util.List.of("UGFydG5lcjox", "UGFydG5lcjoy",
                "UGFydG5lcjoz", "UGFydG5lcjo0", "UGFydG5lcjo1", "UGFydG5lcjo2"));
        assertEquals(one, six);
        assertEquals(1, six); // the partners' existence (with their score versions); the scores were computed before
    }
}
