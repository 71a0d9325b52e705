package nl.marketplace.reviews.graphql;

import io.smallrye.graphql.api.ErrorCode;

/** What a client sees of an unexpected failure: a fixed message and code, nothing of the cause. */
@ErrorCode("INTERNAL_SERVER_ERROR")
public class InternalServerError extends ApiException {

    public InternalServerError() {
        super("Internal server error");
    }
}
