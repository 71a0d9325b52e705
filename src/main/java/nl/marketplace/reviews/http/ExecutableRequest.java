package nl.marketplace.reviews.http;

import java.util.Map;

import graphql.language.OperationDefinition;
import io.vertx.ext.web.RoutingContext;
import nl.marketplace.reviews.db.ReadVersions;

/**
 * What the checks hand to the run ({@link GraphQLExecution}): the request, its whole document, the
 * document's operations as {@link DocumentCheck} found them (by name, "" for an anonymous one), and
 * for an anonymous GET whose answer may be cached the request as its ETag sees it and the versions
 * its reads note (both null otherwise).
 */
record ExecutableRequest(GraphQLHttpRequest request, String document, Map<String, OperationDefinition.Operation> operations,
        HttpCaching.Request cacheable, ReadVersions versions) {

    private static final String KEY = ExecutableRequest.class.getName();

    void handOn(RoutingContext rc) {
        rc.put(KEY, this);
        rc.next();
    }

    /** The request the checks handed on, or null (a subscription's handshake, an OPTIONS). */
    static ExecutableRequest of(RoutingContext rc) {
        return rc.get(KEY);
    }
}
