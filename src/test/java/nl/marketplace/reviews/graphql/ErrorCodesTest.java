package nl.marketplace.reviews.graphql;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.eclipse.microprofile.graphql.Description;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.smallrye.graphql.api.ErrorCode;
import nl.marketplace.reviews.event.SubscriptionEnded;
import nl.marketplace.reviews.node.NodeGraphQL;
import nl.marketplace.reviews.security.ForbiddenException;
import nl.marketplace.reviews.support.TestEnvironment;

/**
 * Every error a client can cause has an {@code extensions.code} from the one documented list
 * ({@link ApiErrorCode}), a message without Java class names, and the status the GraphQL-over-HTTP
 * spec gives it: a request that fails before it runs (parse, validation, variables, limits) is 400
 * to a client that accepts application/graphql-response+json and 200 to one that accepts
 * application/json; an error while running (NOT_FOUND) is 200 with data for both.
 */
@QuarkusTest
@QuarkusTestResource(TestEnvironment.class)
class ErrorCodesTest {

    private static final String GRAPHQL_RESPONSE = "application/graphql-response+json";
    private static final Pattern JAVA_NAMES = Pattern.compile("nl\\.marketplace|java\\.|graphql\\.|io\\.smallrye|Exception|"
            + "Unknown Scalar Type|StringValue|IntValue|FloatValue|ObjectValue");
    private static final String PARTNER = "UGFydG5lcjox";

    static Stream<Arguments> requestErrors() {
        String deep = "{ partner(id: \"" + PARTNER + "\") { " + "reviews { nodes { partner { ".repeat(5) + "name" + " } } }".repeat(5) + " } }";
        StringBuilder many = new StringBuilder("{ ");
        for (int i = 0; i < 1100; i++) {
            many.append("a").append(i).append(": partner(id: \"").append(PARTNER).append("\") { name } ");
        }
        many.append("}");
        return Stream.of(
                Arguments.of("a syntax error", "{ partner(id: \"x\" { name } }", Map.of(), "GRAPHQL_PARSE_FAILED"),
                Arguments.of("an empty document", "", Map.of(), "GRAPHQL_PARSE_FAILED"),
                Arguments.of("an unknown field", "{ partner(id: \"" + PARTNER + "\") { nme } }", Map.of(), "GRAPHQL_VALIDATION_FAILED"),
                Arguments.of("a missing argument", "{ partner { name } }", Map.of(), "GRAPHQL_VALIDATION_FAILED"),
                Arguments.of("an unknown argument", "{ partner(id: \"" + PARTNER + "\", x: 1) { name } }", Map.of(), "GRAPHQL_VALIDATION_FAILED"),
                Arguments.of("an undeclared variable", "{ partner(id: $id) { name } }", Map.of(), "GRAPHQL_VALIDATION_FAILED"),
                Arguments.of("a subscription over HTTP with two fields", "subscription { a: reviewEvents(partnerId: \"x\") { type } "
                        + "b: reviewEvents(partnerId: \"y\") { type } }", Map.of(), "GRAPHQL_VALIDATION_FAILED"),
                Arguments.of("an Int literal 8.5", "{ partner(id: \"" + PARTNER + "\") { reviews(first: 8.5) { totalCount } } }", Map.of(),
                        "BAD_USER_INPUT"),
                Arguments.of("an Int literal \"10\"", "{ partner(id: \"" + PARTNER + "\") { reviews(first: \"10\") { totalCount } } }",
                        Map.of(), "BAD_USER_INPUT"),
                Arguments.of("a filter moment \"yesterday\"", "{ partner(id: \"" + PARTNER + "\") { reviews(filter: {createdFrom: "
                        + "\"yesterday\"}) { totalCount } } }", Map.of(), "BAD_USER_INPUT"),
                Arguments.of("a filter moment without offset", "{ partner(id: \"" + PARTNER + "\") { reviews(filter: {createdBefore: "
                        + "\"2026-01-01T10:00:00\"}) { totalCount } } }", Map.of(), "BAD_USER_INPUT"),
                // graphql-java calls a literal with an unknown field a value of the wrong type, as for a variable.
                Arguments.of("an unknown filter field", "{ partner(id: \"" + PARTNER + "\") { reviews(filter: {stars: 5}) { totalCount } } }",
                        Map.of(), "BAD_USER_INPUT"),
                Arguments.of("a variable moment \"yesterday\"", "query($f: ReviewFilter) { partner(id: \"" + PARTNER + "\") { "
                        + "reviews(filter: $f) { totalCount } } }", Map.of("f", Map.of("createdFrom", "yesterday")), "BAD_USER_INPUT"),
                Arguments.of("a variable asOf 12", "query($t: DateTime) { partner(id: \"" + PARTNER + "\") { score(asOf: $t) { overall } } }",
                        Map.of("t", 12), "BAD_USER_INPUT"),
                Arguments.of("a variable Int \"10\"", "query($n: Int) { partner(id: \"" + PARTNER + "\") { reviews(first: $n) { totalCount } } }",
                        Map.of("n", "10"), "BAD_USER_INPUT"),
                Arguments.of("a variable Int 2^40", "query($n: Int) { partner(id: \"" + PARTNER + "\") { reviews(first: $n) { totalCount } } }",
                        Map.of("n", 1L << 40), "BAD_USER_INPUT"),
                Arguments.of("a missing non-null variable", "query($id: ID!) { partner(id: $id) { name } }", Map.of(), "BAD_USER_INPUT"),
                Arguments.of("an unknown input field in a variable", "query($f: ReviewFilter) { partner(id: \"" + PARTNER + "\") { "
                        + "reviews(filter: $f) { totalCount } } }", Map.of("f", Map.of("stars", 5)), "BAD_USER_INPUT"),
                Arguments.of("an unknown enum value in a variable", "query($o: ReviewOrder) { partner(id: \"" + PARTNER + "\") { "
                        + "reviews(orderBy: $o) { totalCount } } }", Map.of("o", "RANDOM"), "BAD_USER_INPUT"),
                Arguments.of("too deep", deep, Map.of(), "QUERY_TOO_COMPLEX"),
                Arguments.of("too many fields", many.toString(), Map.of(), "QUERY_TOO_COMPLEX"));
    }

