package nl.marketplace.reviews.graphql;

import io.smallrye.graphql.api.ErrorCode;

/**
 * The connection to the database was lost while a change was being made: it may or may not have
 * been saved. The client reads before it tries again (a retry of a customer mail would send two).
 */
@ErrorCode("OUTCOME_UNKNOWN")
public class OutcomeUnknown extends ApiException {

    public OutcomeUnknown() {
        super("The connection to the database was lost during this change: it may or may not have been saved. "
                + "Read it back before you try again");
    }
}
