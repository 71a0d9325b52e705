package nl.marketplace.reviews.api;

import static nl.marketplace.reviews.support.GraphQL.data;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import nl.marketplace.reviews.support.TestEnvironment;

/**
 * Runs every example operation against the demo data, which the test database gets at start:
 * partner 1 is the seed page's "Kastenkoning", partners 2-6 have 120 generated reviews each.
 */
@QuarkusTest
@QuarkusTestResource(TestEnvironment.class)
class OperationsTest {

    static final String KASTENKONING = "UGFydG5lcjox"; // Partner:1
    static final String DEMO_PARTNER = "UGFydG5lcjoy"; // Partner:2

    /**
     * Every example operation is run by a test: the queries here, the partner mutations by
     * PartnerActionsTest and JennyReReviewStoryTest, SubmitReReview by SubmitReReviewTest, the order,
     * invitation, review and subscription flow by ReviewLifecycleTest and RegisterOrdersTest, the
     * exclusion mutations by ExclusionTest, SetNegativeReviewAlert by NegativeReviewAlertTest. A new file must be added here,
     * and to a test.
     */
    @Test
    void everyOperationFileIsKnown() throws IOException {
        try (Stream<java.nio.file.Path> files = Files.list(Operations.DIR)) {
            assertEquals(List.of("DecideExclusion.graphql", "DeleteReply.graphql", "EmailCustomer.graphql", "PartnerInsights.graphql",
                    "PartnerList.graphql", "PartnerSummaries.graphql",
                    "RegisterOrders.graphql", "Reply.graphql", "RequestExclusion.graphql", "RequestReReview.graphql",
                    "ReviewDetail.graphql", "ReviewEvents.graphql", "ReviewPage.graphql", "SellerReview.graphql", "SetNegativeReviewAlert.graphql",
                    "SubmitReReview.graphql", "SubmitReview.graphql"),
                    files.map(f -> f.getFileName().toString()).sorted().toList());
        }
    }

    @Test
    void reviewPageShowsTheSeedPage() {
        JsonPath page = data(Operations.read("ReviewPage"), "partnerId", KASTENKONING, "orderBy", "OLDEST");
        assertEquals("Kastenkoning", page.getString("data.partner.name"));
        assertEquals(4, page.getInt("data.partner.reviews.totalCount"));
        // The anonymous 10 of 2 April 2022 on order 1344461797.
        Map<String, Object> anonymous = page.getMap("data.partner.reviews.edges[0].node");
        assertEquals("Anoniem", anonymous.get("authorName"));
        assertEquals(10, anonymous.get("overall"));
        assertEquals("2022-04-02T07:30:00Z", anonymous.get("createdAt"));
        // Jenny's 4 of 12 April became an 8 on 15 April; the original stays readable.
        Map<String, Object> jenny = page.getMap("data.partner.reviews.edges[1].node");
        assertEquals("Jenny uit Enschede", jenny.get("authorName"));
        assertEquals(8, jenny.get("overall"));
        assertEquals(4, jenny.get("originalOverall"));
        assertEquals("POSITIVE", jenny.get("classification"));
        assertEquals(Map.of("deliveryTime", 1, "productInformation", 7, "delivery", 6), withoutNulls(jenny.get("subScores")));
        assertTrue(((String) jenny.get("pros")).startsWith("Vier kasten besteld"));
        assertTrue(((String) jenny.get("cons")).startsWith("Belofte nakomen"));
        assertEquals(8, page.getInt("data.partner.reviews.edges[1].node.revisions[0].overall"));
        assertEquals(4, page.getInt("data.partner.reviews.edges[1].node.revisions[0].previousOverall"));
        assertEquals("Is intussen goed opgelost en uitgelegd", page.getString("data.partner.reviews.edges[1].node.revisions[0].comment"));
        assertEquals("2022-04-15T10:00:00Z", page.getString("data.partner.reviews.edges[1].node.revisions[0].createdAt"));
        assertNotNull(page.get("data.partner.reviews.edges[1].node.reply.text"));
        // Fewer than 5 reviews in the last 3 months (two recent ones): all four count, all positive.
        assertEquals("ALL_REVIEWS", page.getString("data.partner.score.method"));
        assertEquals(true, page.getBoolean("data.partner.score.fewerThanFiveReviews"));
        assertEquals(9.3, page.getDouble("data.partner.score.overall")); // (10 + 8 + 9 + 10) / 4 = 9.25
        assertEquals(100, page.getInt("data.partner.score.positivePercentage"));
        assertEquals(12, page.getList("data.partner.score.monthly").size());
    }

