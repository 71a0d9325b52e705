package nl.marketplace.reviews.review;

import static nl.marketplace.reviews.support.GraphQL.data;
import static nl.marketplace.reviews.support.GraphQL.errorCodes;
import static nl.marketplace.reviews.support.GraphQL.post;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import nl.marketplace.reviews.support.TestData;
import nl.marketplace.reviews.support.TestEnvironment;

@QuarkusTest
@QuarkusTestResource(TestEnvironment.class)
class ReviewQueryTest {

    private static final OffsetDateTime T0 = OffsetDateTime.of(2026, 6, 1, 12, 0, 0, 0, ZoneOffset.UTC);
    private static final String PAGE = """
            query($p: ID!, $first: Int, $after: String, $filter: ReviewFilter, $order: ReviewOrder) {
              reviews(partnerId: $p, first: $first, after: $after, filter: $filter, orderBy: $order) {
                totalCount
                pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
                edges { cursor node { id overall originalOverall createdAt } }
                nodes { id }
              }
            }""";

    static long partner;
    static String partnerId;
    static List<Long> keys = new ArrayList<>();
    static long revised;
    static long replied;

    @BeforeAll
    static void createReviews() {
        partner = TestData.partner("Paging partner");
        partnerId = TestData.partnerId(partner);
        // 25 reviews an hour apart, overall cycling 1..10; two share one creation time, to test ties.
        for (int i = 0; i < 25; i++) {
            OffsetDateTime at = i == 24 ? T0.plusHours(23) : T0.plusHours(i);
            keys.add(TestData.review(partner, 1 + i % 10, i % 2 == 0 ? 1 + i % 10 : null, 5, null, i % 3 == 0 ? 2 : null, at));
        }
        revised = keys.get(3); // overall 4
        TestData.revise(revised, 9, "Opgelost", T0.plusDays(2));
        replied = keys.get(5);
        TestData.reply(replied, "Dank je wel");
    }

    private static List<String> walk(ReviewOrder order, Map<String, Object> filter, int pageSize) {
        List<String> ids = new ArrayList<>();
        String after = null;
        int pages = 0;
        do {
            JsonPath page = data(PAGE, "p", partnerId, "first", pageSize, "after", after, "filter", filter, "order", order.name());
            List<String> edgeIds = page.getList("data.reviews.edges.node.id");
            assertEquals(edgeIds, page.getList("data.reviews.nodes.id"), "edges and nodes differ");
            assertEquals(pages > 0, page.getBoolean("data.reviews.pageInfo.hasPreviousPage"));
            ids.addAll(edgeIds);
            after = page.getString("data.reviews.pageInfo.endCursor");
            if (!page.getBoolean("data.reviews.pageInfo.hasNextPage")) {
                break;
            }
            pages++;
        } while (pages < 100);
        return ids;
    }

    @Test
    void pagesThroughAllReviewsInEveryOrderWithoutGapsOrRepeats() {
        List<String> newest = walk(ReviewOrder.NEWEST, null, 7);
        assertEquals(25, newest.size());
        assertEquals(25, newest.stream().distinct().count());
        // The tie (index 23 and 24 both at T0+23h) is broken by the higher id first.
        assertEquals(TestData.reviewId(keys.get(24)), newest.get(0));
        assertEquals(TestData.reviewId(keys.get(23)), newest.get(1));
        assertEquals(TestData.reviewId(keys.get(0)), newest.get(24));

        List<String> oldest = walk(ReviewOrder.OLDEST, null, 4);
        List<String> reversed = new ArrayList<>(newest);
        java.util.Collections.reverse(reversed);
        assertEquals(reversed, oldest);

        for (ReviewOrder order : List.of(ReviewOrder.LOWEST_OVERALL, ReviewOrder.HIGHEST_OVERALL)) {
            List<String> ids = walk(order, null, 3);
            assertEquals(25, ids.stream().distinct().count(), order.name());
            JsonPath all = data(PAGE, "p", partnerId, "first", 100, "order", order.name());
            assertEquals(all.getList("data.reviews.nodes.id"), ids, order + ": paging equals one big page");
            List<Integer> overall = all.getList("data.reviews.edges.node.overall");
            for (int i = 1; i < overall.size(); i++) {
                assertTrue(order == ReviewOrder.LOWEST_OVERALL ? overall.get(i - 1) <= overall.get(i) : overall.get(i - 1) >= overall.get(i),
                        order + " at " + i + ": " + overall);
            }
        }
    }