    private static Response send(String accept, String query, Map<String, Object> variables) {
        Map<String, Object> body = new HashMap<>();
        body.put("query", query);
        body.put("variables", variables);
        return given().contentType("application/json").accept(accept).body(body).when().post("/graphql");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("requestErrors")
    void aRequestErrorHasItsCodeAndStatus(String what, String query, Map<String, Object> variables, String code) {
        for (String accept : List.of(GRAPHQL_RESPONSE, "application/json", "*/*")) {
            Response answer = send(accept, query, variables);
            boolean graphqlResponse = accept.equals(GRAPHQL_RESPONSE);
            assertEquals(graphqlResponse ? 400 : 200, answer.statusCode(), what + " with " + accept + ": " + answer.asString());
            assertTrue(answer.contentType().startsWith(graphqlResponse ? GRAPHQL_RESPONSE : "application/json"),
                    what + " with " + accept + ": " + answer.contentType());
            assertEquals(null, (Object) answer.jsonPath().get("data"), what + ": a request error has no data");
            List<String> codes = answer.jsonPath().getList("errors.extensions.code");
            assertFalse(codes.isEmpty(), what);
            assertTrue(codes.stream().allMatch(code::equals), what + ": " + answer.asString());
            for (String message : answer.jsonPath().<String>getList("errors.message")) {
                assertFalse(JAVA_NAMES.matcher(message).find(), what + ": " + message);
            }
        }
    }

    @Test
    void aBadMomentSaysWhichFieldAndWhy() {
        String message = send(GRAPHQL_RESPONSE, "{ partner(id: \"" + PARTNER + "\") { reviews(filter: {createdFrom: \"yesterday\"}) "
                + "{ totalCount } } }", Map.of()).jsonPath().getString("errors[0].message");
        assertTrue(message.contains("createdFrom") && message.contains("\"yesterday\"") && message.contains("ISO 8601"), message);
    }

    @Test
    void anErrorWhileRunningIsAnswered200WithData() {
        for (String accept : List.of(GRAPHQL_RESPONSE, "application/json")) {
            Response answer = send(accept, "{ partner(id: \"UGFydG5lcjo5OTk5OTk=\") { name } }", Map.of());
            assertEquals(200, answer.statusCode(), accept);
            assertEquals(List.of("NOT_FOUND"), answer.jsonPath().getList("errors.extensions.code"), accept);
            assertTrue(answer.jsonPath().getMap("data").containsKey("partner"), accept);
        }
    }

    @Test
    void aGoodRequestIsAnswered200InTheAcceptedType() {
        for (String accept : List.of(GRAPHQL_RESPONSE, "application/json", "*/*")) {
            Response answer = send(accept, "{ __typename }", Map.of());
            assertEquals(200, answer.statusCode(), accept);
            assertTrue(answer.contentType().startsWith(accept.equals(GRAPHQL_RESPONSE) ? GRAPHQL_RESPONSE : "application/json"),
                    accept + ": " + answer.contentType());
        }
        Response none = given().contentType("application/json").header("Accept", "").body("{\"query\":\"{ __typename }\"}").post("/graphql");
        assertTrue(none.contentType().startsWith("application/json"), none.contentType());
    }

    @Test
    void theListIsTheOneInTheReadmeAndTheSchemaAndEveryCodeIsOnIt() throws Exception {
        String readme = Files.readString(Path.of("README.md"));
        String schemaDescription = NodeGraphQL.class.getAnnotation(Description.class).value();
        List<String> listed = Arrays.stream(ApiErrorCode.values()).map(Enum::name).toList();
        for (String code : listed) {
            assertTrue(readme.contains("`" + code + "`"), code + " is in the README");
            assertTrue(schemaDescription.contains(code), code + " is in the schema description");
        }
        for (Class<?> failure : List.of(BadUserInputException.class, NotFoundException.class, InternalServerError.class,
                ServiceUnavailable.class, OutcomeUnknown.class, ForbiddenException.class)) {
            assertTrue(listed.contains(failure.getAnnotation(ErrorCode.class).value()), failure.getSimpleName());
        }
        for (SubscriptionEnded.Code code : SubscriptionEnded.Code.values()) {
            assertTrue(listed.contains(code.name()), code.name());
        }
    }
}
