package nl.marketplace.reviews.http;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import nl.marketplace.reviews.graphql.ApiErrorCode;
import nl.marketplace.reviews.observability.ErrorCodeMetrics;

/** An answer for a request that is not run: a status and a GraphQL error with a code, in the media type the client accepts. */
final class Refusals {

    static final String GRAPHQL_RESPONSE = "application/graphql-response+json";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String GRAPHQL_RESPONSE_UTF8 = GRAPHQL_RESPONSE + "; charset=utf-8";
    private static final String JSON_UTF8 = "application/json; charset=utf-8";

    private Refusals() {
    }

    /** A refusal found by a step: answered by the edge with {@link #refuse}. */
    static final class Refusal extends RuntimeException {
        final int status;
        final ApiErrorCode code;

        Refusal(int status, ApiErrorCode code, String message) {
            super(message, null, false, false);
            this.status = status;
            this.code = code;
        }
    }

    static boolean acceptsGraphQLResponse(RoutingContext rc) {
        String accept = rc.request().getHeader(HttpHeaders.ACCEPT);
        return accept != null && accept.contains(GRAPHQL_RESPONSE);
    }

    static String contentType(boolean graphqlResponse) {
        return graphqlResponse ? GRAPHQL_RESPONSE_UTF8 : JSON_UTF8;
    }

    static void refuse(RoutingContext rc, Refusal refusal) {
        refuse(rc, refusal.status, refusal.code, refusal.getMessage());
    }

    static void refuse(RoutingContext rc, int status, ApiErrorCode code, String message) {
        ErrorCodeMetrics.count(code);
        send(rc, status, body(code, message));
    }

    /** The body of a refusal; made once for the ones sent often (a shed request's 503). */
    static Buffer body(ApiErrorCode code, String message) {
        try {
            return Buffer.buffer(JSON.writeValueAsBytes(Map.of("errors", List.of(Map.of("message", message, "extensions",
                    Map.of("code", code.name()))))));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static void send(RoutingContext rc, int status, Buffer body) {
        rc.response().setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, contentType(acceptsGraphQLResponse(rc)))
                .putHeader(HttpHeaders.CACHE_CONTROL, HttpCaching.PRIVATE).end(body);
    }
}