    @Test
    void cursorsStayValidWhileNewReviewsArrive() {
        long other = TestData.partner("Growing partner");
        for (int i = 0; i < 6; i++) {
            TestData.review(other, 8, T0.plusHours(i));
        }
        String id = TestData.partnerId(other);
        JsonPath first = data(PAGE, "p", id, "first", 3);
        List<String> expectedRest = data(PAGE, "p", id, "first", 3, "after", first.getString("data.reviews.pageInfo.endCursor"))
                .getList("data.reviews.nodes.id");
        TestData.review(other, 2, T0.plusDays(30));
        TestData.review(other, 3, T0.plusDays(31));
        List<String> rest = data(PAGE, "p", id, "first", 3, "after", first.getString("data.reviews.pageInfo.endCursor"))
                .getList("data.reviews.nodes.id");
        assertEquals(expectedRest, rest);
        assertEquals(8, data(PAGE, "p", id, "first", 1).getInt("data.reviews.totalCount"));
    }

    @Test
    void filtersSelectWhatTheySay() {
        assertEquals(expected(i -> overall(i) >= 9), count(Map.of("overallMin", 9)));
        assertEquals(expected(i -> overall(i) >= 3 && overall(i) <= 5), count(Map.of("overallMin", 3, "overallMax", 5)));
        assertEquals(expected(i -> overall(i) <= 5), count(Map.of("classification", "NEGATIVE")));
        assertEquals(expected(i -> overall(i) == 6 || overall(i) == 7), count(Map.of("classification", "NEUTRAL")));
        assertEquals(expected(i -> overall(i) >= 8), count(Map.of("classification", "POSITIVE")));
        assertEquals(expected(i -> i % 2 == 0 && 1 + i % 10 <= 3), count(Map.of("subScoreAtMost", Map.of("category", "DELIVERY_TIME", "value", 3))));
        assertEquals(expected(i -> i % 3 == 0), count(Map.of("subScoreAtMost", Map.of("category", "CONTACT", "value", 2))));
        // any sub-score: delivery time <= 2, or contact 2 (product information is always 5)
        assertEquals(expected(i -> (i % 2 == 0 && 1 + i % 10 <= 2) || i % 3 == 0), count(Map.of("subScoreAtMost", Map.of("value", 2))));
        assertEquals(1, count(Map.of("revised", true)));
        assertEquals(24, count(Map.of("revised", false)));
        assertEquals(1, count(Map.of("replied", true)));
        assertEquals(24, count(Map.of("replied", false)));
        assertEquals(5, count(Map.of("createdFrom", T0.plusHours(2).toString(), "createdBefore", T0.plusHours(7).toString())));
        // Conditions combine: the revised review counts with its new score 9.
        assertEquals(1, count(Map.of("revised", true, "classification", "POSITIVE")));
        assertEquals(0, count(Map.of("revised", true, "overallMax", 4)));
    }

    /** The current overall score of review i: the revised one is 9. */
    private static int overall(int i) {
        return i == 3 ? 9 : 1 + i % 10;
    }

    private static int expected(java.util.function.IntPredicate p) {
        int n = 0;
        for (int i = 0; i < 25; i++) {
            n += p.test(i) ? 1 : 0;
        }
        return n;
    }

    private static int count(Map<String, Object> filter) {
        JsonPath page = data(PAGE, "p", partnerId, "first", 100, "filter", filter);
        int total = page.getInt("data.reviews.totalCount");
        assertEquals(total, page.getList("data.reviews.nodes").size(), "totalCount matches the page for " + filter);
        return total;
    }

    @Test
    void reviewShowsRevisionsReplyAndPartner() {
        JsonPath r = data("""
                query($id: ID!) { review(id: $id) {
                  id overall originalOverall classification
                  revisions { id overall previousOverall comment }
                  reply { text createdAt updatedAt }
                  partner { id name }
                } }""", "id", TestData.reviewId(revised));
        assertEquals(9, r.getInt("data.review.overall"));
        assertEquals(4, r.getInt("data.review.originalOverall"));
        assertEquals("POSITIVE", r.getString("data.review.classification"));
        assertEquals(List.of(9), r.getList("data.review.revisions.overall"));
        assertEquals(List.of(4), r.getList("data.review.revisions.previousOverall"));
        assertEquals("Opgelost", r.getString("data.review.revisions[0].comment"));
        assertNull(r.get("data.review.reply"));
        assertEquals(partnerId, r.getString("data.review.partner.id"));

        String revisionId = r.getString("data.review.revisions[0].id");
        JsonPath node = data("query($id: ID!) { node(id: $id) { id ... on Revision { overall } } }", "id", revisionId);
        assertEquals(9, node.getInt("data.node.overall"));
        JsonPath reply = data("query($id: ID!) { node(id: $id) { ... on Review { reply { text } } } }", "id", TestData.reviewId(replied));
        assertEquals("Dank je wel", reply.getString("data.node.reply.text"));
        JsonPath p = data("query($id: ID!) { node(id: $id) { __typename id ... on Partner { name } } }", "id", partnerId);
        assertEquals("Partner", p.getString("data.node.__typename"));
        assertEquals("Paging partner", p.getString("data.node.name"));
    }

