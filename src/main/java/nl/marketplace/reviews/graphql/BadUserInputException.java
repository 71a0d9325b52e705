package nl.marketplace.reviews.graphql;

import io.smallrye.graphql.api.ErrorCode;

/** An argument is malformed or out of range; the message names the argument. */
@ErrorCode("BAD_USER_INPUT")
public class BadUserInputException extends ApiException {

    public BadUserInputException(String argument, String problem) {
        super("Argument '" + argument + "': " + problem);
    }
}
