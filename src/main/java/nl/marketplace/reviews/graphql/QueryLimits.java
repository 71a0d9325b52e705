package nl.marketplace.reviews.graphql;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import graphql.ExecutionResult;
import graphql.GraphQL;
import graphql.execution.AbortExecutionException;
import graphql.execution.instrumentation.ChainedInstrumentation;
import graphql.execution.instrumentation.Instrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationValidationParameters;
import graphql.validation.ValidationError;
import io.smallrye.graphql.execution.QueryCache;
import graphql.execution.instrumentation.InstrumentationContext;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationExecuteOperationParameters;
import graphql.language.Field;
import graphql.language.FragmentDefinition;
import graphql.language.FragmentSpread;
import graphql.language.InlineFragment;
import graphql.language.OperationDefinition;
import graphql.language.Selection;
import graphql.language.SelectionSet;
import io.smallrye.graphql.spi.EventingService;

/**
 * The depth and size limits of a query (QUERY_TOO_COMPLEX): at most {@value #MAX_DEPTH} levels of
 * fields and {@value #MAX_FIELDS} fields, fragments expanded. In place of graphql-java's
 * MaxQueryDepthInstrumentation and MaxQueryComplexityInstrumentation, which SmallRye adds when
 * {@code quarkus.smallrye-graphql.instrumentation-query-*} is set, for two reasons:
 * <ul>
 * <li>they walk the whole query with graphql-java's QueryTraverser on every request (about 11% of the
 * page's CPU); the verdict depends on the document and the operation only, so it is worked out once
 * per distinct document and kept (fields under {@code @skip}/{@code @include} count whatever the
 * variables say, so the verdict is the same for all of them);</li>
 * <li>they count introspection too, so the standard introspection query of graphql-js, GraphiQL,
 * Apollo and GraphQL Code Generator (15 levels: {@code ofType} within {@code ofType}) was refused.
 * An operation that asks for introspection only ({@code __schema}, {@code __type},
 * {@code __typename}) is bounded by graphql-java's good-faith check instead (GoodFaithIntrospection,
 * on by default: {@code __schema} once, {@code __Type.fields} and the like once, at most 500
 * fields), whose refusal is QUERY_TOO_COMPLEX too ({@link RequestErrors}).</li>
 * </ul>
 * Installed before the GraphQL object is built (a SmallRye {@link EventingService},
 * META-INF/services), first in the chain SmallRye built.
 */
public class QueryLimits extends SimplePerformantInstrumentation implements EventingService {

    static final int MAX_DEPTH = 12;
    static final int MAX_FIELDS = 2_000;
    /** Verdicts kept: clients send a handful of documents; a flood of new ones only costs the walk. */
    private static final int REMEMBERED = 1_000;
    /** Longer documents are checked every time, not remembered (here and by the HTTP edge's document check). */
    public static final int MAX_REMEMBERED_LENGTH = 20_000;

    private record Key(String document, String operationName) {
    }

    /** Empty when within the limits, else the refusal's message. */
    private final Cache<Key, Optional<String>> verdicts = Caffeine.newBuilder().maximumSize(REMEMBERED).build();

    @Override
    public String getConfigKey() {
        return null; // always on
    }

    /** SmallRye's QueryCache, when it is all SmallRye instruments with: this instrumentation forwards its one step to it. */
    private volatile Instrumentation queryCache;

    @Override
    public GraphQL.Builder beforeGraphQLBuild(GraphQL.Builder builder) {
        // Ahead of what SmallRye chained (its QueryCache, which its context manager reads documents from too).
        Instrumentation smallRyes = builder.build().getInstrumentation();
        List<Instrumentation> theirs = smallRyes instanceof ChainedInstrumentation chained ? chained.getInstrumentations() : List.of(smallRyes);
        if (theirs.size() == 1 && theirs.get(0) instanceof QueryCache cache) {
            // The usual case. One plain instrumentation instead of a chain: graphql-java calls a chain for
            // every field of the answer, and chains of chains allocate a context per field and link (5% of
            // the dashboard page's CPU, JFR); QueryCache uses only the validation step (it keeps the valid documents).
            queryCache = cache;
            return builder.instrumentation(this);
        }
        List<Instrumentation> all = new java.util.ArrayList<>(List.of(this));
        all.addAll(theirs);
        return builder.instrumentation(new ChainedInstrumentation(all));
    }

