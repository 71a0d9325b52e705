package nl.marketplace.reviews.http;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import nl.marketplace.reviews.support.TestEnvironment;

/**
 * Malformed GraphQL requests over real HTTP: each is a client's mistake, answered with its 4xx
 * status and a GraphQL error with a code, in milliseconds, never a 500 and never run.
 */
@QuarkusTest
@QuarkusTestResource(TestEnvironment.class)
class GraphQLEdgeTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String OK_QUERY = "{\"query\":\"{ __typename }\"}";

    static Stream<Arguments> mistakes() {
        String deep = "[".repeat(10_000) + "]".repeat(10_000);
        return Stream.of(
                Arguments.of("no content type", null, OK_QUERY, 415, "UNSUPPORTED_MEDIA_TYPE"),
                Arguments.of("an HTML form", "application/x-www-form-urlencoded", "query=%7B__typename%7D", 415, "UNSUPPORTED_MEDIA_TYPE"),
                Arguments.of("text/html", "text/html", OK_QUERY, 415, "UNSUPPORTED_MEDIA_TYPE"),
                Arguments.of("text/plain", "text/plain", OK_QUERY, 415, "UNSUPPORTED_MEDIA_TYPE"),
                Arguments.of("multipart", "multipart/form-data; boundary=x", OK_QUERY, 415, "UNSUPPORTED_MEDIA_TYPE"),
                Arguments.of("another charset", "application/json; charset=iso-8859-1", OK_QUERY, 415, "UNSUPPORTED_MEDIA_TYPE"),
                Arguments.of("empty body", "application/json", "", 400, "BAD_REQUEST"),
                Arguments.of("not JSON", "application/json", "{query: nope", 400, "BAD_REQUEST"),
                Arguments.of("a JSON list", "application/json", "[" + OK_QUERY + "]", 400, "BAD_REQUEST"),
                Arguments.of("a JSON string", "application/json", "\"{ __typename }\"", 400, "BAD_REQUEST"),
                Arguments.of("no query", "application/json", "{\"variables\":{}}", 400, "BAD_REQUEST"),
                Arguments.of("query null", "application/json", "{\"query\":null}", 400, "BAD_REQUEST"),
                Arguments.of("query a number", "application/json", "{\"query\":1}", 400, "BAD_REQUEST"),
                Arguments.of("query an object", "application/json", "{\"query\":{}}", 400, "BAD_REQUEST"),
                Arguments.of("variables a number", "application/json", "{\"query\":\"{ __typename }\",\"variables\":1}", 400, "BAD_REQUEST"),
                Arguments.of("variables a list", "application/json", "{\"query\":\"{ __typename }\",\"variables\":[]}", 400, "BAD_REQUEST"),
                Arguments.of("variables a string", "application/json", "{\"query\":\"{ __typename }\",\"variables\":\"{}\"}", 400,
                        "BAD_REQUEST"),
                Arguments.of("operationName a number", "application/json", "{\"query\":\"{ __typename }\",\"operationName\":7}", 400,
                        "BAD_REQUEST"),
                Arguments.of("operationName an object", "application/json", "{\"query\":\"{ __typename }\",\"operationName\":{}}", 400,
                        "BAD_REQUEST"),
                Arguments.of("extensions a list", "application/json", "{\"query\":\"{ __typename }\",\"extensions\":[1]}", 400,
                        "BAD_REQUEST"),
                Arguments.of("10,000-deep variables", "application/json", "{\"query\":\"{ __typename }\",\"variables\":{\"a\":" + deep + "}}",
                        400, "BAD_REQUEST"),
                Arguments.of("10,000-deep extensions", "application/json", "{\"query\":\"{ __typename }\",\"extensions\":{\"a\":" + deep
                        + "}}", 400, "BAD_REQUEST"),
                Arguments.of("a 1,000-digit JSON number", "application/json", "{\"query\":\"{ __typename }\",\"variables\":{\"a\":"
                        + "9".repeat(1000) + "}}", 400, "BAD_REQUEST"),
                // A document that does not parse is a request error: 200 with application/json, as the
                // GraphQL-over-HTTP spec says (400 with application/graphql-response+json: ErrorCodesTest).
                Arguments.of("a 200,000-digit GraphQL literal", "application/json", "{\"query\":\"{ partnerScores(partnerIds: [\\\"x\\\"], "
                        + "first: " + "9".repeat(200_000) + ") { overall } }\"}", 200, "GRAPHQL_PARSE_FAILED"),
                Arguments.of("a 500,000-digit GraphQL literal (over the body limit)", "application/json", "{\"query\":\"{ a(b: "
                        + "9".repeat(500_000) + ") }\"}", 413, "PAYLOAD_TOO_LARGE"));
    }

    @TestHTTPResource("/graphql")
    URI endpoint;

    /** Sent as is, with a plain HTTP client: rest-assured would encode forms and multipart bodies its own way. */
    private HttpResponse<String> send(String contentType, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint).POST(HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mistakes")
    void aMalformedRequestIsTheClientsMistake(String what, String contentType, String body, int status, String code) throws Exception {
        long start = System.nanoTime();
        HttpResponse<String> answer = send(contentType, body);
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertEquals(status, answer.statusCode(), what + ": " + answer.body());
        assertEquals(code, JSON.readTree(answer.body()).path("errors").path(0).path("extensions").path("code").asText(), what);
        assertTrue(answer.headers().firstValue("Content-Type").orElse("").startsWith("application/json"), what);
        assertTrue(millis < 2000, what + " took " + millis + " ms");
    }

    @Test
    void aClientThatAcceptsTheGraphQLResponseTypeGetsIt() {
        Response refused = given().contentType("application/json").accept("application/graphql-response+json")
                .body("{\"query\":1}").when().post("/graphql");
        assertEquals(400, refused.statusCode());
        assertTrue(refused.contentType().startsWith("application/graphql-response+json"), refused.contentType());
    }

    /** The answer is JSON: a client that accepts neither JSON type nor a wildcard gets 406, as SmallRye answered it, now with a code. */
    @Test
    void theAcceptHeaderIsHonoured() {
        for (String accept : new String[] { "*/*", "application/*", "application/json", "application/graphql+json",
                "text/html, application/json;q=0.5", "application/graphql-response+json" }) {
            Response answer = given().contentType("application/json").accept(accept).body(OK_QUERY).when().post("/graphql");
            assertEquals(200, answer.statusCode(), accept);
            assertEquals("Query", answer.jsonPath().getString("data.__typename"), accept);
        }
        for (String accept : new String[] { "text/html", "image/png, text/plain" }) {
            Response post = given().contentType("application/json").accept(accept).body(OK_QUERY).when().post("/graphql");
            assertEquals(406, post.statusCode(), accept);
            assertEquals("BAD_REQUEST", post.jsonPath().getString("errors[0].extensions.code"), accept);
            assertEquals(406, given().accept(accept).queryParam("query", "{ __typename }").when().get("/graphql").statusCode(), accept);
        }
    }

    @Test
    void aWellFormedRequestStillRuns() throws Exception {
        for (String type : new String[] { "application/json", "application/json; charset=utf-8", "APPLICATION/JSON;charset=UTF-8" }) {
            HttpResponse<String> answer = send(type, OK_QUERY);
            assertEquals(200, answer.statusCode(), type + ": " + answer.body());
            assertEquals("Query", JSON.readTree(answer.body()).path("data").path("__typename").asText(), type);
        }
    }

    @Test
    void numberLiteralsAreCountedOutsideStringsAndComments() {
        assertEquals(3, DocumentCheck.longestNumberLiteral("{ a(first: 100) }"));
        assertEquals(0, DocumentCheck.longestNumberLiteral("{ a(t: \"" + "1".repeat(500) + "\") }"));
        assertEquals(0, DocumentCheck.longestNumberLiteral("{ a(t: \"\"\"" + "1".repeat(500) + "\"\"\") }"));
        assertEquals(0, DocumentCheck.longestNumberLiteral("# " + "1".repeat(500) + "\n{ a }"));
        assertEquals(4, DocumentCheck.longestNumberLiteral("{ a(t: \"x\\\"1\", n: 1234) }"));
    }
}
