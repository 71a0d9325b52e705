package nl.marketplace.reviews.trusteddocument;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import nl.marketplace.reviews.api.Operations;
import nl.marketplace.reviews.support.TestData;
import nl.marketplace.reviews.support.TestEnvironment;
import nl.marketplace.reviews.support.Tokens;

/**
 * Automatic persisted queries (Apollo's protocol) over POST and GET, and GET for queries only; the
 * real Apollo Client is tried against the packaged service by .ci/apollo.
 */
@QuarkusTest
@QuarkusTestResource(TestEnvironment.class)
class PersistedQueriesTest {

    private static final String DEMO_PARTNER = "UGFydG5lcjoy";
    private static final String GRAPHQL_RESPONSE = "application/graphql-response+json";

    @Inject
    PersistedQueries store;

    private static Map<String, Object> persisted(String hash) {
        return Map.of("persistedQuery", Map.of("version", 1, "sha256Hash", hash));
    }

    private static Response post(String accept, Map<String, Object> body) {
        return given().contentType("application/json").accept(accept).body(body).when().post("/graphql");
    }

    private static Response get(String accept, Map<String, Object> params) {
        return given().accept(accept).queryParams(params).urlEncodingEnabled(true).when().get("/graphql");
    }

    private static String json(Object value) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(value);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void theCommittedOperationsAreRegisteredAtStart() throws Exception {
        List<Path> files;
        try (Stream<Path> list = Files.list(Path.of("graphql/operations"))) {
            files = list.filter(f -> f.toString().endsWith(".graphql")).toList();
        }
        assertTrue(files.size() >= 10);
        for (Path file : files) {
            String hash = PersistedQueries.sha256(Files.readString(file));
            assertEquals(1, TestData.count("SELECT count(*) FROM persisted_query WHERE committed AND sha256 = '" + hash + "'"), file.toString());
        }
        String hash = PersistedQueries.sha256(Operations.read("PartnerSummaries"));
        Response answer = post("application/json", Map.of("variables", Map.of("partnerIds", List.of(DEMO_PARTNER)), "extensions", persisted(hash)));
        assertEquals(200, answer.statusCode(), answer.asString());
        assertEquals(DEMO_PARTNER, answer.jsonPath().getString("data.partnerScores[0].partnerId"), answer.asString());
    }

    @Test
    void aMissThenARegistrationThenHitsOverGet() {
        String query = "query Summary" + UUID.randomUUID().toString().replace("-", "")
                + "($ids: [String!]!) { partnerScores(partnerIds: $ids) { partnerId reviewCount } }";
        String hash = PersistedQueries.sha256(query);
        Map<String, Object> params = Map.of("variables", json(Map.of("ids", List.of(DEMO_PARTNER))), "extensions", json(persisted(hash)));

        for (String accept : List.of("application/json", GRAPHQL_RESPONSE)) {
            Response miss = get(accept, params);
            assertEquals(accept.equals(GRAPHQL_RESPONSE) ? 400 : 200, miss.statusCode(), miss.asString());
            assertEquals(List.of("PersistedQueryNotFound"), miss.jsonPath().getList("errors.message"));
            assertEquals(List.of("PERSISTED_QUERY_NOT_FOUND"), miss.jsonPath().getList("errors.extensions.code"));
        }

        Map<String, Object> register = new HashMap<>();
        register.put("query", query);
        register.put("variables", Map.of("ids", List.of(DEMO_PARTNER)));
        register.put("extensions", persisted(hash));
        Response registered = post(GRAPHQL_RESPONSE, register);
        assertEquals(200, registered.statusCode(), registered.asString());
        assertEquals(DEMO_PARTNER, registered.jsonPath().getString("data.partnerScores[0].partnerId"));
        assertEquals(1, TestData.count("SELECT count(*) FROM persisted_query WHERE NOT committed AND sha256 = '" + hash + "'"));

        Response hit = get(GRAPHQL_RESPONSE, params);
        assertEquals(200, hit.statusCode(), hit.asString());
        assertTrue(hit.contentType().startsWith(GRAPHQL_RESPONSE), hit.contentType());
        assertEquals(registered.jsonPath().getMap("data"), hit.jsonPath().getMap("data"));
    }

    @Test
    void aQueryThatDoesNotHaveTheHashIsRefusedAndNotStored() {
        String query = "{ __typename }";
        String wrong = PersistedQueries.sha256("{ __typename __schema { description } }");
        Response answer = post("application/json", Map.of("query", query, "extensions", persisted(wrong)));
        assertEquals(400, answer.statusCode(), answer.asString());
        assertEquals(List.of("PERSISTED_QUERY_HASH_MISMATCH"), answer.jsonPath().getList("errors.extensions.code"));
        assertEquals(0, TestData.count("SELECT count(*) FROM persisted_query WHERE sha256 = '" + wrong + "'"));
    }

    @Test
    void malformedPersistedQueryExtensionsAreBadRequests() {
        String hash = PersistedQueries.sha256("{ __typename }");
        for (Object extension : List.of(Map.of("version", 2, "sha256Hash", hash), Map.of("version", "1", "sha256Hash", hash),
                Map.of("version", 1, "sha256Hash", hash.toUpperCase()), Map.of("version", 1, "sha256Hash", "abc"), Map.of("version", 1),
                "yes")) {
            Response answer = post("application/json", Map.of("extensions", Map.of("persistedQuery", extension)));
            assertEquals(400, answer.statusCode(), extension + ": " + answer.asString());
            assertEquals(List.of("BAD_REQUEST"), answer.jsonPath().getList("errors.extensions.code"), extension.toString());
        }
    }

