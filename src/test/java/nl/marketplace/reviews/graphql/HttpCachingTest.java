package nl.marketplace.reviews.graphql;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
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
import nl.marketplace.reviews.support.Eventually;
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
            assertEquals(before, db.statementCount(), "a 304 runs nothing");
        } finally {
            scheduler.resume();
        }

        // A public change (a reply, through the API) makes the ETag stale on every instance that listens.
        GraphQL.dataAs(Tokens.partner(partner), Operations.read("Reply"), "input", Map.of("reviewId", TestData.reviewId(review),
                "text", "Dank je wel"));
        Eventually.until("the ETag is stale", Duration.ofSeconds(10),
                () -> summary(given().header("If-None-Match", etag), partner).statusCode() == 200);
        Response fresh = summary(given().header("If-None-Match", etag), partner);
        assertNotEquals(etag, fresh.header("ETag"));
        assertEquals(first.jsonPath().getMap("data"), fresh.jsonPath().getMap("data"), "the reply is not part of the summary");
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
