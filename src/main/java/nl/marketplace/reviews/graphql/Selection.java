package nl.marketplace.reviews.graphql;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import graphql.execution.CoercedVariables;
import graphql.execution.ValuesResolver;
import graphql.language.Field;
import graphql.language.FragmentSpread;
import graphql.language.InlineFragment;
import graphql.language.SelectionSet;
import graphql.schema.DataFetchingEnvironment;
import graphql.schema.GraphQLFieldsContainer;
import graphql.schema.GraphQLTypeUtil;
import io.smallrye.graphql.execution.context.SmallRyeContext;
import io.smallrye.graphql.execution.context.SmallRyeContextManager;

/**
 * Look-ahead: what the client selected below the field whose resolver is running, so that one
 * statement can load a field together with the nested fields it will need.
 *
 * <p>Walks the query's own syntax tree (fields, fragment spreads, inline fragments; by field name,
 * so aliases count): graphql-java's {@code getSelectionSet().contains(glob)} normalizes the whole
 * operation and compiles a glob per call, which cost a tenth of the dashboard page's CPU (JFR).
 * A field under {@code @skip} or {@code @include} counts as selected: loading it costs a little,
 * never an answer.
 *
 * <p>SmallRye keeps the running field's context for the synchronous part of each resolver call;
 * call this there, not from a later stage of a {@code Uni}.
 */
public final class Selection {

    private Selection() {
    }

    /**
     * Whether any of the paths (field names separated by "/", relative to the running field, for
     * example {@code edges/node/revisions}) is selected. False when the selection cannot be read:
     * the nested field then loads itself, which costs a statement but never changes an answer
     * (StatementCountTest notices).
     */
    public static boolean selects(String... paths) {
        SmallRyeContext context = SmallRyeContextManager.getCurrentSmallRyeContext();
        DataFetchingEnvironment environment = context == null ? null : context.unwrap(DataFetchingEnvironment.class);
        if (environment == null) {
            return false;
        }
        for (String path : paths) {
            String[] names = path.split("/");
            for (Field field : environment.getMergedField().getFields()) {
                if (selects(field.getSelectionSet(), names, 0, environment)) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * The arguments of the field {@code name} right below the running field, as graphql-java resolves
     * them for that field's own resolver (variables and defaults applied, input coerced); null when
     * it is not selected there exactly once (twice, even with the same arguments, or not at all), or
     * the selection cannot be read. A look-ahead that loads with them must be checked against what the
     * field's resolver is given: SmallRye converts them in its own way.
     */
    public static Map<String, Object> argumentsOfOnly(String name) {
        SmallRyeContext context = SmallRyeContextManager.getCurrentSmallRyeContext();
        DataFetchingEnvironment environment = context == null ? null : context.unwrap(DataFetchingEnvironment.class);
        if (environment == null
                || !(GraphQLTypeUtil.unwrapAll(environment.getFieldType()) instanceof GraphQLFieldsContainer type)
                || type.getFieldDefinition(name) == null) {
            return null;
        }
        List<Field> found = new ArrayList<>();
        for (Field field : environment.getMergedField().getFields()) {
            collect(field.getSelectionSet(), name, environment, found);
        }
        if (found.size() != 1) {
            return null;
        }
        // graphql-java's own argument resolution (ValuesResolver is @Internal: StatementCountTest trips when it changes).
        return ValuesResolver.getArgumentValues(environment.getGraphQLSchema().getCodeRegistry(), type.getFieldDefinition(name).getArguments(),
                found.get(0).getArguments(), CoercedVariables.of(environment.getVariables()), environment.getGraphQlContext(),
                environment.getLocale());
    }

    private static void collect(SelectionSet set, String name, DataFetchingEnvironment environment, List<Field> found) {
        if (set == null) {
            return;
        }
        for (graphql.language.Selection<?> selection : set.getSelections()) {
            if (selection instanceof Field field && field.getName().equals(name)) {
                found.add(field);
            } else if (selection instanceof InlineFragment fragment) {
                collect(fragment.getSelectionSet(), name, environment, found);
            } else if (selection instanceof FragmentSpread spread && environment.getFragmentsByName().get(spread.getName()) != null) {
                collect(environment.getFragmentsByName().get(spread.getName()).getSelectionSet(), name, environment, found);
            }
        }
    }

    /** Whether names[depth..] is a path of fields below the set: the fields named names[depth] found by collect, then below them. */
    private static boolean selects(SelectionSet set, String[] names, int depth, DataFetchingEnvironment environment) {
        List<Field> found = new ArrayList<>();
        collect(set, names[depth], environment, found);
        if (depth == names.length - 1) {
            return !found.isEmpty();
        }
        for (Field field : found) {
            if (selects(field.getSelectionSet(), names, depth + 1, environment)) {
                return true;
            }
        }
        return false;
    }
}
