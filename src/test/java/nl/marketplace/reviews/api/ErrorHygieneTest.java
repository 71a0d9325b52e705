package nl.marketplace.reviews.api;

import static io.restassured.RestAssured.given;
import static nl.marketplace.reviews.support.GraphQL.errorCodes;
import static nl.marketplace.reviews.support.GraphQL.post;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.smallrye.mutiny.Uni;
import nl.marketplace.reviews.db.Db;
import nl.marketplace.reviews.review.Classifier;
import nl.marketplace.reviews.review.Reply;
import nl.marketplace.reviews.review.ReviewRepository;
import nl.marketplace.reviews.support.TestData;
import nl.marketplace.reviews.support.TestEnvironment;
import nl.marketplace.reviews.support.TestClock;

/** Errors are clear, coded, and never show a stack trace, a Java class name or SQL. */
@QuarkusTest
@QuarkusTestResource(TestEnvironment.class)
class ErrorHygieneTest {

    @Inject
    Db db;

    @Inject
    Classifier classifier;

    private static final Pattern LEAK = Pattern.compile(
            "Exception|\\bat [a-z]+\\.|nl\\.marketplace|java\\.|io\\.(vertx|smallrye|quarkus)|SELECT|INSERT|relation \"|\\bpg\\b|date-time",
            Pattern.CASE_INSENSITIVE);

    /**
     * Messages show nothing of the implementation; extensions hold only the code.
     */
    private static void assertClean(JsonPath answer) {
        List<Map<String, Object>> errors = answer.getList("errors");
        for (Map<String, Object> error : errors) {
            String message = (String) error.get("message");
            assertFalse(LEAK.matcher(message).find(), message);
            @SuppressWarnings("unchecked")
            Map<String, Object> extensions = (Map<String, Object>) error.getOrDefault("extensions", Map.of());
            assertEquals(Set.of("code"), extensions.keySet(), extensions::toString);
            assertTrue(((String) extensions.get("code")).matches("[A-Z_]+"), extensions::toString);
        }
    }

    @Test
    void anUnexpectedFailureIsAnInternalServerErrorWithNothingOfItsCause() {
        long partner = TestData.partner("Broken partner");
        long review = TestData.review(partner, 7, TestClock.now());
        // node(id) loads the reply on its own (review(id) loads it with the review, look-ahead). For
        // this one request the reply's statement fails as a broken database would, full of the
        // details a client must not see; the shared schema stays as it is.
        QuarkusMock.installMockForType(new ReviewRepository(db, classifier) {
            @Override
            public Uni<Map<Long, Reply>> replies(List<Long> reviewKeys) {
                return Uni.createFrom().failure(new IllegalStateException(
                        "ERROR: relation \"reply\" does not exist (42P01) in SELECT review_id, text FROM reply at "
                                + ReviewRepository.class.getName()));
            }
        }, ReviewRepository.class);
        String query = "query($id: ID!) { node(id: $id) { id ... on Review { reply { text } } } }";
        JsonPath answer = post(query, "id", TestData.reviewId(review));
        assertEquals(List.of("INTERNAL_SERVER_ERROR"), errorCodes(answer));
        assertEquals("Internal server error", answer.getString("errors[0].message"));
        assertEquals(List.of("node", "reply"), answer.getList("errors[0].path"));
        assertClean(answer);
        // The rest of the answer is still there.
        assertEquals(TestData.reviewId(review), answer.getString("data.node.id"));
    }

    @Test
    void aTwentyDeepQueryIsRefusedClearly() {
        StringBuilder q = new StringBuilder("{ partner(id: \"UGFydG5lcjox\") { ");
        for (int i = 0; i < 5; i++) {
            q.append("reviews(first: 1) { nodes { partner { ");
        }
        q.append("name");
        q.append(" } } }".repeat(5)).append(" } }");
        JsonPath answer = post(q.toString());
        assertNull(answer.get("data"));
        assertTrue(answer.getString("errors[0].message").contains("maximum query depth exceeded"), answer.prettify());
        assertClean(answer);
    }

    @Test
    void aTenThousandFieldQueryIsRefusedClearly() {
        StringBuilder q = new StringBuilder("{ partner(id: \"UGFydG5lcjox\") { ");
        for (int i = 0; i < 10_000; i++) {
            q.append("f").append(i).append(": name ");
        }
        q.append("} }");
        JsonPath answer = post(q.toString());
        assertNull(answer.get("data"));
        String message = answer.getString("errors[0].message");
        assertTrue(message.startsWith("maximum query complexity exceeded"), message);
        assertClean(answer);
    }

    @Test
    void aThreeThousandFieldQueryExceedsTheComplexityLimit() {
        StringBuilder q = new StringBuilder("{ partner(id: \"UGFydG5lcjox\") { ");
        for (int i = 0; i < 3_000; i++) {
            q.append("f").append(i).append(": name ");
        }
        JsonPath answer = post(q.append("} }").toString());
        assertNull(answer.get("data"));
        assertTrue(answer.getString("errors[0].message").startsWith("maximum query complexity exceeded"), answer.prettify());
    }

    @Test
    void malformedRequestsGetErrorsNotStackTraces() {
        for (String query : List.of("{ partner(id: \"UGFydG5lcjox\") { name ", "{ nope }", "{ review(id: 5) { id } }",
                "{ partnerScore(partnerId: \"UGFydG5lcjox\", asOf: \"yesterday\") { overall } }")) {
            JsonPath answer = post(query);
            assertFalse(answer.getList("errors").isEmpty(), query);
            assertClean(answer);
        }
        String body = given().contentType(ContentType.JSON).body("{\"query\": ").when().post("/graphql").then().extract().asString();
        assertClean(new JsonPath(body));
    }

    @Test
    void outOfRangeMomentsAreBadInput() {
        JsonPath answer = post("{ partnerScore(partnerId: \"UGFydG5lcjox\", asOf: \"+999999999-12-31T23:59:59Z\") { overall } }");
        assertEquals(List.of("BAD_USER_INPUT"), errorCodes(answer));
        assertClean(answer);
        answer = post("{ reviews(partnerId: \"UGFydG5lcjox\", filter: { createdFrom: \"1066-10-14T00:00:00Z\" }) { totalCount } }");
        assertEquals(List.of("BAD_USER_INPUT"), errorCodes(answer));
    }
}
