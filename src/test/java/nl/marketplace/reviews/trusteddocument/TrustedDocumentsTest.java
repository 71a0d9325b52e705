package nl.marketplace.reviews.trusteddocument;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

    /** A partner's registration is its own: never trusted for anyone, and not served by its hash to anyone else. */
    @Test
    void aDocumentAPartnerRegisteredIsNotTrustedForAnonymousCallers() {
        long partner = TestData.partner("Trusted documents partner");
        String query = newQuery();
        Response signedIn = post(given().header("Authorization", "Bearer " + Tokens.partner(partner)), query, true);
        assertEquals(200, signedIn.statusCode(), signedIn.asString());
        assertEquals(1, TestData.count("SELECT count(*) FROM persisted_query WHERE NOT trusted AND owner_partner = " + partner
                + " AND sha256 = '" + PersistedQueries.sha256(query) + "'"));
        for (boolean withHash : new boolean[] { false, true }) {
            Response anonymous = post(given(), query, withHash);
            assertEquals(400, anonymous.statusCode(), anonymous.asString());
            assertEquals(List.of("PERSISTED_QUERY_NOT_IN_LIST"), anonymous.jsonPath().getList("errors.extensions.code"));
        }
        // Another partner asking by hash alone does not get it either.
        Response other = given().header("Authorization", "Bearer " + Tokens.partner(TestData.partner("Other trusted documents partner")))
                .contentType("application/json").body(Map.of("variables", Map.of("partnerIds", List.of(DEMO_PARTNER)), "extensions",
                        Map.of("persistedQuery", Map.of("version", 1, "sha256Hash", PersistedQueries.sha256(query)))))
                .when().post("/graphql");
        assertEquals(List.of("PERSISTED_QUERY_NOT_FOUND"), other.jsonPath().getList("errors.extensions.code"), other.asString());
    }

    /**
     * An app's manifest, listed by an administrator: its operations run for anonymous callers, by hash
     * and in full, survive pruning however many other documents come and go, and stop when the app
     * version is unlisted.
     */
    @Test
    void aManifestsOperationsAreTrustedKeptWhileListedAndStopWhenUnlisted() throws Exception {
        String query = newQuery();
        String manifest = new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(Map.of(
                "format", "apollo-persisted-query-manifest", "version", 1,
                "operations", List.of(Map.of("id", PersistedQueries.sha256(query), "name", "Scores", "type", "query", "body", query))));
        String version = "5." + UUID.randomUUID().toString().substring(0, 8);
        io.restassured.path.json.JsonPath listed = nl.marketplace.reviews.support.GraphQL.dataAs(Tokens.admin(), REGISTER, "input",
                Map.of("client", "ios", "version", version, "manifest", manifest));
        assertEquals(List.of(), listed.getList("data.registerTrustedDocuments.userErrors"));
        assertEquals(1, listed.getInt("data.registerTrustedDocuments.listed"));

        Response inFull = post(given(), query, false);
        Response byHash = given().contentType("application/json").body(Map.of("variables", Map.of("partnerIds", List.of(DEMO_PARTNER)),
                "extensions", Map.of("persistedQuery", Map.of("version", 1, "sha256Hash", PersistedQueries.sha256(query))))).when().post("/graphql");
        for (Response anonymous : List.of(inFull, byHash)) {
            assertEquals(200, anonymous.statusCode(), anonymous.asString());
            assertEquals(DEMO_PARTNER, anonymous.jsonPath().getString("data.partnerScores[0].partnerId"), anonymous.asString());
        }

        // More registrations than the store keeps: pruning passes over the listed document.
        TestData.execute("INSERT INTO persisted_query (sha256, document, registered_at, used_on) SELECT 'e' || lpad(to_hex(g), 63, '0'), "
                + "'{ __typename }', now(), date '2030-01-01' FROM generate_series(1, 10050) g ON CONFLICT DO NOTHING");
        long untrusted = TestData.count("SELECT count(*) FROM persisted_query WHERE NOT committed AND NOT trusted");
        assertTrue(untrusted > 10_000, "more than the store keeps: " + untrusted);
        int pruned = store.prune().subscribeAsCompletionStage().get();
        assertEquals(untrusted - 10_000, pruned, "pruned down to max-documents");
        assertEquals(1, TestData.count("SELECT count(*) FROM persisted_query WHERE trusted AND sha256 = '" + PersistedQueries.sha256(query) + "'"),
                "the listed document is kept");
        TestData.execute("DELETE FROM persisted_query WHERE NOT committed AND NOT trusted");

        io.restassured.path.json.JsonPath unlisted = nl.marketplace.reviews.support.GraphQL.dataAs(Tokens.admin(), UNLIST, "input",
                Map.of("client", "ios", "version", version));
        assertEquals(1, unlisted.getInt("data.unlistTrustedDocuments.listed"));
        Response refused = post(given(), query, false);
        assertEquals(List.of("PERSISTED_QUERY_NOT_IN_LIST"), refused.jsonPath().getList("errors.extensions.code"), refused.asString());
    }

    @Test
    void aManifestWhoseIdsAreNotTheHashesOfItsBodiesIsRefused() {
        String manifest = "{\"format\":\"apollo-persisted-query-manifest\",\"version\":1,\"operations\":[{\"id\":\"" + "0".repeat(64)
                + "\",\"name\":\"X\",\"type\":\"query\",\"body\":\"{ __typename }\"}]}";
        io.restassured.path.json.JsonPath refused = nl.marketplace.reviews.support.GraphQL.dataAs(Tokens.admin(), REGISTER, "input",
                Map.of("client", "ios", "version", "1", "manifest", manifest));
        assertEquals(List.of("INVALID"), refused.getList("data.registerTrustedDocuments.userErrors.code"));
        assertEquals(List.of("input", "manifest"), refused.getList("data.registerTrustedDocuments.userErrors[0].field"));
    }

    static final String REGISTER = "mutation($input: RegisterTrustedDocumentsInput!) { registerTrustedDocuments(input: $input) { "
            + "listed newDocuments userErrors { field message code } } }";
    static final String UNLIST = "mutation($input: UnlistTrustedDocumentsInput!) { unlistTrustedDocuments(input: $input) { "
            + "listed userErrors { field message code } } }";

    @jakarta.inject.Inject
    PersistedQueries store;

    @Test
    void signedInPartnersKeepFullGraphQL() {
        long partner = TestData.partner("Full GraphQL partner");
        Response answer = post(given().header("Authorization", "Bearer " + Tokens.partner(partner)), newQuery(), false);
        assertEquals(200, answer.statusCode(), answer.asString());
        assertEquals(DEMO_PARTNER, answer.jsonPath().getString("data.partnerScores[0].partnerId"));
    }
}
