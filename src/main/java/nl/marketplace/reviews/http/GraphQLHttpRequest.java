package nl.marketplace.reviews.http;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A GraphQL-over-HTTP request as the edge read it, once ({@link RequestReader}): from a POST's body
 * or a GET's URL. The steps after it (persisted documents, the document check, the cache check, the
 * run) take this, not the body.
 *
 * @param get whether it came as a GET (queries only, cacheable when anonymous)
 * @param query the document as sent; null when a persisted query's hash stands for it
 * @param operationName the operation to run, or null
 * @param variables a JSON object, or null
 * @param extensions a JSON object, or null
 * @param graphqlResponse whether the client accepts application/graphql-response+json (request errors are then HTTP 400)
 */
public record GraphQLHttpRequest(boolean get, String query, String operationName, JsonNode variables, JsonNode extensions,
        boolean graphqlResponse) {

    /** The {@code extensions.persistedQuery} of Apollo's persisted-query link, or null. */
    public JsonNode persistedQuery() {
        return extensions == null ? null : extensions.get("persistedQuery");
    }

    /** The media type of the answer. */
    public String mediaType() {
        return graphqlResponse ? Refusals.GRAPHQL_RESPONSE : "application/json";
    }
}
