package nl.marketplace.reviews.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import nl.marketplace.reviews.support.TestEnvironment;

/**
 * All resolvers of one request share one Vert.x context (quarkus issue 32870), and sibling root
 * fields run concurrently. Five aliased root fields with nested batched fields, 50 requests at once:
 * every answer is complete, error-free and the same as the answer to one request alone.
 */
@QuarkusTest
@QuarkusTestResource(TestEnvironment.class)
class ConcurrencyTest {

    static final String QUERY = """
            {
              a: partner(id: "UGFydG5lcjoy") { name score { overall monthly(last: 3) { average } }
                   reviews(first: 30) { totalCount nodes { id revisions { overall } reply { text } partner { name } } } }
              b: partner(id: "UGFydG5lcjoz") { name score { overall } reviews(first: 30, orderBy: LOWEST_OVERALL) {
                   nodes { id overall revisions { comment } partner { score { reviewCount } } } } }
              c: reviews(partnerId: "UGFydG5lcjo0", first: 30) { totalCount edges { cursor node { reply { text } revisions { overall } } } }
              d: partnerScores(partnerIds: ["UGFydG5lcjox", "UGFydG5lcjo1", "UGFydG5lcjo2"]) { overall monthly(last: 6) { reviewCount } }
              e: partner(id: "UGFydG5lcjox") { reviews(first: 10) { nodes { authorName revisions { overall } reply { text } partner { name } } } }
            }""";

    @TestHTTPResource("/graphql")
    URI endpoint;

    @Test
    void fiftyConcurrentRequestsWithFiveAliasedRootFields() throws Exception {
        ObjectMapper json = new ObjectMapper();
        HttpClient client = HttpClient.newHttpClient();
        HttpRequest request = HttpRequest.newBuilder(endpoint).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(Map.of("query", QUERY)))).build();

        String alone = client.send(request, HttpResponse.BodyHandlers.ofString()).body();
        assertFalse(json.readTree(alone).has("errors"), alone);

        for (int round = 0; round < 3; round++) {
            List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                answers.add(client.sendAsync(request, HttpResponse.BodyHandlers.ofString()));
            }
            for (CompletableFuture<HttpResponse<String>> answer : answers) {
                HttpResponse<String> response = answer.get();
                assertEquals(200, response.statusCode());
                assertFalse(json.readTree(response.body()).has("errors"), response.body());
                assertEquals(json.readTree(alone), json.readTree(response.body()));
            }
        }
    }
}
