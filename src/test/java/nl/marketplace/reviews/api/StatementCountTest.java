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
import nl.marketplace.reviews.support.GraphQL;
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
        // the partner with its page, the page's revisions and replies (review.PartnerPages); the score,
        // the monthly figures and the count were computed at the partner's score version by the first request
        assertEquals(1, hundred);
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

    /**
     * A partner is loaded in its page's statement (review.PartnerPages) whatever the page's arguments,
     * as variables or literals, and answers as the page loaded on its own does: the same page selected
     * twice (under two aliases) is loaded the usual way, partner first.
     */
    @Test
    void aPartnerIsLoadedWithItsPageWhateverTheArguments() {
        String page = "reviews(first: 3, after: $a, filter: $f, orderBy: $o) { totalCount pageInfo { hasNextPage endCursor } "
                + "edges { cursor node { id overall revisions { overall } reply { text } } } }";
        String once = "query($p: ID!, $a: String, $f: ReviewFilter, $o: ReviewOrder = NEWEST) { partner(id: $p) { name " + page + " } }";
        String twice = "query($p: ID!, $a: String, $f: ReviewFilter, $o: ReviewOrder = NEWEST) { partner(id: $p) { name one: " + page
                + " two: " + page + " } }";
        List<java.util.Map<String, Object>> filters = List.of(java.util.Map.of(), java.util.Map.of("classification", "NEGATIVE"),
                java.util.Map.of("overallMin", 3, "overallMax", 8), java.util.Map.of("subScoreAtMost", java.util.Map.of("category", "DELIVERY", "value", 6)),
                java.util.Map.of("subScoreAtMost", java.util.Map.of("value", 5)), java.util.Map.of("revised", true), java.util.Map.of("replied", false),
                java.util.Map.of("createdFrom", "2020-01-01T00:00:00+01:00", "createdBefore", "2099-01-01T00:00:00Z"),
                java.util.Map.of("topic", "levering"), java.util.Map.of("text", "snel"));
        List<String> otherOrders = List.of("OLDEST", "HIGHEST_OVERALL", "LOWEST_OVERALL");
        int pages = 0;
        for (int f = 0; f < filters.size(); f++) {
            var filter = filters.get(f);
            for (String order : List.of("NEWEST", otherOrders.get(f % otherOrders.size()))) {
                String after = null;
                for (int i = 0; i < 2; i++) {
                    Object[] variables = { "p", OperationsTest.KASTENKONING, "a", after, "f", filter, "o", order };
                    JsonPath loadedTogether = data(once, variables);
                    JsonPath loadedApart = data(twice, variables);
                    String at = filter + " " + order + " after " + after;
                    assertEquals(loadedApart.getMap("data.partner.one"), loadedTogether.getMap("data.partner.reviews"), at);
                    assertEquals(loadedApart.getString("data.partner.name"), loadedTogether.getString("data.partner.name"));
                    assertEquals(statementsOf(twice, variables) - 1, statementsOf(once, variables), at);
                    pages += loadedTogether.getList("data.partner.reviews.edges").size();
                    after = loadedTogether.getString("data.partner.reviews.pageInfo.endCursor");
                    if (after == null) {
                        break;
                    }
                }
            }
        }
        assertTrue(pages > 20, "the cases show reviews: " + pages);
        String literal = """
                { partner(id: "%s") { name reviews(first: 2, orderBy: OLDEST, filter: { classification: POSITIVE, createdFrom: "2020-01-01T00:00:00Z",
                  subScoreAtMost: { category: CONTACT, value: 10 } }) { edges { node { id } } } } }""".formatted(OperationsTest.KASTENKONING);
        assertEquals(1, statementsOf(literal));

        JsonPath unknown = GraphQL.post("query($p: ID!) { partner(id: $p) { name reviews { totalCount } } }", "p", TestData.partnerId(987654321L));
        assertEquals(List.of("NOT_FOUND"), GraphQL.errorCodes(unknown));
        assertEquals(List.of("partner"), unknown.getList("errors[0].path"));
        org.junit.jupiter.api.Assertions.assertNull(unknown.get("data.partner"));
        JsonPath badPage = GraphQL.post("query($p: ID!) { partner(id: $p) { name reviews(first: 0) { totalCount } } }", "p", OperationsTest.KASTENKONING);
        assertEquals(List.of("BAD_USER_INPUT"), GraphQL.errorCodes(badPage));
        assertEquals(List.of("partner", "reviews"), badPage.getList("errors[0].path"));
    }

    @Test
    void aReviewPageOfAPartnerNotSeenBeforeComputesItsFiguresOnce() {
        long partner = TestData.partner("Statement count partner");
        for (int i = 0; i < 3; i++) {
            TestData.review(partner, 8 + i % 3, TestClock.now().minusDays(i + 1));
        }
        long before = db.statementCount();
        data(Operations.read("ReviewPage"), "partnerId", TestData.partnerId(partner));
        // the partner with its page, its revisions and replies; score, monthly, count
        assertEquals(4, db.statementCount() - before);
        assertEquals(1, statements("ReviewPage", "partnerId", TestData.partnerId(partner)));
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
        assertEquals(1, statementsOf(bare, "p", OperationsTest.DEMO_PARTNER));
        assertEquals(1, statementsOf(viaFragment, "p", OperationsTest.DEMO_PARTNER));
        String withTheirPartner = "query($p: ID!) { partner(id: $p) { name reviews(first: 5) { nodes { partner { id name } } } } }";
        assertEquals(1, statementsOf(withTheirPartner, "p", OperationsTest.DEMO_PARTNER));
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
