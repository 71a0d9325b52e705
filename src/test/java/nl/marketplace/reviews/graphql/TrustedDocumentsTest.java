package nl.marketplace.reviews.graphql;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import nl.marketplace.reviews.api.Operations;
import nl.marketplace.reviews.support.TestData;
import nl.marketplace.reviews.support.TestEnvironment;
import nl.marketplace.reviews.support.Tokens;

/** With reviews.graphql.trusted-documents-only, anonymous callers run registered documents only; partners keep full GraphQL. */
@QuarkusTest
@QuarkusTestResource(TestEnvironment.class)
@TestProfile(TrustedDocumentsTest.TrustedOnly.class)
class TrustedDocumentsTest {

    public static class TrustedOnly implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("reviews.graphql.trusted-documents-only", "true");
        }
    }

    private static final String DEMO_PARTNER = "UGFydG5lcjoy";

    private static Response post(RequestSpecification request, String query, boolean withHash) {
        Map<String, Object> body = new HashMap<>();
        if (query != null) {
            body.put("query", query);
        }
        body.put("variables", Map.of("partnerIds", List.of(DEMO_PARTNER)));
        if (withHash) {
            body.put("extensions", Map.of("persistedQuery", Map.of("version", 1, "sha256Hash", PersistedQueries.sha256(query))));
        }
        return request.contentType("application/json").accept("application/json").body(body).when().post("/graphql");
    }

    private static String newQuery() {
        return "query Scores" + UUID.randomUUID().toString().replace("-", "") + "($partnerIds: [String!]!) { "
                + "partnerScores(partnerIds: $partnerIds) { partnerId } }";
    }

    @Test
    void anonymousCallersRunTheCommittedOperations() {
        String committed = Operations.read("PartnerSummaries");
        Response plain = post(given(), committed, false);
        assertEquals(200, plain.statusCode(), plain.asString());
        assertEquals(DEMO_PARTNER, plain.jsonPath().getString("data.partnerScores[0].partnerId"));
        Response byHash = given().contentType("application/json").body(Map.of("variables", Map.of("partnerIds", List.of(DEMO_PARTNER)),
                "extensions", Map.of("persistedQuery", Map.of("version", 1, "sha256Hash", PersistedQueries.sha256(committed)))))
                .when().post("/graphql");
        assertEquals(DEMO_PARTNER, byHash.jsonPath().getString("data.partnerScores[0].partnerId"), byHash.asString());
    }

    @Test
    void anonymousCallersCannotRunOrRegisterAnythingElse() {
        String query = newQuery();
        for (boolean withHash : new boolean[] { false, true }) {
            Response refused = post(given(), query, withHash);
            assertEquals(400, refused.statusCode(), refused.asString());
            assertEquals(List.of("PERSISTED_QUERY_NOT_IN_LIST"), refused.jsonPath().getList("errors.extensions.code"));
        }
        assertEquals(0, TestData.count("SELECT count(*) FROM persisted_query WHERE sha256 = '" + PersistedQueries.sha256(query) + "'"),
                "an anonymous registration is not kept");
    }

    @Test
    void aDocumentRegisteredBySignedInCallerIsTrustedForAnonymousOnes() {
        long partner = TestData.partner("Trusted documents partner");
        String query = newQuery();
        Response signedIn = post(given().header("Authorization", "Bearer " + Tokens.partner(partner)), query, true);
        assertEquals(200, signedIn.statusCode(), signedIn.asString());
        Response anonymous = post(given(), query, false);
        assertEquals(200, anonymous.statusCode(), anonymous.asString());
        assertEquals(DEMO_PARTNER, anonymous.jsonPath().getString("data.partnerScores[0].partnerId"));
    }

    @Test
    void signedInPartnersKeepFullGraphQL() {
        long partner = TestData.partner("Full GraphQL partner");
        Response answer = post(given().header("Authorization", "Bearer " + Tokens.partner(partner)), newQuery(), false);
        assertEquals(200, answer.statusCode(), answer.asString());
        assertEquals(DEMO_PARTNER, answer.jsonPath().getString("data.partnerScores[0].partnerId"));
    }
}
