package nl.marketplace.reviews.graphql;

import graphql.schema.DataFetchingEnvironment;
import io.smallrye.graphql.execution.context.SmallRyeContext;
import io.smallrye.graphql.execution.context.SmallRyeContextManager;

/**
 * Look-ahead: what the client selected below the field whose resolver is running, so that one
 * statement can load a field together with the nested fields it will need.
 *
 * <p>SmallRye keeps the running field's context for the synchronous part of each resolver call
 * ({@code AbstractDataFetcher.get}); call this there, not from a later stage of a {@code Uni}.
 */
public final class Selection {

    private Selection() {
    }

    /**
     * Whether any of the paths (graphql-java globs relative to the running field, for example
     * {@code edges/node/revisions}; fragments and aliases included) is selected. False when the
     * selection cannot be read: the nested field then loads itself, which costs a statement but
     * never changes an answer (StatementCountTest notices).
     */
    public static boolean selects(String... paths) {
        SmallRyeContext context = SmallRyeContextManager.getCurrentSmallRyeContext();
        DataFetchingEnvironment environment = context == null ? null : context.unwrap(DataFetchingEnvironment.class);
        if (environment == null) {
            return false;
        }
        for (String path : paths) {
            if (environment.getSelectionSet().contains(path)) {
                return true;
            }
        }
        return false;
    }
}
