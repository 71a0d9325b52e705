package nl.marketplace.reviews.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.quarkus.security.AuthenticationFailedException;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import nl.marketplace.reviews.graphql.ApiErrorCode;
import nl.marketplace.reviews.observability.ErrorCodeMetrics;

/**
 * A bearer token that is not valid (forged, expired, of another issuer, unsigned, garbage) is
 * refused before anything runs, as Quarkus does, with 401 and {@code WWW-Authenticate: Bearer}; but
 * with a GraphQL error and the code UNAUTHENTICATED in the body instead of an empty one, so that a
 * GraphQL client can tell it from a network failure and show it. The reason stays in the log.
 */
@ApplicationScoped
public class AuthenticationFailures {

    void install(@Observes Router router) {
        router.route("/graphql").order(-1001).failureHandler(rc -> {
            if (!(rc.failure() instanceof AuthenticationFailedException) || rc.response().headWritten()) {
                rc.next();
                return;
            }
            String accept = rc.request().getHeader(HttpHeaders.ACCEPT);
            String type = accept != null && accept.contains("application/graphql-response+json") ? "application/graphql-response+json"
                    : "application/json";
            ErrorCodeMetrics.count(ApiErrorCode.UNAUTHENTICATED);
            rc.response().setStatusCode(401).putHeader("WWW-Authenticate", "Bearer")
                    .putHeader(HttpHeaders.CONTENT_TYPE, type + "; charset=utf-8")
                    .end(new JsonObject().put("errors", new JsonArray().add(new JsonObject()
                            .put("message", "The bearer token is not valid (expired, not signed by the platform, or malformed): sign in again")
                            .put("extensions", new JsonObject().put("code", "UNAUTHENTICATED")))).encode());
        });
    }
}
