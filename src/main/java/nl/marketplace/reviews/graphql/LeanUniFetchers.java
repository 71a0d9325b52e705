package nl.marketplace.reviews.graphql;

import jakarta.json.JsonValue;
import jakarta.validation.ConstraintViolationException;

import org.eclipse.microprofile.graphql.GraphQLException;

import graphql.GraphQLContext;
import graphql.execution.DataFetcherResult;
import graphql.schema.DataFetchingEnvironment;
import graphql.schema.GraphQLNamedType;
import io.quarkus.smallrye.graphql.runtime.spi.datafetcher.QuarkusUniDataFetcher;
import io.smallrye.graphql.execution.context.SmallRyeContext;
import io.smallrye.graphql.execution.context.SmallRyeContextManager;
import io.smallrye.graphql.execution.datafetcher.PlugableBatchableDataFetcher;
import io.smallrye.graphql.schema.model.Operation;
import io.smallrye.graphql.schema.model.Type;
import io.smallrye.graphql.spi.DataFetcherService;
import io.smallrye.graphql.transformation.AbstractDataFetcherException;
import io.smallrye.graphql.validation.BeanValidationUtil;

/**
 * Calls the resolvers that return a {@code Uni} as Quarkus does, without building SmallRye's
 * {@code selectedFields} for every call. SmallRye 2.17 turns the field's whole selection set into
 * JSON twice per resolver call ({@code SmallRyeContextManager.populateFromDataFetchingEnvironment}),
 * eagerly and with no setting to turn it off: 18% of the dashboard page's CPU (JFR), for a value
 * this service never reads (look-ahead uses graphql-java's selection set, see {@link Selection}).
 * The context is otherwise the same: data fetching environment, field, arguments, path, source.
 *
 * <p>A SmallRye {@link DataFetcherService} (META-INF/services), asked before Quarkus' own. The rest
 * of {@code get} is SmallRye's {@code AbstractDataFetcher.get} as of 2.17; LeanUniFetchersTest fails
 * if the context loses what it must have or if SmallRye starts filling the selected fields itself.
 *
 * <p>A workaround for a framework limit: docs/upstream/smallrye-field-cost.md (what, upstream, tripwire).
 */
public class LeanUniFetchers implements DataFetcherService {

    @Override
    public Integer getPriority() {
        return 0; // Quarkus' service has 1; lower is asked first
    }

    @Override
    public PlugableBatchableDataFetcher<?, ?> getUniDataFetcher(Operation operation, Type type) {
        return new Lean<>(operation, type);
    }

    static final class Lean<K, T> extends QuarkusUniDataFetcher<K, T> {

        Lean(Operation operation, Type type) {
            super(operation, type);
        }

        @Override
        @SuppressWarnings("unchecked")
        public T get(DataFetchingEnvironment dfe) throws Exception {
            SmallRyeContext context = populate(operation, dfe);
            eventEmitter.fireBeforeDataFetch(context);
            DataFetcherResult.Builder<Object> resultBuilder = DataFetcherResult.newResult().localContext(dfe.getGraphQlContext());
            try {
                Object[] arguments = argumentHelper.getArguments(dfe).toArray();
                return invokeAndTransform(context, dfe, resultBuilder, arguments);
            } catch (AbstractDataFetcherException e) {
                e.appendDataFetcherResult(resultBuilder, dfe);
                eventEmitter.fireOnDataFetchError(context, e);
            } catch (GraphQLException e) {
                errorResultHelper.appendPartialResult(resultBuilder, dfe, e);
                eventEmitter.fireOnDataFetchError(context, e);
            } catch (ConstraintViolationException e) {
                BeanValidationUtil.addConstraintViolationsToDataFetcherResult(e.getConstraintViolations(),
                        operationInvoker.getMethod(), resultBuilder, dfe);
                return (T) resultBuilder.build();
            } catch (Throwable e) {
                eventEmitter.fireOnDataFetchError(context, e);
                throw e;
            }
            return invokeFailure(resultBuilder);
        }
    }

    /** SmallRyeContextManager.populateFromDataFetchingEnvironment without the selected fields. */
    static SmallRyeContext populate(Operation operation, DataFetchingEnvironment dfe) {
        SmallRyeContext current = SmallRyeContextManager.getCurrentSmallRyeContext();
        if (current == null) {
            current = SmallRyeContextManager.restoreSmallRyeContext(dfe);
        }
        if (current == null || !current.hasRequest()) {
            throw new IllegalStateException("No SmallRye request context for " + operation.getName());
        }
        SmallRyeContext context = current.clone();
        context.setDataFetchingEnvironment(dfe);
        context.setField(operation);
        context.setArguments(dfe.getArguments());
        context.setPath(dfe.getExecutionStepInfo().getPath().toString());
        context.setExecutionId(dfe.getExecutionId().toString());
        context.setFieldName(dfe.getField().getName());
        context.setSource(dfe.getSource());
        context.setSelectedFields(JsonValue.EMPTY_JSON_ARRAY);
        context.setSelectedAndSourceFields(JsonValue.EMPTY_JSON_ARRAY);
        context.setOperationType(dfe.getOperationDefinition().getOperation().toString());
        context.setParentTypeName(dfe.getParentType() instanceof GraphQLNamedType named ? named.getName() : null);
        GraphQLContext graphQLContext = dfe.getGraphQlContext();
        graphQLContext.put(SmallRyeContextManager.CONTEXT, context);
        SmallRyeContextManager.restore(context);
        return context;
    }
}