    @Override
    public InstrumentationContext<List<ValidationError>> beginValidation(InstrumentationValidationParameters parameters,
            InstrumentationState state) {
        Instrumentation cache = queryCache;
        return cache == null ? super.beginValidation(parameters, state) : cache.beginValidation(parameters, null);
    }

    @Override
    public InstrumentationContext<ExecutionResult> beginExecuteOperation(InstrumentationExecuteOperationParameters parameters,
            InstrumentationState state) {
        var context = parameters.getExecutionContext();
        String document = context.getExecutionInput().getQuery();
        OperationDefinition operation = context.getOperationDefinition();
        Key key = new Key(document, operation.getName());
        Optional<String> verdict = document.length() > MAX_REMEMBERED_LENGTH
                ? verdict(operation, context.getFragmentsByName())
                : verdicts.get(key, ignored -> verdict(operation, context.getFragmentsByName()));
        if (verdict.isPresent()) {
            throw new AbortExecutionException(verdict.get());
        }
        return super.beginExecuteOperation(parameters, state);
    }

    /** Graphql-java's messages, which RequestErrors gives the code QUERY_TOO_COMPLEX. */
    static Optional<String> verdict(OperationDefinition operation, Map<String, FragmentDefinition> fragments) {
        if (introspectionOnly(operation.getSelectionSet(), fragments, new HashSet<>())) {
            return Optional.empty();
        }
        Walk walk = new Walk(fragments);
        walk.count(operation.getSelectionSet(), 1, new HashSet<>());
        if (walk.depth > MAX_DEPTH) {
            return Optional.of("maximum query depth exceeded " + walk.depth + " > " + MAX_DEPTH);
        }
        if (walk.fields > MAX_FIELDS) {
            return Optional.of("maximum query complexity exceeded " + walk.fields + " > " + MAX_FIELDS);
        }
        return Optional.empty();
    }

    private static boolean introspectionOnly(SelectionSet set, Map<String, FragmentDefinition> fragments, Set<String> seen) {
        for (Selection<?> selection : set.getSelections()) {
            boolean meta;
            if (selection instanceof Field field) {
                meta = field.getName().startsWith("__");
            } else if (selection instanceof InlineFragment inline) {
                meta = introspectionOnly(inline.getSelectionSet(), fragments, seen);
            } else if (selection instanceof FragmentSpread spread) {
                FragmentDefinition fragment = fragments.get(spread.getName());
                meta = fragment != null && seen.add(spread.getName()) && introspectionOnly(fragment.getSelectionSet(), fragments, seen);
            } else {
                meta = false;
            }
            if (!meta) {
                return false;
            }
        }
        return true;
    }

    /** Fields and their deepest level, fragments expanded (validation has refused fragment cycles before this runs). */
    private static final class Walk {
        private final Map<String, FragmentDefinition> fragments;
        int fields;
        int depth;

        Walk(Map<String, FragmentDefinition> fragments) {
            this.fragments = fragments;
        }

        void count(SelectionSet set, int level, Set<String> expanding) {
            if (set == null || fields > MAX_FIELDS) {
                return; // refused already: no need to walk an exponential fragment tree to the end
            }
            for (Selection<?> selection : set.getSelections()) {
                if (selection instanceof Field field) {
                    fields++;
                    depth = Math.max(depth, level);
                    count(field.getSelectionSet(), level + 1, expanding);
                } else if (selection instanceof InlineFragment inline) {
                    count(inline.getSelectionSet(), level, expanding);
                } else if (selection instanceof FragmentSpread spread) {
                    FragmentDefinition fragment = fragments.get(spread.getName());
                    if (fragment != null && expanding.add(spread.getName())) {
                        count(fragment.getSelectionSet(), level, expanding);
                        expanding.remove(spread.getName());
                    }
                }
            }
        }
    }
}
