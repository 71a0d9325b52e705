package nl.marketplace.reviews.security;

import io.smallrye.graphql.api.ErrorCode;
import nl.marketplace.reviews.graphql.ApiException;

/** The caller may not see or do this; nothing was read or changed. */
@ErrorCode("FORBIDDEN")
public class ForbiddenException extends ApiException {

    public ForbiddenException(String message) {
        super(message);
    }
}