    @Test
    void reviewPagePagesAndFilters() {
        JsonPath first = data(Operations.read("ReviewPage"), "partnerId", DEMO_PARTNER, "first", 50);
        assertEquals(120, first.getInt("data.partner.reviews.totalCount"));
        assertEquals(50, first.getList("data.partner.reviews.edges").size());
        assertEquals("LAST_3_MONTHS", first.getString("data.partner.score.method"));
        JsonPath next = data(Operations.read("ReviewPage"), "partnerId", DEMO_PARTNER, "first", 100,
                "after", first.getString("data.partner.reviews.pageInfo.endCursor"));
        assertEquals(70, next.getList("data.partner.reviews.edges").size());
        assertEquals(false, next.getBoolean("data.partner.reviews.pageInfo.hasNextPage"));

        JsonPath negative = data(Operations.read("ReviewPage"), "partnerId", DEMO_PARTNER, "first", 100,
                "filter", Map.of("classification", "NEGATIVE"), "orderBy", "LOWEST_OVERALL");
        List<Integer> overall = negative.getList("data.partner.reviews.edges.node.overall");
        assertTrue(!overall.isEmpty() && overall.stream().allMatch(o -> o <= 5), overall::toString);
        assertEquals(overall.stream().sorted().toList(), overall);
    }

    @Test
    void partnerSummariesForTheMobileApp() {
        JsonPath s = data(Operations.read("PartnerSummaries"), "partnerIds", List.of(DEMO_PARTNER, KASTENKONING));
        assertEquals(List.of(DEMO_PARTNER, KASTENKONING), s.getList("data.partnerScores.partnerId"));
        assertEquals(9.3, s.getDouble("data.partnerScores[1].overall"));
        assertEquals(4, s.getInt("data.partnerScores[1].reviewCount"));
        assertEquals(7.5, s.getDouble("data.partnerScores[1].subScores.deliveryTime.average")); // (10 + 1 + 9 + 10) / 4
        assertTrue(s.getInt("data.partnerScores[0].reviewCount") >= 5);
    }

    /** The dashboard's insights of the demo partner, as the partner: every part answers, public and private. */
    @Test
    void partnerInsightsForTheDashboard() {
        JsonPath i = nl.marketplace.reviews.support.GraphQL.dataAs(nl.marketplace.reviews.support.Tokens.partner(2), Operations.read("PartnerInsights"),
                "partnerId", DEMO_PARTNER, "months", 3);
        int counted = i.getInt("data.partner.score.replies.reviewCount");
        assertTrue(counted > 0 && i.getInt("data.partner.score.replies.repliedCount") <= counted);
        assertEquals(3, i.getList("data.partner.score.monthlyReplies").size());
        assertEquals(List.of("klantenservice", "levering", "prijs", "productinformatie", "productkwaliteit", "verpakking"),
                i.getList("data.partner.score.topics.topics.topic"));
        assertEquals(3, i.getList("data.partner.invitationMonths").size());
        assertTrue(i.get("data.partner.negativeReviewAlert") == null);
    }

    @Test
    void partnerListForTheMobileAppLeavesAGapForAnUnknownShop() {
        String unknown = nl.marketplace.reviews.graphql.GlobalId.encode("Partner", 987_654_321L);
        JsonPath s = data(Operations.read("PartnerList"), "ids", List.of(KASTENKONING, unknown, DEMO_PARTNER));
        List<Map<String, Object>> partners = s.getList("data.partners");
        assertEquals(3, partners.size());
        assertEquals(KASTENKONING, partners.get(0).get("id"));
        assertEquals(null, partners.get(1), "the unknown shop's place is empty");
        assertEquals(DEMO_PARTNER, partners.get(2).get("id"));
        assertEquals("Kastenkoning", s.getString("data.partners[0].name"));
        assertEquals(9.3, s.getDouble("data.partners[0].score.overall"));
        assertEquals(4, s.getInt("data.partners[0].score.reviewCount"));
    }

    @Test
    void reviewDetailShowsOneReview() {
        JsonPath page = data(Operations.read("ReviewPage"), "partnerId", KASTENKONING, "orderBy", "OLDEST", "first", 2);
        String jennyId = page.getString("data.partner.reviews.edges[1].node.id");
        JsonPath detail = data(Operations.read("ReviewDetail"), "id", jennyId);
        assertEquals("Jenny uit Enschede", detail.getString("data.review.authorName"));
        assertEquals(8, detail.getInt("data.review.overall"));
        assertEquals(4, detail.getInt("data.review.originalOverall"));
        assertEquals("Kastenkoning", detail.getString("data.review.partner.name"));
        assertEquals(9.3, detail.getDouble("data.review.partner.score.overall"));
    }

    private static Map<String, Object> withoutNulls(Object map) {
        @SuppressWarnings("unchecked")
        Map<String, Object> m = new java.util.HashMap<>((Map<String, Object>) map);
        m.values().removeIf(java.util.Objects::isNull);
        return m;
    }
}