    @Test
    void getRunsQueriesWithTheirParametersDecodedOnce() {
        // The literal comes back in the validation error: "+" and "%41" arrive as sent.
        Response answer = get("application/json", Map.of("query", "{ reviews(partnerId: \"x\", first: \"a+b%41\") { totalCount } }"));
        assertEquals(200, answer.statusCode(), answer.asString());
        assertTrue(answer.jsonPath().getString("errors[0].message").contains("\"a+b%41\""), answer.asString());

        Response scores = get("application/json", Map.of("query", Operations.read("PartnerSummaries"), "operationName", "PartnerSummaries",
                "variables", json(Map.of("partnerIds", List.of(DEMO_PARTNER)))));
        assertEquals(200, scores.statusCode(), scores.asString());
        assertEquals(DEMO_PARTNER, scores.jsonPath().getString("data.partnerScores[0].partnerId"));
    }

    @Test
    void getNeverRunsAMutationOrASubscription() {
        long partner = TestData.partner("GET partner");
        long review = TestData.review(partner, 4, nl.marketplace.reviews.support.TestClock.now().minusDays(1));
        for (String query : List.of(Operations.read("Reply"), "subscription { reviewEvents(partnerId: \"" + TestData.partnerId(partner)
                + "\") { type } }", "query A { __typename } mutation B { deleteReply(input: {reviewId: \"x\"}) { userErrors { code } } }")) {
            Response answer = given().accept("application/json").header("Authorization", "Bearer " + Tokens.partner(partner))
                    .queryParam("query", query).queryParam("variables", json(Map.of("input", Map.of("reviewId", TestData.reviewId(review),
                            "text", "Via GET"))))
                    .when().get("/graphql");
            assertEquals(405, answer.statusCode(), answer.asString());
            assertEquals("POST", answer.header("Allow"));
            assertEquals(List.of("METHOD_NOT_ALLOWED"), answer.jsonPath().getList("errors.extensions.code"));
        }
        assertEquals(0, TestData.count("SELECT count(*) FROM reply WHERE review_id = " + review));
    }

    @Test
    void aGetWithoutAQueryOrWithBadJsonIsABadRequest() {
        for (Map<String, Object> params : List.<Map<String, Object>>of(Map.of(), Map.of("query", "{ __typename }", "variables", "{nope"),
                Map.of("query", "{ __typename }", "extensions", "[1]"))) {
            Response answer = get("application/json", params);
            assertEquals(400, answer.statusCode(), params + ": " + answer.asString());
            assertEquals(List.of("BAD_REQUEST"), answer.jsonPath().getList("errors.extensions.code"));
        }
    }

    /** Every document not committed, with the manifests that list them (TrustedDocumentsTest, run before or after, leaves some). */
    private static void forgetRegistrations() {
        TestData.execute("DELETE FROM trusted_document WHERE sha256 IN (SELECT sha256 FROM persisted_query WHERE NOT committed)");
        TestData.execute("DELETE FROM persisted_query WHERE NOT committed");
    }

    @Test
    void theStoreIsPrunedLeastRecentlyUsedFirstAndKeepsTheCommittedOnes() throws Exception {
        long committed = TestData.count("SELECT count(*) FROM persisted_query WHERE committed");
        forgetRegistrations();
        TestData.execute("INSERT INTO persisted_query (sha256, document, registered_at, used_on) SELECT lpad(to_hex(g), 64, '0'), "
                + "'{ __typename }', now(), CASE WHEN g <= 5 THEN date '2025-01-01' ELSE date '2026-01-01' + (g % 300) END "
                + "FROM generate_series(1, 10005) g");
        int pruned = store.prune().subscribeAsCompletionStage().get();
        assertEquals(5, pruned);
        assertEquals(10_000, TestData.count("SELECT count(*) FROM persisted_query WHERE NOT committed"));
        assertEquals(committed, TestData.count("SELECT count(*) FROM persisted_query WHERE committed"));
        assertEquals(0, TestData.count("SELECT count(*) FROM persisted_query WHERE used_on = date '2025-01-01'"),
                "the least recently used went first");
        forgetRegistrations();
    }

    @Test
    void aFloodOfRegistrationsIsPrunedWithoutWaitingForTheHourlyJob() throws Exception {
        forgetRegistrations();
        TestData.execute("INSERT INTO persisted_query (sha256, document, registered_at, used_on) SELECT lpad(to_hex(g), 64, '0'), "
                + "'{ __typename }', now(), date '2026-01-01' FROM generate_series(1, 9500) g");
        assertEquals(0, store.prune().subscribeAsCompletionStage().get(), "below max-documents; the count starts here");
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        for (int i = 0; i < 1_001; i++) {
            String query = "query Flood" + i + " { __typename }";
            store.resolve(json.valueToTree(Map.of("version", 1, "sha256Hash", PersistedQueries.sha256(query))),
                    query, PersistedQueries.Asker.ANONYMOUS, true).subscribeAsCompletionStage().get();
        }
        nl.marketplace.reviews.support.Eventually.until("pruned to max-documents", java.time.Duration.ofSeconds(20),
                () -> TestData.count("SELECT count(*) FROM persisted_query WHERE NOT committed") == 10_000);
        assertEquals(1, TestData.count("SELECT count(*) FROM persisted_query WHERE document = 'query Flood1000 { __typename }'"),
                "the newest registration stays");
        forgetRegistrations();
    }
}
