package nl.marketplace.reviews.graphql;

/**
 * Every {@code extensions.code} a top-level GraphQL error of this service can carry: the one list
 * that the README and the schema's description show, and that ErrorCodesTest holds the service to.
 * (Mutations report what the caller can fix in {@code userErrors} instead, with {@link UserErrorCode}.)
 */
public enum ApiErrorCode {
    /** HTTP 400: the body is not a GraphQL request (not JSON, a field of the wrong type, no query). */
    BAD_REQUEST,
    /** HTTP 415: no Content-Type, or one other than application/json. */
    UNSUPPORTED_MEDIA_TYPE,
    /** HTTP 413: the body is larger than reviews.graphql.max-body-bytes. */
    PAYLOAD_TOO_LARGE,
    /** HTTP 405: a mutation or subscription sent with GET (queries only). */
    METHOD_NOT_ALLOWED,
    /** The persisted query's hash is not stored (yet): send the query with it, which stores it ("PersistedQueryNotFound"). */
    PERSISTED_QUERY_NOT_FOUND,
    /** HTTP 400: with reviews.graphql.trusted-documents-only, an anonymous caller sent a document that is not registered. */
    PERSISTED_QUERY_NOT_IN_LIST,
    /** The query sent with a persisted-query hash does not have that SHA-256. */
    PERSISTED_QUERY_HASH_MISMATCH,
    /** HTTP 400: the document is not GraphQL (a syntax error, too many tokens, too long a number). */
    GRAPHQL_PARSE_FAILED,
    /** The document does not fit the schema (an unknown field, a missing argument, a wrong operation name). */
    GRAPHQL_VALIDATION_FAILED,
    /** A value is wrong: an Int that is not whole, a malformed id, cursor or moment, a page size out of range. */
    BAD_USER_INPUT,
    /** The query is deeper than 12 levels or asks for more than 2,000 fields, or an introspection query repeats a meta field (graphql-java's good-faith check). */
    QUERY_TOO_COMPLEX,
    /** The caller may not see or do this (a private field, another partner's review). */
    FORBIDDEN,
    /** HTTP 401: the bearer token does not verify; or a subscription's token expired: sign in again. */
    UNAUTHENTICATED,
    /** No object with this id. */
    NOT_FOUND,
    /** The database cannot be reached right now; nothing was changed: try again in a few seconds. */
    SERVICE_UNAVAILABLE,
    /** A change lost its connection on the way: it may have been saved; read it back before trying again. */
    OUTCOME_UNKNOWN,
    /** A subscriber fell behind: subscribe again with after: the last cursor. */
    SUBSCRIPTION_OVERFLOW,
    /** The events after a cursor are no longer kept: refetch, then subscribe without after. */
    CURSOR_EXPIRED,
    /** Anything unexpected (logged with its cause, which is never sent). */
    INTERNAL_SERVER_ERROR
}
