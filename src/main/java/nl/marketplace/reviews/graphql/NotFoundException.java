package nl.marketplace.reviews.graphql;

import io.smallrye.graphql.api.ErrorCode;

/** The id names nothing that exists (or that the caller may see). */
@ErrorCode("NOT_FOUND")
public class NotFoundException extends ApiException {

    public NotFoundException(String message) {
        super(message);
    }
}
