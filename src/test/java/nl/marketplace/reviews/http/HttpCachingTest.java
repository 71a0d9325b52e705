package nl.marketplace.reviews.http;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.scheduler.Scheduler;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import nl.marketplace.reviews.api.Operations;
import nl.marketplace.reviews.db.Db;
import nl.marketplace.reviews.support.GraphQL;
import nl.marketplace.reviews.support.TestClock;
import nl.marketplace.reviews.support.TestData;
import nl.marketplace.reviews.support.TestEnvironment;
import nl.marketplace.reviews.support.Tokens;

/**
 * Public answers are cacheable and revalidate with 304 until something public changes; private
 * ones never are.
 */
@QuarkusTest
@QuarkusTestResource(TestEnvironment.class)
class HttpCachingTest {

    @Inject
    Db db;

    @Inject
    Scheduler scheduler;

    private static String variables(long partner) {
        return "{\"partnerIds\":[\"" + TestData.partnerId(partner) + "\"]}";
    }

    private static Response summary(RequestSpecification request, long partner) {
        return request.accept("application/json").queryParam("query", Operations.read("PartnerSummaries"))
                .queryParam("variables", variables(partner)).when().get("/graphql");
    }

    @Test
    void aPublicAnswerRevalidatesWith304UntilSomethingPublicChanges() {
        long partner = TestData.partner("Cached partner");
        long review = TestData.review(partner, 9, TestClock.now().minusDays(1));

        Response first = summary(given(), partner);
        assertEquals(200, first.statusCode(), first.asString());
        assertEquals("public, max-age=60", first.header("Cache-Control"));
        assertTrue(first.header("Vary").contains("Authorization") && first.header("Vary").contains("Accept"), first.header("Vary"));
        String etag = first.header("ETag");
        assertNotNull(etag);
        assertTrue(etag.startsWith("W/\""), etag);

        scheduler.pause();
        try {
            long before = db.statementCount();
            Response revalidated = summary(given().header("If-None-Match", etag), partner);
            assertEquals(304, revalidated.statusCode());
            assertEquals(etag, revalidated.header("ETag"));
            assertEquals("", revalidated.asString());
            assertEquals(before + 1, db.statementCount(), "a 304 runs one statement: the versions of the partners its ETag names");
        } finally {
            scheduler.resume();
        }

        // A public change (a reply, through the API) makes the ETag stale at once: it moved the partner's public version.
        GraphQL.dataAs(Tokens.partner(partner), Operations.read("Reply"), "input", Map.of("reviewId", TestData.reviewId(review),
                "text", "Dank je wel"));
        Response fresh = summary(given().header("If-None-Match", etag), partner);
        assertEquals(200, fresh.statusCode());
        assertNotEquals(etag, fresh.header("ETag"));
        assertEquals(first.jsonPath().getMap("data"), fresh.jsonPath().getMap("data"), "the reply is not part of the summary");
    }

    @Test
    void aChangeToOneShopLeavesTheOthersAlone() {
        long one = TestData.partner("Unchanged shop");
        long two = TestData.partner("Changing shop");
        TestData.review(one, 8, TestClock.now().minusDays(2));
        String etag = summary(given(), one).header("ETag");
        String etagOfTwo = summary(given(), two).header("ETag");
        TestData.review(two, 3, TestClock.now().minusDays(1));
        assertEquals(304, summary(given().header("If-None-Match", etag), one).statusCode(), "another shop's review changes nothing here");
        assertEquals(200, summary(given().header("If-None-Match", etagOfTwo), two).statusCode());
        // Both shops in one answer: it depends on both.
        String both = "{\"partnerIds\":[\"" + TestData.partnerId(one) + "\",\"" + TestData.partnerId(two) + "\"]}";
        Response first = given().accept("application/json").queryParam("query", Operations.read("PartnerSummaries"))
                .queryParam("variables", both).when().get("/graphql");
        TestData.review(two, 9, TestClock.now().minusDays(1));
        assertEquals(200, given().accept("application/json").header("If-None-Match", first.header("ETag"))
                .queryParam("query", Operations.read("PartnerSummaries")).queryParam("variables", both).when().get("/graphql").statusCode());
    }

    @Test
    void anAnswerTheVersionsDoNotCoverHasNoETag() {
        // A review id that names no review yet: a future insert would change the answer, no partner's version says so.
        Response missing = given().accept("application/json").queryParam("query", "query($id: ID!) { review(id: $id) { id } }")
                .queryParam("variables", "{\"id\":\"" + TestData.reviewId(Long.MAX_VALUE / 2) + "\"}").when().get("/graphql");
        assertEquals(200, missing.statusCode(), missing.asString());
        assertNull(missing.header("ETag"));
        assertEquals("private, no-store", missing.header("Cache-Control"));
        // An ETag of ours for another request, or one forged, is no match.
        long partner = TestData.partner("Forged");
        String etag = summary(given(), partner).header("ETag");
        assertEquals(200, summary(given().header("If-None-Match", etag.replace("W/\"", "W/\"0")), partner).statusCode());
        assertEquals(200, summary(given().header("If-None-Match", "W/\"" + "0".repeat(24) + "_zz.0\""), partner).statusCode());
    }

    @Test
    void theAnswerDependsOnTheRequest() {
        long one = TestData.partner("Cached one");
        long two = TestData.partner("Cached two");
        assertNotEquals(summary(given(), one).header("ETag"), summary(given(), two).header("ETag"));
        Response asJson = summary(given(), one);
        Response asGraphQL = given().accept("application/graphql-response+json").queryParam("query", Operations.read("PartnerSummaries"))
                .queryParam("variables", variables(one)).when().get("/graphql");
        assertNotEquals(asJson.header("ETag"), asGraphQL.header("ETag"), "the media type is part of it");
        assertEquals(304, summary(given().header("If-None-Match", "\"other\", " + asJson.header("ETag")), one).statusCode());
    }

    @Test
    void privateAnswersAreNeverCached() {
        long partner = TestData.partner("Private partner");
        long review = TestData.review(partner, 4, TestClock.now().minusDays(1));
        // Signed in.
        Response signedIn = summary(given().header("Authorization", "Bearer " + Tokens.partner(partner)), partner);
        assertEquals(200, signedIn.statusCode());
        assertEquals("private, no-store", signedIn.header("Cache-Control"));
        assertNull(signedIn.header("ETag"));
        // An answer with an error (a private field, anonymously): no-store.
        Response forbidden = given().accept("application/json").queryParam("query", "query($id: ID!) { review(id: $id) { id orderNumber } }")
                .queryParam("variables", "{\"id\":\"" + TestData.reviewId(review) + "\"}").when().get("/graphql");
        assertEquals(List.of("FORBIDDEN"), forbidden.jsonPath().getList("errors.extensions.code"));
        assertEquals("private, no-store", forbidden.header("Cache-Control"));
        assertNull(forbidden.header("ETag"));
        // POST.
        Response post = given().contentType("application/json").body(Map.of("query", "{ __typename }")).when().post("/graphql");
        assertEquals("private, no-store", post.header("Cache-Control"));
        // A refusal.
        Response refused = given().queryParam("query", "mutation { __typename }").when().get("/graphql");
        assertEquals(405, refused.statusCode());
        assertEquals("private, no-store", refused.header("Cache-Control"));
    }
}