    @Test
    void badArgumentsGetCodedErrorsNamingTheArgument() {
        assertBad(post(PAGE, "p", partnerId, "first", 0), "first");
        assertBad(post(PAGE, "p", partnerId, "first", 101), "first");
        assertBad(post(PAGE, "p", partnerId, "after", "bm90IGEgY3Vyc29y"), "after");
        assertBad(post(PAGE, "p", partnerId, "after", "%%%"), "after");
        String newestCursor = data(PAGE, "p", partnerId, "first", 1).getString("data.reviews.pageInfo.endCursor");
        assertBad(post(PAGE, "p", partnerId, "after", newestCursor, "order", "OLDEST"), "after");
        assertBad(post(PAGE, "p", partnerId, "filter", Map.of("overallMin", 7, "overallMax", 3)), "filter.overallMax");
        assertBad(post(PAGE, "p", partnerId, "filter", Map.of("overallMin", 0)), "filter.overallMin");
        assertBad(post(PAGE, "p", partnerId, "filter", Map.of("overallMax", 11)), "filter.overallMax");
        assertBad(post(PAGE, "p", partnerId, "filter", Map.of("subScoreAtMost", Map.of("value", 11))), "filter.subScoreAtMost.value");
        assertBad(post(PAGE, "p", partnerId, "filter", Map.of("createdFrom", T0.toString(), "createdBefore", T0.toString())),
                "filter.createdBefore");
        assertBad(post(PAGE, "p", "not-an-id"), "partnerId");
        assertBad(post(PAGE, "p", TestData.reviewId(revised)), "partnerId");
        assertBad(post("query($id: ID!) { review(id: $id) { id } }", "id", partnerId), "id");
        assertBad(post("query($id: ID!) { node(id: $id) { id } }", "id", "!!"), "id");
    }

    @Test
    void unknownIdsAreNullWithNotFound() {
        for (String query : List.of("query($id: ID!) { review(id: $id) { id } }", "query($id: ID!) { node(id: $id) { id } }")) {
            JsonPath answer = post(query, "id", TestData.reviewId(987654321L));
            assertEquals(List.of("NOT_FOUND"), errorCodes(answer), query);
        }
        JsonPath answer = post(PAGE, "p", TestData.partnerId(987654321L));
        assertEquals(List.of("NOT_FOUND"), errorCodes(answer));
        assertNull(answer.get("data.reviews"));
        assertEquals(List.of("NOT_FOUND"), errorCodes(post("query($id: ID!) { node(id: $id) { id } }", "id",
                nl.marketplace.reviews.graphql.GlobalId.encode("Unknown", 1))));
    }

    @Test
    void aliasesOfOneFieldWithDifferentArgumentsGetTheirOwnAnswers() {
        JsonPath answer = data("""
                query($id: ID!) { partner(id: $id) {
                  two: reviews(first: 2) { nodes { id } }
                  five: reviews(first: 5, orderBy: OLDEST) { nodes { id } }
                  low: reviews(first: 3, filter: { overallMax: 1 }) { totalCount nodes { overall } }
                  all: reviews(first: 1) { totalCount }
                } }""", "id", partnerId);
        assertEquals(2, answer.getList("data.partner.two.nodes").size());
        assertEquals(TestData.reviewId(keys.get(0)), answer.getString("data.partner.five.nodes[0].id"));
        assertEquals(5, answer.getList("data.partner.five.nodes").size());
        assertEquals(expected(i -> overall(i) == 1), answer.getInt("data.partner.low.totalCount"));
        assertEquals(25, answer.getInt("data.partner.all.totalCount"));
        assertFalse(answer.getList("data.partner.low.nodes.overall").contains(2));
    }

    private static void assertBad(JsonPath answer, String argument) {
        assertEquals(List.of("BAD_USER_INPUT"), errorCodes(answer), answer::prettify);
        String message = answer.getString("errors[0].message");
        assertTrue(message.contains("'" + argument + "'"), message);
    }
}
