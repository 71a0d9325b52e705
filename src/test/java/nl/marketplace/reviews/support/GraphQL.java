package nl.marketplace.reviews.support;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/** Sends GraphQL requests over real HTTP with rest-assured. */
public final class GraphQL {

    private GraphQL() {
    }

    public static JsonPath post(String query, Object... variables) {
        return postAs(null, query, variables);
    }

    /** Posts with a bearer token (null: anonymous). */
    public static JsonPath postAs(String token, String query, Object... variables) {
        return request(token, query, variables).when().post("/graphql").then().statusCode(200).extract().jsonPath();
    }

    /** Posts to another instance's endpoint, giving up after 15 s without an answer; the status is the caller's to judge. */
    public static io.restassured.response.Response postTo(java.net.URI graphql, String token, String query, Object... variables) {
        return request(token, query, variables)
                .config(io.restassured.config.RestAssuredConfig.config().httpClient(io.restassured.config.HttpClientConfig
                        .httpClientConfig().setParam("http.connection.timeout", 5000).setParam("http.socket.timeout", 15000)))
                .when().post(graphql);
    }

    private static io.restassured.specification.RequestSpecification request(String token, String query, Object... variables) {
        Map<String, Object> vars = new HashMap<>();
        for (int i = 0; i < variables.length; i += 2) {
            vars.put((String) variables[i], variables[i + 1]);
        }
        Map<String, Object> body = new HashMap<>();
        body.put("query", query);
        body.put("variables", vars);
        var request = given().contentType(ContentType.JSON).body(body);
        if (token != null) {
            request = request.header("Authorization", "Bearer " + token);
        }
        return request;
    }

    /** The answer's data; fails when the answer has any error. */
    public static JsonPath data(String query, Object... variables) {
        JsonPath answer = post(query, variables);
        assertNull(answer.get("errors"), () -> "unexpected errors: " + answer.prettify());
        return answer;
    }

    /** The answer's data as this caller; fails when the answer has any error. */
    public static JsonPath dataAs(String token, String query, Object... variables) {
        JsonPath answer = postAs(token, query, variables);
        assertNull(answer.get("errors"), () -> "unexpected errors: " + answer.prettify());
        return answer;
    }

    /** The codes of the answer's errors, in order. */
    public static List<String> errorCodes(JsonPath answer) {
        return answer.getList("errors.extensions.code");
    }
}
